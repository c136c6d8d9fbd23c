package app_test

import (
	"context"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// The periodic wake-up puts a snoozed ticket whose time has come back in
// Open, unread, and leaves one snoozed for later.
func TestDueSnoozedTicketsWakeUp(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	ctx := context.Background()
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	profiles := storage.NewProfiles(env.DB, time.Now)
	convs := storage.NewConversations(env.DB, time.Now)
	var ids []int64
	for i, customer := range []int64{7001, 7002} {
		p, _ := profiles.ForCustomer(ctx, shopID, customer)
		res, err := convs.PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{
			ClientID: "f0000000-0000-4000-8000-00000000000" + string(rune('1'+i)), Body: "hi", Preview: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		convs.MarkRead(ctx, shopID, res.Conversation.ID)
		if _, err := convs.Snooze(ctx, shopID, res.Conversation.ID, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Conversation.ID)
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
