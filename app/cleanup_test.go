package app_test

import (
	"context"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// The clean-up prunes old events, finished jobs and processed deliveries,
// and keeps recent ones.
func TestCleanUpPrunesOnlyWhatIsOld(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := context.Background()
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	events := storage.NewEvents(env.DB, time.Now)
	for range 2 {
		if _, err := events.Append(ctx, storage.NewEvent{ShopID: shopID, Kind: "test.event"}); err != nil {
			t.Fatal(err)
		}
	}
	env.DB.MustExec(`UPDATE events SET created_at = now() - interval '8 days' WHERE id = (SELECT min(id) FROM events WHERE kind = 'test.event')`)
	env.DB.MustExec(`UPDATE jobs SET finished_at = now() - interval '4 days' WHERE status = 'done'`)
	var doneBefore int
	env.DB.Get(&doneBefore, `SELECT count(*) FROM jobs WHERE status = 'done'`)
	if _, err := storage.NewJobs(env.DB, time.Now).Enqueue(ctx, storage.NewJob{Kind: "maintenance.clean_up"}); err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	var left, oldDone int
	env.DB.Get(&left, `SELECT count(*) FROM events WHERE kind = 'test.event'`)
	env.DB.Get(&oldDone, `SELECT count(*) FROM jobs WHERE status = 'done' AND finished_at < now() - interval '3 days'`)
	if left != 1 || oldDone != 0 || doneBefore == 0 {
		t.Fatalf("after the clean-up: %d of 2 events (want the recent one), %d old done jobs (had %d done)", left, oldDone, doneBefore)
	}
}

// The dashboard's count changes are folded into its counts by a job every
// instance queues periodically.
func TestDashboardChangesAreFoldedPeriodically(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	periodic := false
	for _, p := range env.App.Periodic {
		periodic = periodic || (p.Kind == storage.JobFoldDashboard && p.Interval <= time.Minute)
	}
	if !periodic {
		t.Fatalf("%s is not queued periodically, at least every minute", storage.JobFoldDashboard)
	}
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	env.DB.MustExec(`INSERT INTO dashboard_changes (shop_id, slot, dimension, value, delta)
		VALUES ($1, '2026-06-01 09:00+00', 'status', 'open', 1), ($1, '2026-06-01 09:00+00', 'status', 'open', 2)`, shopID)
	if _, err := storage.NewJobs(env.DB, time.Now).Enqueue(context.Background(), storage.NewJob{Kind: storage.JobFoldDashboard}); err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	var pending, counted, days int
	env.DB.Get(&pending, `SELECT count(*) FROM dashboard_changes`)
	env.DB.Get(&counted, `SELECT coalesce(sum(n), 0) FROM dashboard_counts WHERE shop_id = $1 AND dimension = 'status'`, shopID)
	env.DB.Get(&days, `SELECT coalesce(sum(n), 0) FROM dashboard_days WHERE shop_id = $1 AND dimension = 'status'`, shopID)
	if pending != 0 || counted != 3 || days != 3 {
		t.Fatalf("after the fold: %d changes pending, %d counted in quarter hours, %d in days; want 0, 3, 3", pending, counted, days)
	}
}
