package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// JobClaim names one claim of a job: its id and the attempt the claim
// counted (see Complete).
type JobClaim struct {
	ID      int64 `db:"id"`
	Attempt int   `db:"attempts"`
}

// Extend moves the lease of each running claim to now+lease — a worker's
// heartbeat, so a lease can be short (a dead worker's jobs are soon claimed
// again) while a live worker's long job stays its own. It returns the
// claims still held; a claim missing from the result is lost (the job
// finished, or its lease lapsed and another claim took it) and its worker
// should stop.
func (s *Jobs) Extend(ctx context.Context, claims []JobClaim, lease time.Duration) ([]JobClaim, error) {
	if lease <= 0 {
		return nil, fmt.Errorf("extend needs a positive lease: %w", ErrInvalid)
	}
	held := []JobClaim{}
	if len(claims) == 0 {
		return held, nil
	}
	ids, attempts := make([]int64, len(claims)), make([]int64, len(claims))
	for i, c := range claims {
		ids[i], attempts[i] = c.ID, int64(c.Attempt)
	}
	now := s.now()
	err := s.db.SelectContext(ctx, &held, `UPDATE jobs SET locked_until = $1, updated_at = $2
		FROM unnest($3::bigint[], $4::int[]) AS claim(id, attempt)
		WHERE jobs.id = claim.id AND jobs.attempts = claim.attempt AND jobs.status = 'running'
		RETURNING jobs.id, jobs.attempts`, now.Add(lease), now, pq.Array(ids), pq.Array(attempts))
	if err != nil {
		return nil, fmt.Errorf("extend %d job leases: %w", len(claims), err)
	}
	return held, nil
}
