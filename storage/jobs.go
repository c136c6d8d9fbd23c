package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// JobsChannel is the NOTIFY channel on which newly due jobs are announced,
// once their transactions have committed (WakeWorkers), so idle workers wake
// at once instead of at their next poll.
const JobsChannel = "hubchat_jobs"

// enqueuersLockSpace is the first key of the advisory lock a transaction that
// enqueued a job due now holds, keyed by its transaction id, until it ends:
// WakeWorkers waits for its holders before it notifies (see wakeup).
const enqueuersLockSpace = 72_11_0008

// jobsWakeup wakes the workers once enqueuers have ended.
var jobsWakeup = &wakeup{lockSpace: enqueuersLockSpace, channel: JobsChannel}

// WakeWorkers sends JobsChannel a notification once the transactions that
// enqueued (or requeued) jobs due now have ended; one notification stands for
// all of them. It runs until ctx ends, then returns nil, or until a
// notification fails, which it returns: call it again (it notifies once when
// it starts). Run one per app instance (the job runner's ListenPostgres
// does): with none, workers find new jobs by their poll only.
func (s *Jobs) WakeWorkers(ctx context.Context) error {
	return jobsWakeup.run(ctx, s.db)
}

// JobStatus is where a job is in its life.
type JobStatus string

// The statuses. Only queued and running jobs are live: they hold their unique
// key and are seen by Claim.
const (
	JobQueued  JobStatus = "queued"  // waits for run_at
	JobRunning JobStatus = "running" // leased to a worker until locked_until
	JobDone    JobStatus = "done"    // completed; kept for debugging until DeleteFinishedBefore
	JobParked  JobStatus = "parked"  // given up on; kept with its reason until Requeue
)

// DefaultMaxAttempts is how many times a job runs when NewJob.MaxAttempts is 0.
const DefaultMaxAttempts = 10

// Job is one row of the queue.
type Job struct {
	ID          int64           `db:"id"`
	Kind        string          `db:"kind"`
	ShopID      int64           `db:"shop_id"` // 0 for a job of no shop
	Payload     json.RawMessage `db:"payload"`
	Status      JobStatus       `db:"status"`
	Attempts    int             `db:"attempts"` // runs started, this one included
	MaxAttempts int             `db:"max_attempts"`
	RunAt       time.Time       `db:"run_at"`
	LockedUntil *time.Time      `db:"locked_until"` // end of the lease while running
	LastError   string          `db:"last_error"`
	UniqueKey   string          `db:"unique_key"`
	CreatedAt   time.Time       `db:"created_at"`
	UpdatedAt   time.Time       `db:"updated_at"`
	FinishedAt  *time.Time      `db:"finished_at"` // when it was done or parked
}

// DecodePayload unmarshals the job's payload into v. A payload that does not fit
// is an ErrInvalid error, which tells the runner that retrying cannot help.
func (j *Job) DecodePayload(v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return fmt.Errorf("job %d (%s) has a malformed payload (%v): %w", j.ID, j.Kind, err, ErrInvalid)
	}
	return nil
}

// NewJob describes a job to enqueue.
type NewJob struct {
	Kind        string
	ShopID      int64     // 0 when the job belongs to no shop
	Payload     any       // marshalled to JSON; a json.RawMessage is stored as is
	RunAt       time.Time // zero means now
	UniqueKey   string    // optional; at most one queued or running job per key
	MaxAttempts int       // 0 means DefaultMaxAttempts
}

// Jobs is the durable job queue. Unlike the other stores it is global: it is the
// system's queue rather than a shop's data, so Claim, Complete, Retry, Park and
// DeleteFinishedBefore take no shop id. The methods meant for people acting on a
// shop's behalf (Parked, Requeue) are scoped to the shop.
type Jobs struct {
	db  *sqlx.DB
	now func() time.Time
	// claims and completions gather the claims by id and the completions
	// asked for at once into one statement each (jobs_together.go).
	claims      *combiner[idClaim, claimedByID]
	completions *combiner[JobClaim, error]
}

