package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// ClaimKind is Claim for jobs of one kind only: a worker that runs a kind's
// jobs together (one transaction for several webhooks, say) takes more of
// that kind beside the one it claimed. The scan is the same ordered walk of
// index jobs_due, skipping the other kinds' rows.
func (s *Jobs) ClaimKind(ctx context.Context, kind string, limit int, lease time.Duration) ([]Job, error) {
	if limit < 1 || lease <= 0 || kind == "" {
		return nil, fmt.Errorf("claim needs a kind, a positive limit and lease: %w", ErrInvalid)
	}
	now := s.now()
	jobs := []Job{}
	err := s.db.SelectContext(ctx, &jobs, `WITH `+unflushedCTE+`, due AS MATERIALIZED (
			SELECT id AS due_id FROM jobs
			WHERE status IN ('queued', 'running') AND kind = $4
			  AND (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END) <= $1
			ORDER BY (CASE WHEN status = 'queued' THEN run_at ELSE locked_until END), id
			LIMIT $2
			FOR UPDATE SKIP LOCKED)
		UPDATE jobs SET status = 'running', locked_until = $3, attempts = attempts + 1, updated_at = $1
		FROM due, unflushed WHERE id = due_id
		RETURNING `+jobColumns, now, limit, now.Add(lease), kind)
	if err != nil {
		return nil, fmt.Errorf("claim %s jobs: %w", kind, err)
	}
	return jobs, nil
}

// CompleteAll is Complete for several claims in one statement, committed
// like Complete without waiting for the WAL flush. It returns the claims it
// completed; one missing was no longer running under that claim, as
// Complete's ErrNotFound says.
func (s *Jobs) CompleteAll(ctx context.Context, claims []JobClaim) ([]JobClaim, error) {
	done := []JobClaim{}
	if len(claims) == 0 {
		return done, nil
	}
	ids, attempts := make([]int64, len(claims)), make([]int64, len(claims))
	for i, c := range claims {
		ids[i], attempts[i] = c.ID, int64(c.Attempt)
	}
	err := s.db.SelectContext(ctx, &done, `WITH `+unflushedCTE+`
		UPDATE jobs SET status = 'done', locked_until = NULL, finished_at = $1, updated_at = $1
		FROM unnest($2::bigint[], $3::int[]) AS claim(id, attempt), unflushed
		WHERE jobs.id = claim.id AND jobs.attempts = claim.attempt AND jobs.status = 'running'
		RETURNING jobs.id, jobs.attempts`, s.now(), pq.Array(ids), pq.Array(attempts))
	if err != nil {
		return nil, fmt.Errorf("complete %d jobs: %w", len(claims), err)
	}
	return done, nil
}
