package conversation

import (
	"context"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
)

// Job kinds of the periodic sweeps over every shop's conversations.
const (
	JobCloseInactive = "conversations.close_inactive"
	JobWakeSnoozed   = "conversations.wake_snoozed"
)

// SweepStore is the part of storage.Conversations the sweeps use.
type SweepStore interface {
	CloseInactive(ctx context.Context, before time.Time, limit int) (int, error)
	WakeSnoozed(ctx context.Context, now time.Time, limit int) (int, error)
}

// Sweeps are the timed changes of conversations, run as periodic jobs.
type Sweeps struct {
	Store SweepStore
	Now   func() time.Time
}

// sweepBatch is how many conversations one statement changes, so that no
// sweep holds many row locks at once.
const sweepBatch = 500

// CloseInactive closes the conversations the inactivity rule closes now
// (SPEC §1.7), a batch at a time, at once again while there is more.
func (s Sweeps) CloseInactive(ctx context.Context, _ storage.Job) error {
	return inBatches(func() (int, error) {
		return s.Store.CloseInactive(ctx, chat.AutoCloseCutoff(s.Now()), sweepBatch)
	})
}

// WakeSnoozed puts snoozed tickets whose time has come back in the Open view.
func (s Sweeps) WakeSnoozed(ctx context.Context, _ storage.Job) error {
	return inBatches(func() (int, error) { return s.Store.WakeSnoozed(ctx, s.Now(), sweepBatch) })
}

func inBatches(step func() (int, error)) error {
	for {
		n, err := step()
		if err != nil || n < sweepBatch {
			return err
		}
	}
}
