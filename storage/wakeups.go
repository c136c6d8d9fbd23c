package storage

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage/stages"
)

// Why writing transactions do not NOTIFY. PostgreSQL serialises the commits
// of every transaction that called NOTIFY: each takes one lock for the whole
// cluster's notification queue before its commit record and keeps it until
// that record is flushed, so such commits cannot share a WAL flush and the
// writers committed one fsync at a time. So a transaction that appends an
// event (appendEvent) or enqueues a job due now (enqueueJob) holds instead an
// advisory lock keyed by its own transaction id until it ends, and marks a
// wakeup; one loop per process (Events.WakeListeners, Jobs.WakeWorkers)
// waits for the marked transactions to end, then sends one notification for
// everything they wrote, from a transaction that writes nothing and so waits
// for no flush. A writer that tells its key (the events' appenders) is
// waited for alone; one that does not (the jobs' enqueuers) makes the loop
// wait for every transaction holding the lock at that moment, which includes
// the writers that started after it, on every instance. A wake-up lost to a
// crash between a writer's commit and the loop's NOTIFY is made up by the
// listeners' poll.

// wakeup is one kind of wake-up: the advisory lock space its writers hold
// their transaction's key in, the channel it notifies, and the running loops
// to mark. The loops are per process: a writer's transaction does not know
// which pool it came from, and a loop woken for another database's write
// costs one empty notification.
type wakeup struct {
	lockSpace int
	channel   string
	// rounds is how many notifications a loop may have waiting for their
	// writers at once; 1 when 0. A wakeup whose writers tell no key keeps
	// one: each of its rounds reads pg_locks, which takes every lock
	// partition, and waits for every holder anyway.
	rounds int
	// marked and ended, when set, record each marked write's time from
	// its mark, and from its transaction's end, to its notification.
	marked, ended *stages.Histogram
	mu            sync.Mutex
	loops         map[*wakeLoop]struct{}
}

// wakeLoop is one running loop: its signal, and the writes marked since
// its last notification.
type wakeLoop struct {
	ch    chan struct{}
	marks []wakeMark
}

// wakeMark is one marked write: its transaction's key, or anyTx, and when
// it was marked (a stages.Now reading).
type wakeMark struct {
	key int32
	at  int64
}

// anyTx is the key of a write that did not tell its transaction's key.
const anyTx = int32(-1)

// txKeySQL is the calling transaction's key: its id modulo 2^31-1, so the
// key names one transaction (until ids wrap past 2^31, when two keys may
// meet and one writer waits for another).
const txKeySQL = `(pg_current_xact_id()::text::bigint % 2147483647)::int`

// holdTxKeySQL takes the wakeup's lock ($1) for the calling transaction,
// under its key.
const holdTxKeySQL = `pg_advisory_xact_lock($1, ` + txKeySQL + `)`

// waitForHoldersSQL waits for every transaction holding a key in lock space
// $1 when the statement starts to end. pg_locks is read once; then each
// holder's key is taken, shared, in turn, which lasts as long as the slowest
// holder. The shared locks are released when the statement's transaction
// ends, and each names a transaction that has ended, so they block nobody.
const waitForHoldersSQL = `SELECT count(pg_advisory_xact_lock_shared($1, objid::int)) FROM pg_locks
	WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2 AND mode = 'ExclusiveLock' AND granted
	  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`

// mark tells the waiting loops that a writer holds the lock now, without
// saying which: the loop waits for every holder. It never blocks: a loop
// already marked sends one notification for both.
func (w *wakeup) mark() { w.markTx(anyTx) }

// markTx tells the waiting loops that the transaction whose key (txKeySQL)
// is key holds the lock now: the loop waits for that one.
func (w *wakeup) markTx(key int32) {
	m := wakeMark{key: key, at: stages.Now()}
	w.mu.Lock()
	defer w.mu.Unlock()
	for loop := range w.loops {
		loop.marks = append(loop.marks, m)
		select {
		case loop.ch <- struct{}{}:
		default:
		}
	}
}

// takeMarks returns the writes marked since the last call. When alone is
// false (other rounds are in flight) it leaves them, and returns none, if
// one of them told no key: such a round runs alone (see run).
func (w *wakeup) takeMarks(loop *wakeLoop, alone bool) []wakeMark {
	w.mu.Lock()
	defer w.mu.Unlock()
	marks := loop.marks
	if !alone && slices.ContainsFunc(marks, func(m wakeMark) bool { return m.key == anyTx }) {
		return nil
	}
	loop.marks = nil
	return marks
}

