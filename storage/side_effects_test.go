package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A sent-marker goes New → Interrupted (intent, no outcome) → Sent; a
// released intent starts again as New; keys are the shop's own.
func TestSideEffectsRecordIntentThenSent(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	clock := newClock()
	store := storage.NewSideEffects(db, clock.Now)
	shop, other := jobTestShop(t, db, "effects"), jobTestShop(t, db, "effects-other")

	begin := func(shopID int64, key string, want storage.SideEffectState) {
		t.Helper()
		if got, err := store.Begin(ctx, shopID, key); err != nil || got != want {
			t.Fatalf("Begin(%d, %q) = %v, %v; want %v", shopID, key, got, err, want)
		}
	}
	begin(shop, "email.new_ticket.1", storage.SideEffectNew)
	begin(shop, "email.new_ticket.1", storage.SideEffectInterrupted)
	begin(other, "email.new_ticket.1", storage.SideEffectNew) // another shop's key
	if err := store.Release(ctx, shop, "email.new_ticket.1"); err != nil {
		t.Fatal(err)
	}
	begin(shop, "email.new_ticket.1", storage.SideEffectNew)
	if err := store.MarkSent(ctx, shop, "email.new_ticket.1"); err != nil {
		t.Fatal(err)
	}
	begin(shop, "email.new_ticket.1", storage.SideEffectSent)
	if err := store.Release(ctx, shop, "email.new_ticket.1"); err != nil {
		t.Fatal(err)
	}
	begin(shop, "email.new_ticket.1", storage.SideEffectSent) // a sent mark is never released
	if err := store.MarkSent(ctx, shop, "never.begun"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("mark without intent: %v, want not found", err)
	}
	if _, err := store.Begin(ctx, 1<<40, "x"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a shop that is gone: %v, want not found", err)
	}

	clock.Advance(8 * 24 * time.Hour)
	begin(shop, "email.new_ticket.2", storage.SideEffectNew)
	if n, err := store.DeleteBefore(ctx, clock.Now().Add(-7*24*time.Hour)); err != nil || n != 2 {
		t.Fatalf("pruned %d, %v; want the 2 week-old markers", n, err)
	}
	begin(shop, "email.new_ticket.2", storage.SideEffectInterrupted)
}

// Runs that begin the same call at once (a worker whose claim lapsed and
// the one that took the job over): exactly one may make the call.
func TestSideEffectsLetOneOfManyConcurrentRunsCall(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	db.SetMaxOpenConns(4)
	store := storage.NewSideEffects(db, time.Now)
	shop := jobTestShop(t, db, "effects-race")
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[storage.SideEffectState]int{}
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state, err := store.Begin(ctx, shop, "sms.7")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			counts[state]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if counts[storage.SideEffectNew] != 1 || counts[storage.SideEffectInterrupted] != 31 {
		t.Fatalf("states %v: want one run to call and 31 to find it under way", counts)
	}
}

// The new-ticket email quotes the first message only once the shop chose
// so; each shop's choice is its own.
func TestQuotesMessagesIsOffUntilTheShopChooses(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	store := storage.NewNotificationRecipients(db, time.Now)
	shop, other := jobTestShop(t, db, "quote"), jobTestShop(t, db, "quote-other")
	if on, err := store.QuotesMessages(ctx, shop); err != nil || on {
		t.Fatalf("by default: %v, %v; want off", on, err)
	}
	for _, want := range []bool{true, false, true} {
		if err := store.SetQuotesMessages(ctx, shop, want); err != nil {
			t.Fatal(err)
		}
		if on, err := store.QuotesMessages(ctx, shop); err != nil || on != want {
			t.Fatalf("after choosing %v: %v, %v", want, on, err)
		}
	}
	if on, _ := store.QuotesMessages(ctx, other); on {
		t.Fatal("another shop's choice changed this one")
	}
	if err := store.SetQuotesMessages(ctx, 1<<40, true); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a shop that is gone: %v, want not found", err)
	}
}
