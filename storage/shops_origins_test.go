package storage_test

import (
	"context"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A shop's storefront origins are replaced by each sync, and only an
// installed shop's origins (or its myshopify.com domain over https) count
// as a storefront.
func TestStorefrontOrigins(t *testing.T) {
	t.Parallel()
	ctx, clk := context.Background(), newClock()
	shops := storage.NewShops(pgtest.NewDB(t), testKeys(t), clk.Now)
	open, err := shops.Install(ctx, "open.myshopify.com", expiringToken(clk.Now(), "shpat_open", "shprt_open"))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := shops.Install(ctx, "gone.myshopify.com", expiringToken(clk.Now(), "shpat_gone", "shprt_gone"))
	if err != nil {
		t.Fatal(err)
	}
	if len(open.StorefrontOrigins) != 0 {
		t.Fatalf("a shop never synced has origins %q", open.StorefrontOrigins)
	}
	sync := func(id int64, origins ...string) {
		t.Helper()
		if err := shops.UpdateDetails(ctx, id, storage.ShopDetails{Name: "Shop", StorefrontOrigins: origins}); err != nil {
			t.Fatal(err)
		}
	}
	sync(open.ID, "https://old.example")
	sync(open.ID, "https://shop.example", "https://ca.shop.example")
	sync(gone.ID, "https://gone.example")
	if err := shops.MarkUninstalled(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := shops.Get(ctx, open.ID)
	if len(got.StorefrontOrigins) != 2 || got.StorefrontOrigins[0] != "https://shop.example" || got.StorefrontOrigins[1] != "https://ca.shop.example" {
		t.Fatalf("origins after the second sync: %q", got.StorefrontOrigins)
	}
	for origin, want := range map[string]bool{
		"https://shop.example":            true,
		"https://ca.shop.example":         true,
		"https://open.myshopify.com":      true,
		"https://old.example":             false, // replaced by the next sync
		"http://shop.example":             false,
		"https://shop.example:8443":       false,
		"http://open.myshopify.com":       false,
		"https://gone.example":            false, // uninstalled
		"https://gone.myshopify.com":      false,
		"https://evil.example":            false,
		"https://never.myshopify.com":     false,
		"https://open.myshopify.com:8443": false,
	} {
		if is, err := shops.IsStorefrontOrigin(ctx, origin); err != nil || is != want {
			t.Errorf("IsStorefrontOrigin(%q) = %v, %v; want %v", origin, is, err, want)
		}
	}
	sync(open.ID) // no origins: none is kept
	if got, _ := shops.Get(ctx, open.ID); len(got.StorefrontOrigins) != 0 {
		t.Errorf("origins after a sync that found none: %q", got.StorefrontOrigins)
	}
}