// keyedRounds is how many notifications the events' loop may have waiting
// for their writers at once: a writer that stays open (a slow transaction)
// holds back one of them, not every notification after it.
const keyedRounds = 4

// run notifies w.channel, with an empty payload, after the writers marked
// meanwhile end, until ctx ends (then it returns nil) or a notification
// fails. It notifies once at the start too, for writers marked while no loop
// ran, after every holder of the lock. Each notification waits for the
// writers marked before it started, on a connection of its own; the writers
// marked meanwhile start another, up to w.rounds at once. A round that
// waits for every holder (a writer told no key) runs alone: it would wait
// for the others' writers anyway, and notifications of rounds begun before
// it stay before its own.
func (w *wakeup) run(ctx context.Context, db *sqlx.DB) error {
	loop := &wakeLoop{ch: make(chan struct{}, 1), marks: []wakeMark{{key: anyTx, at: stages.Now()}}}
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
	roundCtx, stop := context.WithCancel(ctx)
	rounds := max(w.rounds, 1)
	done := make(chan error, rounds)
	inFlight, alone := 0, false
	defer func() {
		stop()
		for ; inFlight > 0; inFlight-- {
			<-done
		}
	}()
	start := func() {
		if alone || inFlight >= rounds {
			return
		}
		marks := w.takeMarks(loop, inFlight == 0)
		if len(marks) == 0 {
			return
		}
		alone = slices.ContainsFunc(marks, func(m wakeMark) bool { return m.key == anyTx })
		inFlight++
		go func() { done <- w.notifyAfter(roundCtx, db, marks) }()
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-loop.ch:
			start()
		case err := <-done:
			inFlight--
			alone = false // only a round alone ever sets it
			if err != nil {
				if ctx.Err() != nil {
					return nil
				}
				return err
			}
			start() // the writers marked while no round could start
		}
	}
}

// notifyAfter waits for the marked writers to end, then notifies, in one
// statement. The notification is only a hint and its transaction writes
// nothing, so it commits without waiting for a WAL flush
// (synchronous_commit off, for this statement's transaction only): it holds
// the notification queue's lock for microseconds.
func (w *wakeup) notifyAfter(ctx context.Context, db *sqlx.DB, marks []wakeMark) error {
	keys := make([]int64, 0, len(marks))
	for _, m := range marks {
		if m.key == anyTx {
			keys = nil
			break
		}
		keys = append(keys, int64(m.key))
	}
	if keys == nil {
		if _, err := db.ExecContext(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($2, '')
			FROM (`+waitForHoldersSQL+`) AS waited`, w.lockSpace, w.channel); err != nil {
			return fmt.Errorf("notify %s: %w", w.channel, err)
		}
		w.record(marks, nil)
		return nil
	}
	ended, err := w.notifyAfterKeys(ctx, db, keys)
	if err != nil {
		return err
	}
	w.record(marks, ended)
	return nil
}

// notifyAfterKeys waits for the transactions holding keys (their keys in
// the wakeup's lock space, taken shared one after the other), then
// notifies, in one statement; it returns when each was seen to have ended,
// by the server's clock. A key whose transaction has already ended is
// granted at once. Only the marked writers are waited for: none that
// started after them, and none of another instance.
func (w *wakeup) notifyAfterKeys(ctx context.Context, db *sqlx.DB, keys []int64) ([]time.Time, error) {
	var endedMicros pq.Int64Array
	err := db.QueryRowContext(ctx, `WITH ended AS MATERIALIZED (
			SELECT k.ord, pg_advisory_xact_lock_shared($1, k.key::int) AS waited, clock_timestamp() AS at
			FROM unnest($3::bigint[]) WITH ORDINALITY AS k(key, ord))
		SELECT set_config('synchronous_commit', 'off', true), pg_notify($2, ''),
			array_agg((extract(epoch FROM at) * 1000000)::bigint ORDER BY ord) FROM ended`,
		w.lockSpace, w.channel, pq.Array(keys)).Scan(new(string), new(string), &endedMicros)
	if err != nil {
		return nil, fmt.Errorf("notify %s: %w", w.channel, err)
	}
	ended := make([]time.Time, len(endedMicros))
	for i, us := range endedMicros {
		ended[i] = time.UnixMicro(us)
	}
	return ended, nil
}

// record times the notified writes, when the wakeup is timed: from each
// mark, and from each transaction's end when known.
func (w *wakeup) record(marks []wakeMark, ended []time.Time) {
	if w.marked == nil {
		return
	}
	for _, m := range marks {
		w.marked.Since(m.at)
	}
	for _, t := range ended {
		w.ended.Record(time.Since(t))
	}
}
