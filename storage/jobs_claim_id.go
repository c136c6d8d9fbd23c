package storage

import (
	"context"
	"fmt"
	"time"
)

// ClaimID leases job id to the caller until now+lease and returns it,
// running, with its attempt counted, when it is queued and due; ok is
// false when it is not (another worker claimed it first, it is done, or
// it is due later). It is the same atomic claim as Claim's, on one row:
// the instance that queued a job a person waits on runs it at once
// without taking another's, and a worker's claim racing it never gets the
// same attempt (the row is skipped by whichever comes second, or found no
// longer queued). A job whose lease lapsed is Claim's to take again, not
// this one's. Claims asked for at once are made in one statement
// (jobs_together.go).
func (s *Jobs) ClaimID(ctx context.Context, id int64, lease time.Duration) (Job, bool, error) {
	if lease <= 0 {
		return Job{}, false, fmt.Errorf("claim needs a positive lease: %w", ErrInvalid)
	}
	out, err := s.claims.do(ctx, idClaim{id: id, until: s.now().Add(lease)})
	if err != nil {
		return Job{}, false, fmt.Errorf("claim job %d: %w", id, err)
	}
	return out.job, out.ok, nil
}
