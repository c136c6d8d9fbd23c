package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// twoTickets starts the app, installs it and opens one ticket for each of
// two customers; it returns the app, the shop's id and the tickets' ids.
func twoTickets(t *testing.T, clientPrefix string) (*apptest.Env, int64, []int64) {
	t.Helper()
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
			ClientID: fmt.Sprintf("%s0000000-0000-4000-8000-%012d", clientPrefix, i+1), Body: "hi", Preview: "hi"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, res.Conversation.ID)
	}
	return env, shopID, ids
}
