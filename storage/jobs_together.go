package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// Claims by id and completions, gathered. When many jobs a person waits on
// are queued at once (twenty shoppers asking the AI agent in the same
// moment), their instance claims each by its id (ClaimID) and records each
// one's completion (Complete): two statements a job, each a round trip,
// and on two cores shared with PostgreSQL the round trips are what a burst
// costs. Claims (and completions) asked for while one statement of them
// runs now go together into the next (combiner): one statement for all of
// them. One asked for alone is one statement at once, as before.

// maxTogether bounds the claims, or completions, of one statement.
const (
	maxTogether     = 64
	togetherTimeout = 10 * time.Second
)

// idClaim is one ClaimID call: the job and until when it is leased.
type idClaim struct {
	id    int64
	until time.Time
}

// claimedByID is one ClaimID call's result: the job, when it was claimed.
type claimedByID struct {
	job Job
	ok  bool
}

func newIDClaims(s *Jobs) *combiner[idClaim, claimedByID] {
	return &combiner[idClaim, claimedByID]{write: s.claimIDs, maxBatch: maxTogether, timeout: togetherTimeout}
}

func newCompletions(s *Jobs) *combiner[JobClaim, error] {
	return &combiner[JobClaim, error]{write: s.completeClaims, maxBatch: maxTogether, timeout: togetherTimeout}
}

// claimIDs claims the jobs of claims in one statement, ClaimID's claim
// for each: queued and due, skipped when another holds its row, leased
// until its own time. A job named twice is claimed by the first call only.
func (s *Jobs) claimIDs(ctx context.Context, claims []idClaim) ([]claimedByID, error) {
	ids, until := make([]int64, len(claims)), make([]time.Time, len(claims))
	for i, c := range claims {
		ids[i], until[i] = c.id, c.until
	}
	claimed := []Job{}
	err := s.db.SelectContext(ctx, &claimed, `WITH `+unflushedCTE+`,
		asked AS (SELECT DISTINCT ON (id) id, until FROM unnest($1::bigint[], $3::timestamptz[]) AS a(id, until)),
		due AS MATERIALIZED (
			SELECT j.id AS due_id, asked.until FROM jobs j JOIN asked ON asked.id = j.id
			WHERE j.status = 'queued' AND j.run_at <= $2
			ORDER BY j.id FOR UPDATE OF j SKIP LOCKED)
		UPDATE jobs SET status = 'running', locked_until = due.until, attempts = attempts + 1, updated_at = $2
		FROM due, unflushed WHERE id = due_id
		RETURNING `+jobColumns, pq.Array(ids), s.now(), pq.Array(until))
	if err != nil {
		return nil, fmt.Errorf("claim %d jobs by id: %w", len(claims), err)
	}
	byID := make(map[int64]Job, len(claimed))
	for _, j := range claimed {
		byID[j.ID] = j
	}
	out := make([]claimedByID, len(claims))
	for i, c := range claims {
		if j, ok := byID[c.id]; ok {
			out[i] = claimedByID{job: j, ok: true}
			delete(byID, c.id) // the first call for it takes it
		}
	}
	return out, nil
}

// completeClaims completes claims in one statement (CompleteAll): each
// call's outcome is nil, or ErrNotFound for a claim no longer running, as
// Complete says. A claim named twice is completed by the first call only.
func (s *Jobs) completeClaims(ctx context.Context, claims []JobClaim) ([]error, error) {
	done, err := s.CompleteAll(ctx, claims)
	if err != nil {
		return nil, err
	}
	completed := make(map[JobClaim]bool, len(done))
	for _, c := range done {
		completed[c] = true
	}
	out := make([]error, len(claims))
	for i, c := range claims {
		if !completed[c] {
			out[i] = fmt.Errorf("no running job %d under this claim: %w", c.ID, ErrNotFound)
		}
		delete(completed, c)
	}
	return out, nil
}
