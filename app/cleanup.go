package app

import (
	"context"
	"time"

	"hubchat/app/jobs"
	"hubchat/storage"
)

// jobCleanUp prunes what is only kept for a while: the event log (for
// resuming streams), finished jobs (for debugging) and processed webhook
// deliveries (for recognising late duplicates).
const jobCleanUp = "maintenance.clean_up"

// How long each is kept. A widget offline for longer than the event log's
// week reloads its state instead of resuming; Shopify retries a webhook for
// four hours and may deliver one a day late.
const (
	keepEvents     = 7 * 24 * time.Hour
	keepDoneJobs   = 3 * 24 * time.Hour
	keepDeliveries = 7 * 24 * time.Hour
)

func cleanUp(s *services, now func() time.Time) jobs.Handler {
	return func(ctx context.Context, _ storage.Job) error {
		t := now()
		if _, err := s.events.DeleteBefore(ctx, t.Add(-keepEvents)); err != nil {
			return err
		}
		if _, err := s.jobs.DeleteFinishedBefore(ctx, t.Add(-keepDoneJobs)); err != nil {
			return err
		}
		_, err := s.webhooks.DeleteReceivedBefore(ctx, t.Add(-keepDeliveries))
		return err
	}
}
