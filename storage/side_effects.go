package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// SideEffectState is what the sent-markers know of one call to the outside
// when a job is about to make it.
type SideEffectState int

const (
	// SideEffectNew: no run made the call before; the intent is now
	// recorded, and the caller makes the call.
	SideEffectNew SideEffectState = iota
	// SideEffectInterrupted: an earlier run recorded the intent and never
	// an outcome: it was cut off mid-call (a crash, a lost claim, a call
	// that ended without an answer), so the call may or may not have taken
	// effect. The caller decides, per side effect, whether to call again.
	SideEffectInterrupted
	// SideEffectSent: an earlier run made the call and it succeeded.
	SideEffectSent
)

// SideEffects are the sent-markers of calls to the outside that cannot be
// repeated safely (an email, an SMS). A job calls Begin before the call,
// then MarkSent after it succeeded, or Release when it failed for certain
// (refused, never connected), so a later run may try again.
type SideEffects struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewSideEffects returns the sent-marker store.
func NewSideEffects(db *sqlx.DB, now func() time.Time) *SideEffects {
	return &SideEffects{db: db, now: now}
}

// Begin records the intent to make the call named key for the shop, unless
// one is recorded already, and says what is known of it. Two runs at once
// cannot both get SideEffectNew: the insert decides. A shop that is gone is
// ErrNotFound.
func (s *SideEffects) Begin(ctx context.Context, shopID int64, key string) (SideEffectState, error) {
	var inserted []bool
	err := s.db.SelectContext(ctx, &inserted, `INSERT INTO side_effects (shop_id, key, intended_at) VALUES ($1, $2, $3)
		ON CONFLICT (shop_id, key) DO NOTHING RETURNING true`, shopID, key, s.now())
	if err != nil {
		if foreignKeyViolation(err) {
			return 0, fmt.Errorf("side effect %q of shop %d: %w", key, shopID, ErrNotFound)
		}
		return 0, fmt.Errorf("record intent %q of shop %d: %w", key, shopID, err)
	}
	if len(inserted) == 1 {
		return SideEffectNew, nil
	}
	var sentAt *time.Time
	err = s.db.GetContext(ctx, &sentAt, `SELECT sent_at FROM side_effects WHERE shop_id = $1 AND key = $2`, shopID, key)
	if err != nil {
		// Released between the insert and this read: another run failed
		// for certain; this one may call.
		return 0, notFound(err, "side effect %q of shop %d", key, shopID)
	}
	if sentAt != nil {
		return SideEffectSent, nil
	}
	return SideEffectInterrupted, nil
}

// MarkSent records that the call named key succeeded.
func (s *SideEffects) MarkSent(ctx context.Context, shopID int64, key string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE side_effects SET sent_at = $3 WHERE shop_id = $1 AND key = $2`, shopID, key, s.now())
	if err != nil {
		return fmt.Errorf("mark %q of shop %d sent: %w", key, shopID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("side effect %q of shop %d: %w", key, shopID, ErrNotFound)
	}
	return nil
}

// Release forgets the intent of a call that failed for certain, so that a
// later run makes it again; a call already marked sent stays marked.
func (s *SideEffects) Release(ctx context.Context, shopID int64, key string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM side_effects WHERE shop_id = $1 AND key = $2 AND sent_at IS NULL`, shopID, key)
	if err != nil {
		return fmt.Errorf("release %q of shop %d: %w", key, shopID, err)
	}
	return nil
}

// DeleteBefore deletes the markers recorded before cutoff, when no job that
// could make their call again is left (a job is retried for hours, not
// weeks), and returns how many went.
func (s *SideEffects) DeleteBefore(ctx context.Context, cutoff time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM side_effects WHERE intended_at < $1`, cutoff)
	if err != nil {
		return 0, fmt.Errorf("prune side effects: %w", err)
	}
	return res.RowsAffected()
}