// NewJobs returns the queue in db, reading every time from now.
func NewJobs(db *sqlx.DB, now func() time.Time) *Jobs {
	s := &Jobs{db: db, now: now}
	s.claims, s.completions = newIDClaims(s), newCompletions(s)
	return s
}

// jobColumns maps NULL shop ids and keys to zero values so Job needs no pointers
// for them.
const jobColumns = `id, kind, COALESCE(shop_id, 0) AS shop_id, payload, status, attempts,
	max_attempts, run_at, locked_until, last_error, COALESCE(unique_key, '') AS unique_key,
	created_at, updated_at, finished_at`

// Enqueue stores a job and returns its id. When j.UniqueKey names a job that is
// still queued or running, nothing is stored and that job's id is returned with
// no error: the work it stands for is already pending. A job due now wakes
// listening workers once the job is committed.
func (s *Jobs) Enqueue(ctx context.Context, j NewJob) (int64, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue job: %w", err)
	}
	defer tx.Rollback()
	id, err := enqueueJob(ctx, tx, s.now(), j)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("enqueue job: commit: %w", err)
	}
	return id, nil
}

// enqueueJob is Enqueue inside the caller's transaction, so a job is stored
// together with the change it follows from, or not at all. Workers are woken
// for it once that transaction ends.
func enqueueJob(ctx context.Context, q sqlx.ExtContext, now time.Time, j NewJob) (int64, error) {
	if j.Kind == "" || j.ShopID < 0 || j.MaxAttempts < 0 {
		return 0, fmt.Errorf("a job needs a kind, and no negative shop id or attempts: %w", ErrInvalid)
	}
	payload, err := json.Marshal(j.Payload)
	if err != nil {
		return 0, fmt.Errorf("job %s: payload is not JSON (%v): %w", j.Kind, err, ErrInvalid)
	}
	runAt, maxAttempts := j.RunAt, j.MaxAttempts
	if runAt.IsZero() {
		runAt = now
	}
	if maxAttempts == 0 {
		maxAttempts = DefaultMaxAttempts
	}
	// The live job holding our key may finish between the insert that conflicts
	// with it and the look-up of its id; then the insert is tried again.
	for range 3 {
		var added []struct {
			ID    int64         `db:"id"`
			TxKey sql.NullInt32 `db:"tx_key"`
		}
		// A job due now has its transaction hold its key in the
		// enqueuers' lock space (notifyJobIfDue's lock), in the insert's
		// statement: the workers' wake-up then waits for this transaction.
		err := sqlx.SelectContext(ctx, q, &added, `WITH hold AS MATERIALIZED (
				SELECT pg_advisory_xact_lock($8, k.key), k.key AS tx_key FROM (SELECT `+txKeySQL+` AS key) k WHERE $9),
			j AS (
				INSERT INTO jobs (kind, shop_id, payload, max_attempts, run_at, unique_key, created_at, updated_at)
				VALUES ($1, NULLIF($2, 0), $3, $4, $5, NULLIF($6, ''), $7, $7)
				ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND status IN ('queued', 'running')
				DO NOTHING RETURNING id)
			SELECT j.id, (SELECT tx_key FROM hold) AS tx_key FROM j`,
			j.Kind, j.ShopID, string(payload), maxAttempts, runAt, j.UniqueKey, now, enqueuersLockSpace, !runAt.After(now))
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23503" {
			return 0, fmt.Errorf("no shop %d: %w", j.ShopID, ErrNotFound)
		}
		if err != nil {
			return 0, fmt.Errorf("enqueue job %s: %w", j.Kind, err)
		}
		if len(added) == 1 {
			if added[0].TxKey.Valid {
				jobsWakeup.markTx(added[0].TxKey.Int32)
			}
			return added[0].ID, nil
		}
		var id int64
		err = sqlx.GetContext(ctx, q, &id, `SELECT id FROM jobs
			WHERE unique_key = $1 AND status IN ('queued', 'running')`, j.UniqueKey)
		if err == nil {
			return id, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("enqueue job %s: find live job with its key: %w", j.Kind, err)
		}
	}
	return 0, fmt.Errorf("job %s: its unique key keeps changing hands; try again: %w", j.Kind, ErrConflict)
}

