package storage_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hubchat/storage"
)

func TestDeleteBeforeKeepsRecentEvents(t *testing.T) {
	f := newEventsFixture(t)
	ctx := context.Background()
	var ids []int64
	for range 5 {
		id, err := f.log.Append(ctx, f.message("x"))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
		f.clock.Advance(24 * time.Hour)
	}
	n, err := f.log.DeleteBefore(ctx, f.clock.Now().Add(-72*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("deleted %d, %v; want 2", n, err)
	}
	got, _ := f.log.AfterGlobal(ctx, 0, 10)
	if fmt.Sprint(eventIDs(got)) != fmt.Sprint(ids[2:]) {
		t.Fatalf("left %v, want %v", eventIDs(got), ids[2:])
	}
	if n, err := f.log.DeleteBefore(ctx, f.clock.Now()); err != nil || n != 3 {
		t.Fatalf("deleting the rest: %d, %v", n, err)
	}
}

// Pruning marks, per shop, the highest id it deleted: a shop whose events
// interleave with another's gets its own mark, a shop with nothing pruned
// has none, and a prune that deletes nothing of a shop leaves its mark.
func TestDeleteBeforeMarksHowFarEachShopWasPruned(t *testing.T) {
	f := newEventsFixture(t)
	ctx := context.Background()
	quiet, _, _ := eventsShopper(t, f.db, "events-quiet")
	add := func(e storage.NewEvent) int64 {
		id, err := f.log.Append(ctx, e)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	other := storage.NewEvent{ShopID: f.other, Kind: "message.created", ProfileID: f.otherProfile}
	a1, b1, a2 := add(f.message("a1")), add(other), add(f.message("a2"))
	f.clock.Advance(48 * time.Hour)
	a3 := add(f.message("a3"))
	marks := func() [3]int64 {
		t.Helper()
		var m [3]int64
		for i, shop := range []int64{f.shop, f.other, quiet} {
			var err error
			if m[i], err = f.log.PrunedThrough(ctx, shop); err != nil {
				t.Fatal(err)
			}
		}
		return m
	}
	if m := marks(); m != [3]int64{} {
		t.Fatalf("marks before any pruning: %v", m)
	}
	if n, err := f.log.DeleteBefore(ctx, f.clock.Now().Add(-24*time.Hour)); err != nil || n != 3 {
		t.Fatalf("deleted %d, %v; want 3", n, err)
	}
	if m, want := marks(), [3]int64{a2, b1, 0}; m != want {
		t.Fatalf("marks %v, want %v (events a1=%d b1=%d a2=%d)", m, want, a1, b1, a2)
	}
	f.clock.Advance(48 * time.Hour)
	if n, err := f.log.DeleteBefore(ctx, f.clock.Now().Add(-24*time.Hour)); err != nil || n != 1 {
		t.Fatalf("deleted %d, %v; want 1", n, err)
	}
	if m, want := marks(), [3]int64{a3, b1, 0}; m != want {
		t.Fatalf("marks %v, want %v", m, want)
	}
	// The log is empty now; a state read now is current to the last id.
	if latest, err := f.log.Latest(ctx); err != nil || latest != a3 {
		t.Fatalf("Latest of the emptied log: %d, %v; want the highest id pruned, %d", latest, err, a3)
	}
}
