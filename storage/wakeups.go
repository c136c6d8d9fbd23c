package storage

import (
	"context"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"

	"hubchat/stages"
)

// Why writing transactions do not NOTIFY. PostgreSQL serialises the commits
// of every transaction that called NOTIFY: each takes one lock for the whole
// cluster's notification queue before its commit record and keeps it until
// that record is flushed, so such commits cannot share a WAL flush and the
// writers committed one fsync at a time. So a transaction that appends an
// event (appendEvent) or enqueues a job due now (enqueueJob) holds instead an
// advisory lock keyed by its own transaction id until it ends, and marks a
// wakeup; one loop per process (Events.WakeListeners, Jobs.WakeWorkers)
// waits for the transactions holding that lock at that moment to end, then
// sends one notification for everything they wrote, from a transaction that
// writes nothing and so waits for no flush. A wake-up lost to a crash
// between a writer's commit and the loop's NOTIFY is made up by the
// listeners' poll.

// wakeup is one kind of wake-up: the advisory lock space its writers hold
// their transaction's key in, the channel it notifies, and the running loops
// to mark. The loops are per process: a writer's transaction does not know
// which pool it came from, and a loop woken for another database's write
// costs one empty notification.
type wakeup struct {
	lockSpace int
	channel   string
	// timed, when set, records each marked write's time to its
	// notification.
	timed *stages.Histogram
	mu    sync.Mutex
	loops map[*wakeLoop]struct{}
}

// wakeLoop is one running loop: its signal, and when each write marked
// since its last notification was marked (for stages.AppendToNotify).
type wakeLoop struct {
	ch     chan struct{}
	marked []int64
}

// holdTxKeySQL takes the wakeup's lock ($1) for the calling transaction,
// keyed by its id (modulo 2^31-1), so the key names one transaction.
const holdTxKeySQL = `pg_advisory_xact_lock($1, (pg_current_xact_id()::text::bigint % 2147483647)::int)`

// waitForHoldersSQL waits for every transaction holding a key in lock space
// $1 when the statement starts to end. pg_locks is read once; then each
// holder's key is taken, shared, in turn, which lasts as long as the slowest
// holder. The shared locks are released when the statement's transaction
// ends, and each names a transaction that has ended, so they block nobody.
const waitForHoldersSQL = `SELECT count(pg_advisory_xact_lock_shared($1, objid::int)) FROM pg_locks
	WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND mode = 'ExclusiveLock' AND granted
	  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`

// mark tells the waiting loops that a writer holds the lock now. It never
// blocks: a loop already marked sends one notification for both.
func (w *wakeup) mark() {
	now := stages.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	for loop := range w.loops {
		loop.marked = append(loop.marked, now)
		select {
		case loop.ch <- struct{}{}:
		default:
		}
	}
}

// takeMarks returns the times of the writes marked since the last call.
func (w *wakeup) takeMarks(loop *wakeLoop) []int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	marked := loop.marked
	loop.marked = nil
	return marked
}

// run notifies w.channel, with an empty payload, after the writers marked
// meanwhile end, until ctx ends (then it returns nil) or a notification
// fails. It notifies once at the start too, for writers marked while no loop
// ran.
func (w *wakeup) run(ctx context.Context, db *sqlx.DB) error {
	loop := &wakeLoop{ch: make(chan struct{}, 1)}
	loop.ch <- struct{}{}
	w.mu.Lock()
	if w.loops == nil {
		w.loops = map[*wakeLoop]struct{}{}
	}
	w.loops[loop] = struct{}{}
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		delete(w.loops, loop)
		w.mu.Unlock()
	}()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-loop.ch:
		}
		marked := w.takeMarks(loop)
		if err := w.notifyAfterHolders(ctx, db); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if w.timed != nil {
			for _, at := range marked {
				w.timed.Since(at)
			}
		}
	}
}

// notifyAfterHolders waits for the writers holding the lock now, then
// notifies, in one statement. The notification is only a hint and its
// transaction writes nothing, so it commits without waiting for a WAL flush
// (synchronous_commit off, for this statement's transaction only): it holds
// the notification queue's lock for microseconds.
func (w *wakeup) notifyAfterHolders(ctx context.Context, db *sqlx.DB) error {
	if _, err := db.ExecContext(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($2, '')
		FROM (`+waitForHoldersSQL+`) AS waited`, w.lockSpace, w.channel); err != nil {
		return fmt.Errorf("notify %s: %w", w.channel, err)
	}
	return nil
}
