package storage_test

import (
	"context"
	"sync"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func delivery(webhookID, eventID string) storage.NewDelivery {
	return storage.NewDelivery{
		ShopDomain: "hooks.myshopify.com", Topic: "app/uninstalled", WebhookID: webhookID,
		EventID: eventID, APIVersion: "2026-10", Body: []byte(`{"id":1}`),
	}
}

func countRows(t *testing.T, db interface {
	Get(dest any, query string, args ...any) error
}, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWebhookDuplicatesAreStoredAndQueuedOnce(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	tests := []struct {
		name  string
		d     storage.NewDelivery
		isNew bool
	}{
		{"first delivery", delivery("wh-1", "ev-1"), true},
		{"retry of the same delivery", delivery("wh-1", "ev-1"), false},
		{"same event, another delivery id", delivery("wh-2", "ev-1"), false},
		{"another event", delivery("wh-3", "ev-2"), true},
		{"no event id", delivery("wh-4", ""), true},
		{"no event id, retried", delivery("wh-4", ""), false},
	}
	for _, tt := range tests {
		if _, isNew, err := hooks.Record(ctx, tt.d); err != nil || isNew != tt.isNew {
			t.Fatalf("%s: isNew %v, %v; want %v", tt.name, isNew, err, tt.isNew)
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM webhook_deliveries`); n != 3 {
		t.Fatalf("%d deliveries stored, want 3", n)
	}
	if n := countRows(t, db, `SELECT count(*) FROM jobs WHERE kind = $1`, storage.JobProcessWebhook); n != 3 {
		t.Fatalf("%d processing jobs, want 3", n)
	}
}

func TestConcurrentDuplicateDeliveriesStoreOne(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, isNew, err := hooks.Record(ctx, delivery("wh-race", "ev-race"))
			if err != nil {
				t.Error(err)
			}
			if isNew {
				mu.Lock()
				created++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if created != 1 || countRows(t, db, `SELECT count(*) FROM jobs`) != 1 {
		t.Fatalf("%d recorded as new, want 1", created)
	}
}

func TestProcessedDeliveryDropsItsBody(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	hooks := storage.NewWebhooks(db, newClock().Now)
	id, _, err := hooks.Record(ctx, delivery("wh-body", ""))
	if err != nil {
		t.Fatal(err)
	}
	d, err := hooks.Delivery(ctx, id)
	if err != nil || string(d.Body) != `{"id":1}` || d.ProcessedAt.Valid {
		t.Fatalf("stored delivery %+v, %v", d, err)
	}
	if err := hooks.MarkProcessed(ctx, id); err != nil {
		t.Fatal(err)
	}
	d, _ = hooks.Delivery(ctx, id)
	if d.Body != nil || !d.ProcessedAt.Valid {
		t.Fatalf("after processing: body %q, processed %v", d.Body, d.ProcessedAt)
	}
}
