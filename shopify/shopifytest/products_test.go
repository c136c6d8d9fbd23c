package shopifytest_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"hubchat/shopify/shopifytest"
)

func demoProduct(t *testing.T, s *shopifytest.DemoShop, id int64) shopifytest.DemoProduct {
	t.Helper()
	for _, p := range s.Products() {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no product %d", id)
	return shopifytest.DemoProduct{}
}

// payloadJSON is the payload as the app receives it.
func payloadJSON(t *testing.T, p shopifytest.DemoProduct) map[string]any {
	t.Helper()
	b, err := json.Marshal(shopifytest.ProductPayload(p, "https://cdn.example"))
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The products/* payload is Shopify's REST JSON: tags as one string,
// options with their values, a variant per combination of values with its
// inventory quantity and policy (no inventory_management since 2024-07); a
// product without options has Shopify's "Default Title" option and
// variant.
func TestProductPayloadIsShopifysRESTShape(t *testing.T) {
	s, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	hoodie := payloadJSON(t, demoProduct(t, s, 8001))
	if hoodie["tags"] != "merino, wool, hoodie, layering, men, women" || hoodie["product_type"] != "Hoodie" ||
		hoodie["vendor"] != "Hubchat Demo Outfitters" || hoodie["status"] != "active" {
		t.Errorf("hoodie = %v", hoodie)
	}
	options := hoodie["options"].([]any)
	if len(options) != 2 || options[0].(map[string]any)["name"] != "Size" || len(options[0].(map[string]any)["values"].([]any)) != 5 {
		t.Errorf("options = %v", options)
	}
	variants := hoodie["variants"].([]any)
	total := 0.0
	for _, v := range variants {
		v := v.(map[string]any)
		_, managed := v["inventory_management"] // gone from the webhooks since 2024-07
		if managed || v["inventory_policy"] != "deny" || v["price"] != "89.00" {
			t.Errorf("variant = %v", v)
		}
		total += v["inventory_quantity"].(float64)
	}
	if len(variants) != 15 || total != 42 || variants[0].(map[string]any)["title"] != "XS / Charcoal" {
		t.Errorf("%d variants holding %v units, first %v; want 15 holding 42, XS / Charcoal", len(variants), total, variants[0])
	}
	if img := hoodie["image"].(map[string]any)["src"]; img != "https://cdn.example/cdn/images/trailhead-merino-hoodie.svg" {
		t.Errorf("image src %v", img)
	}
	mug := payloadJSON(t, demoProduct(t, s, 8010))
	mugVariants := mug["variants"].([]any)
	if len(mugVariants) != 1 || mugVariants[0].(map[string]any)["inventory_quantity"] != 0.0 ||
		mugVariants[0].(map[string]any)["option1"] != "Default Title" {
		t.Errorf("the untracked mug's variants = %v", mugVariants)
	}
	if opts := mug["options"].([]any); len(opts) != 1 || opts[0].(map[string]any)["name"] != "Title" {
		t.Errorf("the mug's options = %v", opts)
	}
}

// The built-in catalog has what the agent answers product questions from,
// and one active product sold out.
func TestBuiltInCatalogHasProductFacts(t *testing.T) {
	s, err := shopifytest.NewDemoShop()
	if err != nil {
		t.Fatal(err)
	}
	if s.Info().PrimaryLocale != "en" {
		t.Errorf("primary locale %q", s.Info().PrimaryLocale)
	}
	soldOut := 0
	for _, p := range s.Products() {
		if p.ProductType == "" || p.Vendor == "" || len(p.Tags) == 0 {
			t.Errorf("product %d has no type, vendor or tags", p.ID)
		}
		if p.Status == "ACTIVE" && p.Inventory != nil && *p.Inventory == 0 {
			soldOut++
		}
	}
	if soldOut != 1 {
		t.Errorf("%d active products sold out, want 1", soldOut)
	}
}

// Product facts Shopify would refuse are refused in a seed.
func TestLoadDemoShopRejectsBadProductFacts(t *testing.T) {
	first := func(d map[string]any) map[string]any { return d["products"].([]any)[0].(map[string]any) }
	option := func(name string, values ...any) map[string]any { return map[string]any{"name": name, "values": values} }
	tests := map[string]func(d map[string]any){
		"bad locale": func(d map[string]any) { d["shop"].(map[string]any)["primary_locale"] = "not a locale!" },
		"four options": func(d map[string]any) {
			first(d)["options"] = []any{option("a", "1"), option("b", "1"), option("c", "1"), option("d", "1")}
		},
		"option, no values":  func(d map[string]any) { first(d)["options"] = []any{option("Size")} },
		"option, no name":    func(d map[string]any) { first(d)["options"] = []any{option(" ", "S")} },
		"negative inventory": func(d map[string]any) { first(d)["inventory"] = -1 },
		"tags not a list":    func(d map[string]any) { first(d)["tags"] = "a, b" },
	}
	for name, edit := range tests {
		if _, err := shopifytest.LoadDemoShop(bytes.NewReader(demoJSON(t, edit))); err == nil {
			t.Errorf("%s: loaded without error", name)
		}
	}
}
