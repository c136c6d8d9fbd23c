package eval_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/app/aiagent/eval"
	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// setsDir holds the question sets and the shops they are about.
const setsDir = "testdata"

// readShop reads a set's shop — the built-in demo shop, or a file of
// setsDir — with its times moved so that its present is now: the app's
// clock and the database's are the real ones, and the orders keep their
// age (the backfill reaches 60 days back, as Shopify lets it).
func readShop(t testing.TB, name string) *shopifytest.DemoShop {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(setsDir, name))
	if name == "demo" {
		raw, err = os.ReadFile(filepath.Join("..", "..", "..", "shopify", "shopifytest", "demo-shop.json"))
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	present, err := time.Parse(time.RFC3339, fmt.Sprint(doc["now"]))
	if err != nil {
		t.Fatalf("%s: now: %v", name, err)
	}
	moveTimes(doc, time.Now().Truncate(time.Second).Sub(present))
	moved, _ := json.Marshal(doc)
	shop, err := shopifytest.LoadDemoShop(bytes.NewReader(moved))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return shop
}

// moveTimes adds by to every time of a demo-shop document (the fields of
// docs/demo-shop.md that hold one).
func moveTimes(v any, by time.Duration) {
	switch v := v.(type) {
	case map[string]any:
		for k, field := range v {
			s, isText := field.(string)
			if !isText || !slices.Contains([]string{"now", "created_at", "updated_at", "cancelled_at"}, k) {
				moveTimes(field, by)
				continue
			}
			if t, err := time.Parse(time.RFC3339, s); err == nil {
				v[k] = t.Add(by).UTC().Format(time.RFC3339)
			}
		}
	case []any:
		for _, e := range v {
			moveTimes(e, by)
		}
	}
}

// installedShop is a shop installed into the app, with an engine over it.
type installedShop struct {
	shopID int64
	engine aiagent.Engine
	locale string
}

// installShop installs the app into the shop on a local Shopify as `make
// dev` does — the shop's details and policies synced, its products and
// orders backfilled through the Admin API, its app_knowledge imported —
// and returns the built-in engine over the app's database.
func installShop(t testing.TB, name string) installedShop {
	t.Helper()
	shop := readShop(t, name)
	env := apptest.Start(t, apptest.Options{Shopify: func(c *shopifytest.Config) { c.Shop = shop }})
	env.Install(t)
	if _, err := env.App.ImportDemoKnowledge(context.Background(), env.Shop(), shop.AppKnowledge()); err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops WHERE domain = $1`, env.Shop()); err != nil {
		t.Fatal(err)
	}
	checkSynced(t, env, shopID, shop)
	engine := builtin.New(storage.NewKnowledge(env.DB), storage.NewOrders(env.DB, time.Now), builtin.Options{})
	return installedShop{shopID: shopID, engine: engine, locale: shop.Info().PrimaryLocale}
}

// checkSynced fails unless the app has the shop's policies and every
// active product: an eval over half a shop would measure nothing.
func checkSynced(t testing.TB, env *apptest.Env, shopID int64, shop *shopifytest.DemoShop) {
	t.Helper()
	snap, err := storage.NewKnowledge(env.DB).Snapshot(context.Background(), shopID)
	if err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, p := range shop.Products() {
		if p.Status == "ACTIVE" {
			active++
		}
	}
	if len(snap.Products) != active || len(snap.Policies) != len(shop.Policies()) {
		t.Fatalf("%s: the app has %d products and %d policies, the shop %d active products and %d policies",
			shop.Info().Name, len(snap.Products), len(snap.Policies), active, len(shop.Policies()))
	}
}

// install installs each shop the sets are about, once.
func install(t testing.TB, sets []eval.Set) map[string]installedShop {
	t.Helper()
	shops := map[string]installedShop{}
	for _, set := range sets {
		if _, ok := shops[shopName(set)]; !ok {
			shops[shopName(set)] = installShop(t, set.Shop)
		}
	}
	return shops
}

// ask asks every question of sets of its installed shop.
func ask(t testing.TB, sets []eval.Set, shops map[string]installedShop) eval.Report {
	t.Helper()
	var report eval.Report
	for _, set := range sets {
		shop := shops[shopName(set)]
		warmUp(t, shop, set)
		for _, q := range set.Questions {
			r, err := eval.Ask(context.Background(), shop.engine, shop.shopID, q)
			if err != nil {
				t.Fatal(err)
			}
			r.Shop, r.Part = shopName(set), set.Part
			report.Results = append(report.Results, r)
		}
	}
	return report
}

// warmUp asks the set's first paraphrase untimed, so that the engine's
// index of the shop is built before the latencies are measured: they are
// those of a shop already loaded.
func warmUp(t testing.TB, shop installedShop, set eval.Set) {
	t.Helper()
	for _, q := range set.Questions {
		if q.Category == "paraphrase" {
			if _, err := shop.engine.Answer(context.Background(), shop.shopID, aiagent.Question{Text: q.Text, Language: q.Language}); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
}

// shopName names a set's shop in the report: its file name without
// ".json", or "demo".
func shopName(set eval.Set) string { return strings.TrimSuffix(set.Shop, ".json") }
