package app

import (
	"context"

	"hubchat/app/admin"
	"hubchat/app/backfill"
	"hubchat/app/jobs"
	"hubchat/app/shopsync"
	"hubchat/storage"
)

// backfill builds the import's jobs. The daily reconcile is not in the
// app's global Periodic list: each shop's reconcile job enqueues the next
// one a day later (see backfill.JobReconcile), the first after install.
func (s *services) backfill(d Deps) *backfill.Jobs {
	return &backfill.Jobs{
		Importer: &backfill.Importer{
			Progress: storage.NewBackfills(d.DB, d.Now), Orders: newAttributedOrders(d),
			Products: storage.NewProducts(d.DB), Now: d.Now,
		},
		Shops: s.shops, Queue: s.jobs, SyncShopKind: shopsync.JobSyncShop, Unreconciled: storage.NewBackfills(d.DB, d.Now),
		Client: func(shop storage.Shop) (backfill.Source, error) { return s.clients.For(shop) },
	}
}

// backfillJobs are the worker's handlers for the backfill and reconcile.
func (s *services) backfillJobs(d Deps) map[string]jobs.Handler {
	b := s.backfill(d)
	return map[string]jobs.Handler{backfill.JobRun: b.Run, backfill.JobReconcile: b.Reconcile, backfill.JobReseed: b.Reseed}
}

// backfillPage is Settings → Data: the import's progress.
func (s *services) backfillPage(d Deps) *admin.Backfill {
	return admin.NewBackfill(storage.NewBackfills(d.DB, d.Now), s.render, d.Now)
}

// enqueueBackfill queues the backfill of a newly installed shop; the shop's
// details and policies are synced by the shop.sync job queued beside it.
func (s *services) enqueueBackfill(ctx context.Context, shop storage.Shop) error {
	return backfill.EnqueueFirst(ctx, s.jobs, shop, s.installer.Now())
}
