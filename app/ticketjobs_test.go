package app_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
)

// The periodic wake-up puts a snoozed ticket whose time has come back in
// Open, unread, and leaves one snoozed for later.
func TestDueSnoozedTicketsWakeUp(t *testing.T) {
	t.Parallel()
	env, shopID, ids := twoTickets(t, "f")
	ctx := context.Background()
	convs := storage.NewConversations(env.DB, time.Now)
	for _, id := range ids {
		convs.MarkRead(ctx, shopID, id)
		if _, err := convs.Snooze(ctx, shopID, id, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	env.DB.MustExec(`UPDATE conversations SET snoozed_until = now() - interval '1 minute' WHERE id = $1`, ids[0])
	if _, err := storage.NewJobs(env.DB, time.Now).Enqueue(ctx, storage.NewJob{Kind: "conversations.wake_snoozed"}); err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	for i, want := range []string{"open", "snoozed"} {
		c, _ := convs.Get(ctx, shopID, ids[i])
		if c.Status != want {
			t.Errorf("ticket %d: %s, want %s", i, c.Status, want)
		}
		if want == "open" && (!c.Unread || c.SnoozedUntil != nil) {
			t.Errorf("woken ticket: unread %v, snoozed until %v", c.Unread, c.SnoozedUntil)
		}
	}
}
