package app

import (
	"context"
	"time"

	"hubchat/app/jobs"
	"hubchat/storage"
)

// jobWakeSnoozed is the periodic sweep that puts snoozed tickets whose time
// has come back in the Open view.
const jobWakeSnoozed = "conversations.wake_snoozed"

// wakeSnoozed wakes due snoozed tickets, a batch at a time, re-querying at
// once while there is more (as closeInactive does).
func wakeSnoozed(s *services, now func() time.Time) jobs.Handler {
	return func(ctx context.Context, _ storage.Job) error {
		const batch = 500
		for {
			n, err := s.conversations.WakeSnoozed(ctx, now(), batch)
			if err != nil || n < batch {
				return err
			}
		}
	}
}
