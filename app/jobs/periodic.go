package jobs

import (
	"context"
	"log/slog"
	"time"

	"hubchat/storage"
)

// Enqueuer adds a job to the queue.
type Enqueuer interface {
	Enqueue(ctx context.Context, j storage.NewJob) (int64, error)
}

// Periodic queues a job of kind every interval. Every app instance runs
// one; the unique key keeps at most one such job waiting across all of them,
// so the work runs about once per interval however many instances there are.
type Periodic struct {
	Queue    Enqueuer
	Kind     string
	Interval time.Duration
	Log      *slog.Logger
}

// Run queues the job now and then every interval until ctx ends.
func (p Periodic) Run(ctx context.Context) {
	t := time.NewTicker(p.Interval)
	defer t.Stop()
	for {
		if _, err := p.Queue.Enqueue(ctx, storage.NewJob{Kind: p.Kind, UniqueKey: "periodic:" + p.Kind}); err != nil && ctx.Err() == nil {
			p.Log.Warn("periodic job not queued", "kind", p.Kind, "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
