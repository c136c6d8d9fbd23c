package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
)

// pingEvery is how long the listener stays quiet before it checks its
// connection: a silently dropped one would otherwise lose wake-ups unnoticed.
const pingEvery = 90 * time.Second

// Waker sends storage.JobsChannel its notifications: storage.Jobs.WakeWorkers.
type Waker interface {
	WakeWorkers(ctx context.Context) error
}

// ListenPostgres returns a Config.Listen that LISTENs on storage.JobsChannel
// through its own connection to the database at dsn, and runs waker, this
// instance's sender of those notifications (enqueuing transactions do not
// NOTIFY themselves), until ctx ends. Its channel receives on
// every notification, after every reconnect (notifications sent while
// disconnected are lost) and once LISTEN first takes effect (jobs enqueued while
// connecting woke nobody). Wake-ups arriving while the runner is busy collapse
// into one. The connection is closed when ctx ends. A lost wake-up costs only
// latency: the runner still polls.
func ListenPostgres(dsn string, waker Waker, log *slog.Logger) func(ctx context.Context) (<-chan struct{}, error) {
	return func(ctx context.Context) (<-chan struct{}, error) {
		if _, err := pq.NewConnector(dsn); err != nil {
			return nil, fmt.Errorf("jobs listener: %w", err)
		}
		go wakeWorkers(ctx, waker, log)
		l := pq.NewListener(dsn, 100*time.Millisecond, 10*time.Second, func(ev pq.ListenerEventType, err error) {
			if err != nil {
				log.Warn("jobs listener", "event", ev.String(), "err", err)
			}
		})
		// Closing the listener also unblocks a Listen still waiting to connect.
		context.AfterFunc(ctx, func() { l.Close() })
		wake := make(chan struct{}, 1)
		go forward(ctx, l, wake, log)
		return wake, nil
	}
}

func forward(ctx context.Context, l *pq.Listener, wake chan<- struct{}, log *slog.Logger) {
	signal := func() {
		select {
		case wake <- struct{}{}:
		default: // a wake-up is already pending; one claim serves both
		}
	}
	if err := l.Listen(storage.JobsChannel); err != nil {
		if ctx.Err() == nil {
			log.Error("jobs listener: cannot LISTEN; polling only", "err", err)
		}
		return
	}
	signal()
	idle := time.NewTimer(pingEvery)
	defer idle.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-l.Notify:
			if !ok {
				return
			}
			signal() // nil after a reconnect: treat it as a wake-up too
			idle.Reset(pingEvery)
		case <-idle.C:
			// An error means no connection; the listener is reconnecting already.
			_ = l.Ping()
			idle.Reset(pingEvery)
		}
	}
}

// wakeRetry is how soon a failed waker runs again; the runner polls meanwhile.
const wakeRetry = time.Second

// wakeWorkers runs waker until ctx ends, again after each failure.
func wakeWorkers(ctx context.Context, waker Waker, log *slog.Logger) {
	for {
		err := waker.WakeWorkers(ctx)
		if err == nil {
			return
		}
		log.Warn("jobs: wake the workers; they find the jobs by their poll meanwhile", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wakeRetry):
		}
	}
}
