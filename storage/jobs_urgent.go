package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// claimUrgentFirstQuery leases the due jobs of the urgent kinds ($4), in
// the order they became due, then fills the limit with the other kinds'
// due jobs in that order. Each part is an ordered range scan that stops at
// its limit: the urgent one walks index jobs_due_by_kind within the urgent
// kinds only, so a backlog of background jobs costs it nothing; the other
// walks jobs_due. The claimed rows are then updated by their keys: the
// planner cannot know the second part's limit, and joined to it would
// hash the whole table. The second part leaves out the urgent kinds: rows this
// statement locked in the first are not skipped by the second's SKIP
// LOCKED, and an urgent job another claim holds is that claim's.
const claimUrgentFirstQuery = `WITH ` + unflushedCTE + `, urgent AS MATERIALIZED (
		SELECT id AS due_id FROM jobs
		WHERE status IN ('queued', 'running') AND kind = ANY($4::text[])
		  AND (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END) <= $1
		ORDER BY (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id
		LIMIT $2
		FOR UPDATE SKIP LOCKED),
	background AS MATERIALIZED (
		SELECT id AS due_id FROM jobs
		WHERE status IN ('queued', 'running') AND kind <> ALL($4::text[])
		  AND (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END) <= $1
		ORDER BY (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id
		LIMIT least($2 - (SELECT count(*) FROM urgent), $5)
		FOR UPDATE SKIP LOCKED)
	UPDATE jobs SET status = 'running', locked_until = $3, attempts = attempts + 1, updated_at = $1
	FROM unflushed
	WHERE id = ANY(ARRAY(SELECT due_id FROM urgent UNION ALL SELECT due_id FROM background))
	RETURNING ` + jobColumns

// ClaimUrgentFirst is Claim with the due jobs of the urgent kinds taken
// before any other, whenever they became due: a job a person waits on
// (the AI agent's answer to a shopper) waits for a free worker, never
// behind a backlog of background work. The other kinds' jobs fill the
// rest of limit, at most backgroundLimit of them (0: none), so a runner can
// keep workers for the urgent kinds; they are taken whenever no urgent job
// is due, so they are delayed, never starved, while urgent jobs keep coming
// no faster than the workers run them.
func (s *Jobs) ClaimUrgentFirst(ctx context.Context, urgent []string, limit, backgroundLimit int, lease time.Duration) ([]Job, error) {
	if limit < 1 || backgroundLimit < 0 || lease <= 0 {
		return nil, fmt.Errorf("claim needs a positive limit and lease, and no negative background limit: %w", ErrInvalid)
	}
	if urgent == nil {
		urgent = []string{} // NULL would match no kind in either part
	}
	now := s.now()
	jobs := []Job{}
	err := s.db.SelectContext(ctx, &jobs, claimUrgentFirstQuery, now, limit, now.Add(lease), pq.Array(urgent), backgroundLimit)
	if err != nil {
		return nil, fmt.Errorf("claim jobs, urgent first: %w", err)
	}
	return jobs, nil
}
