package webhooks_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// storedProduct is the product as the app stored it.
func storedProduct(t *testing.T, env *apptest.Env, id int64) storage.Product {
	t.Helper()
	shop, err := storage.NewShops(env.DB, env.Keys, time.Now).ByDomain(context.Background(), env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	list, err := storage.NewProducts(env.DB).List(context.Background(), shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range list {
		if p.ShopifyID == id {
			return p
		}
	}
	t.Fatalf("product %d not stored", id)
	return storage.Product{}
}

func demoProduct(t *testing.T, env *apptest.Env, id int64) shopifytest.DemoProduct {
	t.Helper()
	for _, p := range env.Shopify.Shop.Products() {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no demo product %d", id)
	return shopifytest.DemoProduct{}
}

// A merchant's edits reach the catalog through products/update with the
// product's type, vendor, tags and options; a product whose variants are
// all at 0 is sold out or not tracked, which the Admin API tells apart; a
// variant sold on when out of stock keeps it available.
func TestProductWebhooksCarryTheirFacts(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t) // the catalog's import
	ctx := context.Background()

	hoodie := demoProduct(t, env, 8001)
	hoodie.ProductType, hoodie.Vendor, hoodie.Tags = "Sweatshirt", "Trailhead Co", []string{"merino", "sale"}
	hoodie.Options = []shopifytest.DemoProductOption{{Name: "Size", Values: []string{"S", "M"}}}
	if _, err := env.Shopify.EditProduct(ctx, hoodie); err != nil {
		t.Fatal(err)
	}
	vest := demoProduct(t, env, 8009)
	restocked := 5
	vest.Inventory = &restocked
	if _, err := env.Shopify.EditProduct(ctx, vest); err != nil {
		t.Fatal(err)
	}
	shell := demoProduct(t, env, 8002)
	soldOut := 0
	shell.Inventory = &soldOut
	if _, err := env.Shopify.EditProduct(ctx, shell); err != nil {
		t.Fatal(err)
	}
	mug := demoProduct(t, env, 8010) // not tracked: its variant reports 0
	mug.Title = "Campfire Enamel Mug (12 oz)"
	if _, err := env.Shopify.EditProduct(ctx, mug); err != nil {
		t.Fatal(err)
	}
	waitForDeliveries(t, env)

	got := storedProduct(t, env, 8001)
	if got.ProductType != "Sweatshirt" || got.Vendor != "Trailhead Co" ||
		!reflect.DeepEqual([]string(got.Tags), []string{"merino", "sale"}) ||
		!reflect.DeepEqual(got.Options, storage.ProductOptions{{Name: "Size", Values: []string{"S", "M"}}}) {
		t.Errorf("the edited hoodie is stored as %+v", got)
	}
	if !storedProduct(t, env, 8009).Available {
		t.Error("the restocked down vest is stored sold out")
	}
	if storedProduct(t, env, 8002).Available {
		t.Error("the sold-out rain shell is stored available")
	}
	if got := storedProduct(t, env, 8010); !got.Available || got.Title != mug.Title || len(got.Options) != 0 {
		t.Errorf("the untracked mug = %+v, want available and without Shopify's Default Title option", got)
	}

	// A product Shopify sells on when out of stock: its variant says so.
	preorder := map[string]any{"id": 770002, "title": "Expedition Tent", "status": "active", "tags": "",
		"updated_at": time.Now().Format(time.RFC3339), "options": []any{map[string]any{"name": "Title", "values": []any{"Default Title"}}},
		"variants": []any{map[string]any{"price": "420.00", "inventory_quantity": -3, "inventory_policy": "continue"}}}
	send(t, env, shopifytest.Webhook{Topic: "products/create", Payload: preorder})
	waitForDeliveries(t, env)
	if got := storedProduct(t, env, 770002); !got.Available || len(got.Tags) != 0 {
		t.Errorf("the product sold on when out of stock = %+v, want available", got)
	}
}

// Tags or options of the wrong shape park the delivery with a reason that
// names them, and the next delivery is processed.
func TestMalformedProductIsParkedWithItsReason(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	product := func(id int) map[string]any {
		return map[string]any{"id": id, "title": "Linen shirt", "status": "active", "updated_at": time.Now().Format(time.RFC3339),
			"tags": "linen, summer", "variants": []any{map[string]any{"price": "45.00", "inventory_quantity": 3}}}
	}
	badTags := product(770010)
	badTags["tags"] = []any{"linen", "summer"}
	send(t, env, shopifytest.Webhook{Topic: "products/create", Payload: badTags})
	badOptions := product(770011)
	badOptions["options"] = map[string]any{"Size": "M"}
	send(t, env, shopifytest.Webhook{Topic: "products/update", Payload: badOptions})
	for _, reason := range []string{"tags are not a comma-separated string", `options are not a list of {"name", "values"}`} {
		apptest.Eventually(t, 10*time.Second, "the job to park: "+reason, func() bool {
			return count(t, env, `SELECT count(*) FROM jobs WHERE status = 'parked' AND strpos(last_error, $1) > 0`, reason) == 1
		})
	}
	send(t, env, shopifytest.Webhook{Topic: "products/create", Payload: product(770012)})
	waitForDeliveries(t, env)
	if got := storedProduct(t, env, 770012); !reflect.DeepEqual([]string(got.Tags), []string{"linen", "summer"}) || !got.Available {
		t.Errorf("the next delivery was stored as %+v", got)
	}
	if n := count(t, env, `SELECT count(*) FROM products WHERE shopify_id IN (770010, 770011)`); n != 0 {
		t.Errorf("%d malformed products stored", n)
	}
}

// A late products/update for a shop that has uninstalled the app, whose
// Admin API it can no longer ask, is stored (as sold out when its
// variants are at 0), not retried until parked.
func TestLateProductWebhookAfterUninstall(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	send(t, env, shopifytest.Webhook{Topic: "app/uninstalled", Payload: map[string]any{"myshopify_domain": env.Shop()}})
	env.WaitForJobs(t)
	late := map[string]any{"id": 770020, "title": "Trail stool", "status": "active", "updated_at": time.Now().Format(time.RFC3339),
		"variants": []any{map[string]any{"price": "30.00", "inventory_quantity": 0, "inventory_policy": "deny"}}}
	send(t, env, shopifytest.Webhook{Topic: "products/update", Payload: late})
	waitForDeliveries(t, env)
	if n := count(t, env, `SELECT count(*) FROM jobs WHERE status = 'parked' OR (kind = 'webhook.process' AND attempts > 1)`); n != 0 {
		t.Fatalf("%d delivery jobs failed", n)
	}
	if got := storedProduct(t, env, 770020); got.Available {
		t.Errorf("stored %+v, want it sold out", got)
	}
}
