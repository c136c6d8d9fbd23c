package storefront

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// countingShops counts the queries Access sends to the real shop store.
type countingShops struct {
	*storage.Shops
	gets, lookups atomic.Int64
}

func (c *countingShops) Get(ctx context.Context, shopID int64) (storage.Shop, error) {
	c.gets.Add(1)
	return c.Shops.Get(ctx, shopID)
}

func (c *countingShops) IsStorefrontOrigin(ctx context.Context, origin string) (bool, error) {
	c.lookups.Add(1)
	return c.Shops.IsStorefrontOrigin(ctx, origin)
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Access reads a shop once per TTL however many requests ask, and sees a
// change once the TTL has passed.
func TestAccessIsReadOncePerTTL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := &testClock{t: time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)}
	db := pgtest.NewDB(t)
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	store := storage.NewShops(db, keys, clk.now)
	shops := &countingShops{Shops: store}
	settings := storage.NewChatSettings(db, clk.now)
	shop, err := store.Install(ctx, "demo.myshopify.com", storage.OfflineToken{AccessToken: "shpat_demo"})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.UpdateDetails(ctx, shop.ID, storage.ShopDetails{StorefrontOrigins: []string{"https://shop.example"}}); err != nil {
		t.Fatal(err)
	}
	access := NewAccess(shops, settings, AccessTTL, clk.now)

	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := access.Shop(ctx, shop.ID)
			if err != nil || !a.Installed || !a.AllowsOrigin("https://shop.example") || !a.AllowsOrigin("https://demo.myshopify.com") {
				t.Errorf("access %+v, %v", a, err)
			}
		}()
	}
	wg.Wait()
	first := shops.gets.Load()
	for range 100 {
		access.Shop(ctx, shop.ID)
	}
	if n := shops.gets.Load(); n != first || n > 50 {
		t.Fatalf("%d reads for 150 requests within the TTL, %d of them after the first answer", n, n-first)
	}

	cs, _ := settings.Get(ctx, shop.ID)
	cs.Enabled = false
	if err := settings.Save(ctx, cs); err != nil {
		t.Fatal(err)
	}
	clk.advance(AccessTTL - time.Millisecond)
	if a, _ := access.Shop(ctx, shop.ID); !a.ChatEnabled {
		t.Fatal("the change was read before the TTL passed: the cache was not used")
	}
	clk.advance(time.Millisecond)
	if a, _ := access.Shop(ctx, shop.ID); a.ChatEnabled || shops.gets.Load() != first+1 {
		t.Fatalf("after the TTL: %+v, %d reads", a, shops.gets.Load())
	}
	if a, _ := access.Shop(ctx, 999_999); a.Installed {
		t.Fatal("a shop that does not exist is installed")
	}

	// Origins: looked up once per TTL, and an origin that is not one is
	// not looked up at all.
	for range 10 {
		if ok, err := access.IsStorefront(ctx, "https://shop.example"); !ok || err != nil {
			t.Fatalf("IsStorefront = %v, %v", ok, err)
		}
		if ok, _ := access.IsStorefront(ctx, "null"); ok {
			t.Fatal(`"null" is a storefront`)
		}
	}
	if n := shops.lookups.Load(); n != 1 {
		t.Fatalf("%d origin lookups, want 1", n)
	}
}
