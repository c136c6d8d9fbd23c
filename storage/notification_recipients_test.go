package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestNotificationRecipientsAreAddedListedRemovedPerShop(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	store := storage.NewNotificationRecipients(db, newClock().Now)
	shop, other := jobTestShop(t, db, "notify"), jobTestShop(t, db, "notify-other")

	a, err := store.Add(ctx, shop, "Ops@Example.com", 20)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Add(ctx, shop, "lead@example.com", 20); err != nil {
		t.Fatal(err)
	}
	// The same address in other capitals is a duplicate; in another shop it is not.
	if _, err := store.Add(ctx, shop, "ops@EXAMPLE.com", 20); !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("duplicate: %v, want a conflict", err)
	}
	if _, err := store.Add(ctx, other, "ops@example.com", 20); err != nil {
		t.Fatalf("the other shop's own list: %v", err)
	}
	list, err := store.List(ctx, shop)
	if err != nil || len(list) != 2 || list[0].Email != "Ops@Example.com" || list[1].Email != "lead@example.com" {
		t.Fatalf("list: %+v %v", list, err)
	}
	// One shop cannot remove another's address.
	if err := store.Remove(ctx, other, a.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("remove another shop's address: %v, want not found", err)
	}
	if err := store.Remove(ctx, shop, a.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := store.List(ctx, shop); len(list) != 1 || list[0].Email != "lead@example.com" {
		t.Fatalf("after removal: %+v", list)
	}
	if list, _ := store.List(ctx, other); len(list) != 1 || list[0].ShopID != other {
		t.Fatalf("the other shop's list changed: %+v", list)
	}
}

// Adds racing for the last places never overfill the list.
func TestNotificationRecipientsStopAtTheMaximum(t *testing.T) {
	t.Parallel()
	ctx, db := context.Background(), pgtest.NewDB(t)
	store := storage.NewNotificationRecipients(db, newClock().Now)
	shop := jobTestShop(t, db, "full")
	const max = 5
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for i := range 12 {
		wg.Go(func() {
			_, err := store.Add(ctx, shop, fmt.Sprintf("agent%d@example.com", i), max)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	added := 0
	for err := range errs {
		switch {
		case err == nil:
			added++
		case !errors.Is(err, storage.ErrConflict):
			t.Fatalf("add: %v", err)
		}
	}
	list, _ := store.List(ctx, shop)
	if added != max || len(list) != max {
		t.Fatalf("%d added, %d listed, want %d", added, len(list), max)
	}
}