// notifyJobIfDue has the workers woken for a job due now once the caller's
// transaction ends (see WakeWorkers); a later one is found by polling, and
// waking workers for it would only cost them an empty claim. The transaction
// does not NOTIFY itself, so its commit shares WAL flushes with others.
func notifyJobIfDue(ctx context.Context, q sqlx.ExecerContext, now, runAt time.Time) error {
	if runAt.After(now) {
		return nil
	}
	if _, err := q.ExecContext(ctx, `SELECT `+holdTxKeySQL, enqueuersLockSpace); err != nil {
		return fmt.Errorf("notify job: %w", err)
	}
	jobsWakeup.mark()
	return nil
}

// unflushedCTE, the first CTE of a statement run as its own transaction
// that reads from it, has that transaction commit without waiting for its
// WAL flush (synchronous_commit off, for it alone). The queue's own
// bookkeeping, a claim and a worker's verdict, needs no flush: delivery is
// at least once, so a claim or verdict lost to a crash only runs the job
// again, and the WAL is written in order, so the later flushed commit of
// any other write carries it along. Writing them thus, a job's run waits
// for no flush but its handler's own.
const unflushedCTE = `unflushed AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))`

// Claim leases up to limit due jobs to the caller until now+lease and returns
// them, running, with their attempt counted. A job is due when it is queued and
// its run_at has come, or when it is running and its lease has lapsed (its worker
// is presumed dead). Concurrent claims never return the same job: rows another
// claim has locked are skipped rather than waited for. Jobs are taken in the
// order they became due.
func (s *Jobs) Claim(ctx context.Context, limit int, lease time.Duration) ([]Job, error) {
	if limit < 1 || lease <= 0 {
		return nil, fmt.Errorf("claim needs a positive limit and lease: %w", ErrInvalid)
	}
	now := s.now()
	jobs := []Job{}
	// The due expression repeats the one of index jobs_due, so this is an ordered
	// scan of live rows only. MATERIALIZED keeps LIMIT and the locks to one pass.
	err := s.db.SelectContext(ctx, &jobs, `WITH `+unflushedCTE+`, due AS MATERIALIZED (
			SELECT id AS due_id FROM jobs
			WHERE status IN ('queued', 'running')
			  AND (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END) <= $1
			ORDER BY (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id
			LIMIT $2
			FOR UPDATE SKIP LOCKED)
		UPDATE jobs SET status = 'running', locked_until = $3, attempts = attempts + 1, updated_at = $1
		FROM due, unflushed WHERE id = due_id
		RETURNING `+jobColumns, now, limit, now.Add(lease))
	if err != nil {
		return nil, fmt.Errorf("claim jobs: %w", err)
	}
	return jobs, nil
}

// Complete marks a running job done. attempt is the job's Attempts as its
// claim returned it: each claim counts one more, so the pair names one claim,
// and a worker that outlived its lease cannot settle a job another worker has
// claimed since. It is ErrNotFound when no job id is running under that
// claim (never claimed, already finished, or claimed again).
func (s *Jobs) Complete(ctx context.Context, id int64, attempt int) error {
	notDone, err := s.completions.do(ctx, JobClaim{ID: id, Attempt: attempt})
	if err != nil {
		return fmt.Errorf("complete job %d: %w", id, err)
	}
	return notDone
}

// Retry puts a running job back in the queue to run at at, keeping reason as its
// last error. A job that has used all its attempts is parked instead, and its
// last error says so before reason. attempt names the claim, as for Complete.
func (s *Jobs) Retry(ctx context.Context, id int64, attempt int, reason string, at time.Time) error {
	now := s.now()
	if at.IsZero() {
		at = now
	}
	return s.finish(ctx, "retry", id, `UPDATE jobs SET
		status = CASE WHEN attempts >= max_attempts THEN 'parked' ELSE 'queued' END,
		last_error = CASE WHEN attempts >= max_attempts
			THEN 'gave up after ' || attempts || ' attempts: ' || $2 ELSE $2 END,
		finished_at = CASE WHEN attempts >= max_attempts THEN $4::timestamptz END,
		run_at = $3, locked_until = NULL, updated_at = $4
		FROM unflushed WHERE id = $1 AND status = 'running' AND attempts = $5`, id, reason, at, now, attempt)
}

