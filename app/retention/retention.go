// Package retention prunes what hubchat keeps only for a while: the event
// log (for resuming streams), finished jobs (for debugging) and processed
// webhook deliveries (for recognising late duplicates).
package retention

import (
	"context"
	"time"

	"hubchat/storage"
)

// JobCleanUp is the kind of the hourly job that prunes.
const JobCleanUp = "maintenance.clean_up"

// How long each is kept. A widget offline for longer than the event log's
// week reloads its state instead of resuming; Shopify retries a webhook for
// four hours and may deliver one a day late.
const (
	KeepEvents     = 7 * 24 * time.Hour
	keepDoneJobs   = 3 * 24 * time.Hour
	keepDeliveries = 7 * 24 * time.Hour
	// A sent-marker only matters while a job could run its call again: a
	// job is retried for hours, so a week is ample.
	keepSideEffects = 7 * 24 * time.Hour
)

// The stores pruned.
type (
	EventLog interface {
		DeleteBefore(ctx context.Context, before time.Time) (int64, error)
	}
	JobQueue interface {
		DeleteFinishedBefore(ctx context.Context, before time.Time) (int64, error)
	}
	Deliveries interface {
		DeleteReceivedBefore(ctx context.Context, before time.Time) (int64, error)
	}
	SentMarkers interface {
		DeleteBefore(ctx context.Context, before time.Time) (int64, error)
	}
)

// CleanUp prunes each store of what is older than it is kept for.
type CleanUp struct {
	Events     EventLog
	Jobs       JobQueue
	Deliveries Deliveries
	Markers    SentMarkers
	Now        func() time.Time
}

// Run is the job's handler.
func (c CleanUp) Run(ctx context.Context, _ storage.Job) error {
	t := c.Now()
	if _, err := c.Events.DeleteBefore(ctx, t.Add(-KeepEvents)); err != nil {
		return err
	}
	if _, err := c.Jobs.DeleteFinishedBefore(ctx, t.Add(-keepDoneJobs)); err != nil {
		return err
	}
	if _, err := c.Deliveries.DeleteReceivedBefore(ctx, t.Add(-keepDeliveries)); err != nil {
		return err
	}
	_, err := c.Markers.DeleteBefore(ctx, t.Add(-keepSideEffects))
	return err
}
