package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/benchdata"
	"hubchat/storage/pgtest"
)

// BenchmarkShopWall measures what the shop wall costs: the same store
// calls through the owner's pool (a superuser, whom row-level security
// lets through) and through the app's role (under the wall), in a shop
// with 20,000 tickets and 100,000 messages. "begin-in-shop" is the empty
// transaction of a store method, with and without the setting of its
// shop; "post-message" a shopper's message (a shop transaction writing
// five tables); "inbox-open" the inbox's first page, read from the pool
// (the policy's branch for no shop set).
func BenchmarkShopWall(b *testing.B) {
	f := newChatFixture(b)
	ctx := context.Background()
	if err := benchdata.InboxShop(ctx, f.db, f.shopID, 20_000); err != nil {
		b.Fatal(err)
	}
	var dbName string
	f.db.Get(&dbName, `SELECT current_database()`)
	pools := map[string]*sqlx.DB{"owner": f.db, "app-role": pgtest.Open(b, pgtest.AsAppRole(pgtest.URLFor(b, dbName)))}
	// The reads first, both roles on the same tables: each post below
	// updates its ticket, and a read measured after the other role's posts
	// would walk their dead index entries too (the first version of this
	// benchmark read as the app's role after twice as many posts, and
	// measured the difference as the wall's cost).
	for _, name := range []string{"owner", "app-role"} {
		convs := storage.NewConversations(pools[name], f.clock.Now)
		measureWall(b, name+"/inbox-open", func() error {
			_, err := convs.Inbox(ctx, f.shopID, storage.InboxFilter{Status: "open"})
			return err
		})
	}
	for i, name := range []string{"owner", "app-role"} {
		db := pools[name]
		convs := storage.NewConversations(db, f.clock.Now)
		measureWall(b, name+"/begin-in-shop", func() error {
			tx, err := storage.BeginInShop(ctx, db, f.shopID, nil)
			if err != nil {
				return err
			}
			return tx.Commit()
		})
		// Each role posts into a ticket of its own shopper.
		shopper, err := storage.NewProfiles(f.db, f.clock.Now).ForCustomer(ctx, f.shopID, int64(7100+i))
		if err != nil {
			b.Fatal(err)
		}
		measureWall(b, name+"/post-message", func() error {
			_, err := convs.PostFromShopper(ctx, f.shopID, shopper.ID, storage.ShopperPost{ClientID: newClientID(), Body: "hello", Preview: "hello"})
			return err
		})
	}
	measureWall(b, "owner/begin-plain", func() error {
		tx, err := f.db.BeginTxx(ctx, nil)
		if err != nil {
			return err
		}
		return tx.Commit()
	})
}

func measureWall(b *testing.B, name string, run func() error) {
	b.Run(name, func(b *testing.B) {
		var durations []time.Duration
		for b.Loop() {
			start := time.Now()
			if err := run(); err != nil {
				b.Fatal(err)
			}
			durations = append(durations, time.Since(start))
		}
		reportPercentiles(b, durations)
	})
}
