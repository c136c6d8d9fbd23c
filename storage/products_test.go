package storage_test

import (
	"context"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// hoodie is a product with every fact the agent answers from.
func hoodie(updated time.Time) storage.Product {
	return storage.Product{ShopifyID: 8001, Title: "Merino hoodie", Handle: "merino-hoodie", Description: "Warm.",
		Price: "89.00", Status: "active", UpdatedAt: updated, ProductType: "Hoodie", Vendor: "Trailhead",
		Tags: []string{"merino", "winter"}, Available: true,
		Options: storage.ProductOptions{{Name: "Size", Values: []string{"S", "M", "L"}}, {Name: "Color", Values: []string{"Moss"}}}}
}

func listProducts(t *testing.T, k *knowledgeShop, shopID int64) []storage.Product {
	t.Helper()
	list, err := k.products.List(k.ctx, shopID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// A product's type, vendor, tags, options and availability come back as
// they were saved, from List and in the knowledge snapshot; one saved
// without tags or options comes back with none, not nil-versus-empty noise.
func TestProductFactsRoundTrip(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	want := hoodie(k.clk.Now())
	soldOut := storage.Product{ShopifyID: 8002, Title: "Rain shell", Handle: "rain-shell", Price: "149.00",
		Status: "active", UpdatedAt: k.clk.Now()}
	for _, p := range []storage.Product{want, soldOut} {
		if applied, err := k.products.Save(k.ctx, k.id, p); err != nil || !applied {
			t.Fatalf("save %s: %v, %v", p.Title, applied, err)
		}
	}
	list := listProducts(t, k, k.id)
	if len(list) != 2 {
		t.Fatalf("listed %d products", len(list))
	}
	got := list[0]
	got.UpdatedAt = got.UpdatedAt.UTC()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listed\n %+v\nwant\n %+v", got, want)
	}
	shell := list[1]
	if len(shell.Tags) != 0 || len(shell.Options) != 0 || shell.Available || shell.ProductType != "" {
		t.Errorf("a product saved without facts came back as %+v", shell)
	}
	snap := k.snapshot(t)
	if len(snap.Products) != 2 || !reflect.DeepEqual(snap.Products[0].Options, want.Options) ||
		snap.Products[0].Vendor != "Trailhead" || !snap.Products[0].Available || snap.Products[1].Available {
		t.Errorf("snapshot products = %+v", snap.Products)
	}
	if theirs := listProducts(t, k, k.other); len(theirs) != 0 {
		t.Errorf("the other shop lists %+v", theirs)
	}
}

// Deliveries come out of order: an older state of the product changes none
// of its facts, a newer one replaces all of them.
func TestProductFactsFollowOnlyNewerStates(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	t0 := k.clk.Now()
	if _, err := k.products.Save(k.ctx, k.id, hoodie(t0)); err != nil {
		t.Fatal(err)
	}
	older := storage.Product{ShopifyID: 8001, Title: "Hoodie (old)", Handle: "merino-hoodie", Price: "79.00",
		Status: "active", UpdatedAt: t0.Add(-time.Hour), ProductType: "Sweater", Vendor: "Old vendor", Tags: []string{"old"}}
	if applied, err := k.products.Save(k.ctx, k.id, older); err != nil || applied {
		t.Fatalf("an older state: applied %v, %v", applied, err)
	}
	if got := listProducts(t, k, k.id)[0]; got.ProductType != "Hoodie" || got.Vendor != "Trailhead" ||
		!reflect.DeepEqual([]string(got.Tags), []string{"merino", "winter"}) || !got.Available || len(got.Options) != 2 {
		t.Fatalf("an older state changed the facts: %+v", got)
	}
	newer := hoodie(t0.Add(time.Hour))
	newer.Tags, newer.Options, newer.Available, newer.Vendor = []string{"sale"}, nil, false, "Trailhead Co"
	if applied, err := k.products.Save(k.ctx, k.id, newer); err != nil || !applied {
		t.Fatalf("a newer state: applied %v, %v", applied, err)
	}
	if got := listProducts(t, k, k.id)[0]; got.Vendor != "Trailhead Co" || got.Available ||
		!reflect.DeepEqual([]string(got.Tags), []string{"sale"}) || len(got.Options) != 0 {
		t.Fatalf("the newer state was not stored whole: %+v", got)
	}
}

// The shop's primary locale, stored by a sync, is on the shop and in the
// snapshot, and a change of it changes the knowledge version.
func TestShopLocaleIsInTheSnapshot(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	if s := k.snapshot(t); s.Locale != "" {
		t.Fatalf("locale %q before any sync read it", s.Locale)
	}
	before := k.version(t)
	d := shopDetails
	d.PrimaryLocale = "es"
	if err := k.shops.UpdateDetails(k.ctx, k.id, d); err != nil {
		t.Fatal(err)
	}
	s := k.snapshot(t)
	if s.Locale != "es" || s.Version == before {
		t.Errorf("snapshot locale %q at version %d (was %d), want es at a new version", s.Locale, s.Version, before)
	}
	shop, err := k.shops.Get(k.ctx, k.id)
	if err != nil || shop.PrimaryLocale != "es" {
		t.Errorf("shop locale %q, %v", shop.PrimaryLocale, err)
	}
	if theirs, _ := k.knowledge.Snapshot(k.ctx, k.other); theirs.Locale != "" {
		t.Errorf("the other shop's locale is %q", theirs.Locale)
	}
}

// migrationsBefore are the embedded migrations older than name.
func migrationsBefore(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(storage.Migrations(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path >= name {
			return err
		}
		b, err := fs.ReadFile(storage.Migrations(), path)
		out[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Products stored before the facts existed stay available, and the next
// reconcile imports them again: the products backfill forgets where it
// finished, and the same state imported again is applied (with its facts),
// while an older one still is not.
func TestProductFactsMigrationPreparesAReimport(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := pgtest.Open(t, pgtest.NewEmptyURL(t))
	if err := storage.Migrate(ctx, db, migrationsBefore(t, "0026_"), quietLog()); err != nil {
		t.Fatal(err)
	}
	updated := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	db.MustExec(`INSERT INTO shops (id, domain, installed_at, updated_at) VALUES (1, 'old.myshopify.com', now(), now())`)
	db.MustExec(`INSERT INTO products (shop_id, shopify_id, title, status, updated_at) VALUES (1, 8001, 'Hoodie', 'active', $1)`, updated)
	db.MustExec(`INSERT INTO backfills (shop_id, resource, status, started_at, completed_since)
		VALUES (1, 'products', 'done', $1, $1), (1, 'orders', 'done', $1, $1)`, updated)
	if err := storage.Migrate(ctx, db, storage.Migrations(), quietLog()); err != nil {
		t.Fatal(err)
	}
	products := storage.NewProducts(db)
	list, err := products.List(ctx, 1)
	if err != nil || len(list) != 1 || !list[0].Available || len(list[0].Tags) != 0 {
		t.Fatalf("the old product after the migration: %+v, %v", list, err)
	}
	var unreconciled string
	db.Get(&unreconciled, `SELECT string_agg(resource, ',') FROM backfills WHERE completed_since IS NULL`)
	if unreconciled != "products" {
		t.Errorf("backfills to run in full: %q, want products only", unreconciled)
	}
	stale := storage.Product{ShopifyID: 8001, Title: "Stale", Status: "active", UpdatedAt: updated.Add(-time.Second)}
	if applied, _ := products.Save(ctx, 1, stale); applied {
		t.Error("a state older than the one held was applied")
	}
	again := hoodie(updated)
	if applied, err := products.Save(ctx, 1, again); err != nil || !applied {
		t.Fatalf("the same state imported again: applied %v, %v", applied, err)
	}
	if list, _ := products.List(ctx, 1); !strings.EqualFold(list[0].ProductType, "hoodie") {
		t.Errorf("the reimport brought no facts: %+v", list[0])
	}
}