// Park stops a running job for good, keeping reason for whoever looks at it.
// attempt names the claim, as for Complete.
func (s *Jobs) Park(ctx context.Context, id int64, attempt int, reason string) error {
	return s.finish(ctx, "park", id, `UPDATE jobs
		SET status = 'parked', last_error = $2, locked_until = NULL, finished_at = $3, updated_at = $3
		FROM unflushed WHERE id = $1 AND status = 'running' AND attempts = $4`, id, reason, s.now(), attempt)
}

// finish runs a worker's verdict on running job id: query is an UPDATE
// of jobs reading from unflushed, so its commit does not wait for the WAL
// flush.
func (s *Jobs) finish(ctx context.Context, op string, id int64, query string, args ...any) error {
	res, err := s.db.ExecContext(ctx, `WITH `+unflushedCTE+` `+query, args...)
	if err != nil {
		return fmt.Errorf("%s job %d: %w", op, id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("%s job %d: %w", op, id, err)
	} else if n == 0 {
		return fmt.Errorf("no running job %d under this claim: %w", id, ErrNotFound)
	}
	return nil
}

// Parked returns up to limit of the shop's parked jobs, most recently parked
// first, each with the reason in LastError.
func (s *Jobs) Parked(ctx context.Context, shopID int64, limit int) ([]Job, error) {
	if limit < 1 {
		return nil, fmt.Errorf("limit must be positive: %w", ErrInvalid)
	}
	jobs := []Job{}
	if err := s.db.SelectContext(ctx, &jobs, `SELECT `+jobColumns+` FROM jobs
		WHERE shop_id = $1 AND status = 'parked'
		ORDER BY finished_at DESC, id DESC LIMIT $2`, shopID, limit); err != nil {
		return nil, fmt.Errorf("list parked jobs: %w", err)
	}
	return jobs, nil
}

// Failing returns up to limit of the shop's jobs of kind that failed:
// parked, or waiting to be tried again after a failure, most recent first,
// each with its last error.
func (s *Jobs) Failing(ctx context.Context, shopID int64, kind string, limit int) ([]Job, error) {
	jobs := []Job{}
	if err := s.db.SelectContext(ctx, &jobs, `SELECT `+jobColumns+` FROM jobs
		WHERE shop_id = $1 AND kind = $2 AND last_error <> '' AND status IN ('parked', 'queued')
		ORDER BY updated_at DESC, id DESC LIMIT $3`, shopID, kind, limit); err != nil {
		return nil, fmt.Errorf("list failing %s jobs: %w", kind, err)
	}
	return jobs, nil
}

// Requeue runs the shop's parked job id again now, with its attempts reset and
// its last error kept until the next outcome. It is ErrNotFound when the shop
// has no such parked job, and ErrConflict when another live job holds its
// unique key.
func (s *Jobs) Requeue(ctx context.Context, shopID, id int64) error {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("requeue job %d: %w", id, err)
	}
	defer tx.Rollback()
	now := s.now()
	res, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'queued', attempts = 0,
		run_at = $3, locked_until = NULL, finished_at = NULL, updated_at = $3
		WHERE shop_id = $1 AND id = $2 AND status = 'parked'`, shopID, id, now)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23505" {
		return fmt.Errorf("another job with the same key is already pending: %w", ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("requeue job %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("requeue job %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("no parked job %d in this shop: %w", id, ErrNotFound)
	}
	if err := notifyJobIfDue(ctx, tx, now, now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("requeue job %d: commit: %w", id, err)
	}
	return nil
}

// DeleteFinishedBefore deletes the done jobs that finished before t and returns
// how many it deleted. Parked jobs stay: each is a failure someone should see.
func (s *Jobs) DeleteFinishedBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM jobs WHERE status = 'done' AND finished_at < $1`, t)
	if err != nil {
		return 0, fmt.Errorf("delete finished jobs: %w", err)
	}
	return res.RowsAffected()
}
