package storage_test

import (
	"errors"
	"testing"
	"time"

	"hubchat/storage"
)

func TestBackfillRunResumesMovesOnlyFromItsCursorAndFinishes(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	clk := newClock()
	runs := storage.NewBackfills(f.db, clk.Now)
	since := clk.Now().Add(-60 * 24 * time.Hour)

	if _, err := runs.Get(f.ctx, f.shop.ID, storage.BackfillOrders); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("before any run: %v, want not found", err)
	}
	run, err := runs.Start(f.ctx, f.shop.ID, storage.BackfillOrders, &since)
	if err != nil || run.Status != storage.BackfillRunning || run.Cursor != "" || !run.Since.Equal(since) {
		t.Fatalf("start: %+v, %v", run, err)
	}
	if ok, err := runs.SavePage(f.ctx, f.shop.ID, storage.BackfillOrders, "", "c1", 50, clk.Now()); !ok || err != nil {
		t.Fatalf("first page: %v, %v", ok, err)
	}
	// A second worker that still thinks the run is at the start is refused.
	if ok, err := runs.SavePage(f.ctx, f.shop.ID, storage.BackfillOrders, "", "c1", 50, clk.Now()); ok || err != nil {
		t.Fatalf("a page from a stale cursor: %v, %v; want refused", ok, err)
	}
	// Starting again while it runs (a retried job) resumes it unchanged,
	// even with another bound.
	clk.Advance(time.Minute)
	later := clk.Now()
	again, err := runs.Start(f.ctx, f.shop.ID, storage.BackfillOrders, &later)
	if err != nil || again.Cursor != "c1" || again.Pages != 1 || again.Fetched != 50 || !again.Since.Equal(since) {
		t.Fatalf("restart while running: %+v, %v", again, err)
	}
	if err := runs.Fail(f.ctx, f.shop.ID, storage.BackfillOrders, "Shopify answered 502", false); err != nil {
		t.Fatal(err)
	}
	if r, _ := runs.Get(f.ctx, f.shop.ID, storage.BackfillOrders); r.Status != storage.BackfillRunning || r.LastError != "Shopify answered 502" {
		t.Fatalf("after a failure with attempts left: %+v", r)
	}
	if ok, err := runs.SavePage(f.ctx, f.shop.ID, storage.BackfillOrders, "c1", "c2", 20, clk.Now()); !ok || err != nil {
		t.Fatalf("second page: %v, %v", ok, err)
	}
	clk.Advance(time.Minute)
	if err := runs.Finish(f.ctx, f.shop.ID, storage.BackfillOrders); err != nil {
		t.Fatal(err)
	}
	done, err := runs.Get(f.ctx, f.shop.ID, storage.BackfillOrders)
	if err != nil || done.Status != storage.BackfillDone || done.Fetched != 70 || done.Pages != 2 || done.LastError != "" ||
		!done.CompletedSince.Equal(run.StartedAt) || !done.CompletedAt.Equal(clk.Now()) {
		t.Fatalf("done: %+v, %v", done, err)
	}
	// A finished run takes no more pages.
	if ok, _ := runs.SavePage(f.ctx, f.shop.ID, storage.BackfillOrders, "c2", "c3", 1, clk.Now()); ok {
		t.Fatal("a finished run took a page")
	}

	// The next run starts from nothing but keeps the last finished run's
	// start, where a reconcile begins.
	next, err := runs.Start(f.ctx, f.shop.ID, storage.BackfillOrders, &later)
	if err != nil || next.Cursor != "" || next.Fetched != 0 || !next.Since.Equal(later) || !next.CompletedSince.Equal(run.StartedAt) {
		t.Fatalf("next run: %+v, %v", next, err)
	}
	if err := runs.Fail(f.ctx, f.shop.ID, storage.BackfillOrders, "token revoked", true); err != nil {
		t.Fatal(err)
	}
	if r, _ := runs.Get(f.ctx, f.shop.ID, storage.BackfillOrders); r.Status != storage.BackfillFailed || r.LastError != "token revoked" || r.FinishedAt == nil {
		t.Fatalf("after the last attempt: %+v", r)
	}
}

func TestBackfillsAreTheShopsOwn(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	runs := storage.NewBackfills(f.db, newClock().Now)
	for _, r := range []string{storage.BackfillProducts, storage.BackfillOrders} {
		if _, err := runs.Start(f.ctx, f.shop.ID, r, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := runs.Start(f.ctx, f.other.ID, storage.BackfillOrders, nil); err != nil {
		t.Fatal(err)
	}
	if ok, _ := runs.SavePage(f.ctx, f.other.ID, storage.BackfillOrders, "", "x", 9, time.Now()); !ok {
		t.Fatal("the other shop's page was refused")
	}
	list, err := runs.List(f.ctx, f.shop.ID)
	if err != nil || len(list) != 2 || list[0].Resource != storage.BackfillOrders || list[1].Resource != storage.BackfillProducts {
		t.Fatalf("list: %+v, %v", list, err)
	}
	for _, r := range list {
		if r.ShopID != f.shop.ID || r.Fetched != 0 {
			t.Errorf("another shop's progress shows: %+v", r)
		}
	}
}
