package app_test

import (
	"context"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// The periodic sweep closes conversations idle for 48 hours, and leaves the
// others.
func TestIdleConversationsAreClosedByTheSweep(t *testing.T) {
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
			ClientID: "d0000000-0000-4000-8000-00000000000" + string(rune('1'+i)), Body: "hi", Preview: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Conversation.ID)
	}
	env.DB.MustExec(`UPDATE conversations SET last_message_at = now() - interval '48 hours 1 minute' WHERE id = $1`, ids[0])
	env.DB.MustExec(`UPDATE conversations SET last_message_at = now() - interval '47 hours' WHERE id = $1`, ids[1])
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
