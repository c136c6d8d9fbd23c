package app_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
)

// The periodic sweep closes conversations idle for 48 hours since the team's
// answer, and leaves the others.
func TestIdleConversationsAreClosedByTheSweep(t *testing.T) {
	t.Parallel()
	env, _, ids := twoTickets(t, "d")
	ctx := context.Background()
	env.DB.MustExec(`UPDATE conversations SET last_message_at = now() - interval '48 hours 1 minute', awaiting_reply_since = NULL WHERE id = $1`, ids[0])
	env.DB.MustExec(`UPDATE conversations SET last_message_at = now() - interval '47 hours', awaiting_reply_since = NULL WHERE id = $1`, ids[1])
	if _, err := storage.NewJobs(env.DB, time.Now).Enqueue(ctx, storage.NewJob{Kind: "conversations.close_inactive"}); err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	for i, want := range []string{"closed", "open"} {
		var status string
		env.DB.Get(&status, `SELECT status FROM conversations WHERE id = $1`, ids[i])
		if status != want {
			t.Errorf("conversation idle %s: %s, want %s", []string{"48h01", "47h"}[i], status, want)
		}
	}
}
