package adminapi

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	op, err := ParseQuery(`# leading comment
query Q($first: Int! = 5, $ids: [ID!]!, $q: String = "a \"b\" \/ c") {
  a: orders(first: $first, query: $q, sortKey: UPDATED_AT, reverse: true, x: -1.5e1, l: [1, "s"], o: {k: null}) {
    nodes { id, lineItems(first: 10) { nodes { title } } }
    pageInfo { hasNextPage }
  }
  shop { name }
}`)
	if err != nil {
		t.Fatal(err)
	}
	if op.Name != "Q" || len(op.Fields) != 2 {
		t.Fatalf("op = %+v", op)
	}
	if !reflect.DeepEqual(op.Defaults, map[string]any{"first": int64(5), "q": `a "b" / c`}) {
		t.Errorf("defaults = %#v", op.Defaults)
	}
	f := op.Fields[0]
	if f.Alias != "a" || f.Name != "orders" || op.Fields[1].Alias != "shop" {
		t.Errorf("alias/name = %q/%q, %q", f.Alias, f.Name, op.Fields[1].Alias)
	}
	args := []struct {
		name string
		vars map[string]any
		want any
		ok   bool
	}{
		{"first", nil, int64(5), true}, // the default
		{"first", map[string]any{"first": 20.0}, 20.0, true},
		{"sortKey", nil, "UPDATED_AT", true},
		{"reverse", nil, true, true},
		{"x", nil, -15.0, true},
		{"l", nil, []any{int64(1), "s"}, true},
		{"o", nil, map[string]any{"k": nil}, true},
		{"after", nil, nil, false},
	}
	for _, a := range args {
		got, ok := op.Arg(f, a.name, a.vars)
		if ok != a.ok || !reflect.DeepEqual(got, a.want) {
			t.Errorf("Arg(%s) = %#v, %v; want %#v, %v", a.name, got, ok, a.want, a.ok)
		}
	}
	li := f.Fields[0].Fields[1]
	if li.Name != "lineItems" || li.Args["first"].Lit != int64(10) {
		t.Errorf("nested field = %+v", li)
	}
}

func TestParseQueryRejects(t *testing.T) {
	tests := map[string]string{
		"subscription":    `subscription { orders { id } }`,
		"mutation, no {}": `mutation M($a: Int)`,
		"named fragment":  `{ shop { ...F } }`,
		"directive":       `{ shop @include(if: true) { name } }`,
		"block string":    `{ products(query: """x""") { nodes { id } } }`,
		"unterminated":    `{ shop { name }`,
		"trailing":        `{ shop { name } } }`,
		"empty":           `{ }`,
		"bad char":        `{ shop { na%me } }`,
		"bad string":      `{ products(query: "x) { nodes { id } } }`,
		"missing colon":   `{ orders(first 5) { nodes { id } } }`,
		"two operations":  `{ shop { name } } { shop { id } }`,
	}
	for name, q := range tests {
		if op, err := ParseQuery(q); err == nil {
			t.Errorf("%s: ParseQuery accepted %q as %+v", name, q, op)
		}
	}
}

func TestRequestedCostOfTheTypedQueries(t *testing.T) {
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  int
	}{
		// shop 1 + primaryDomain 1 + shopPolicies (a list, one object) 1
		{"shop", shopQuery, nil, 3},
		// customer 1 + email, phone, amountSpent objects
		{"customer", customerQuery, map[string]any{"id": "gid://shopify/Customer/1"}, 4},
		// 2 + 50 × (order 1 + customer 1 + totalPriceSet 2 + lineItems 2+10
		// + fulfillments, a list without a page size, 1 + its trackingInfo 1)
		{"orders page of 50", ordersQuery, map[string]any{"first": 50.0}, 902},
		{"orders page of 5", ordersQuery, map[string]any{"first": 5}, 92},
		// 2 + 40 × (product 1 + featuredMedia 3 + priceRangeV2 2 + options,
		// a list without a page size, 1 + variants 2+10): under the 1,000
		// points a single query may cost
		{"products page of the largest size", productsQuery, map[string]any{"first": MaxProductsPage}, 762},
		{"shop locales", shopLocalesQuery, nil, 1},
		// product 1 + variants 2+10
		{"product stock", productStockQuery, map[string]any{"id": "gid://shopify/Product/1"}, 13},
		{"edges form", `{ orders(first: 3) { edges { cursor node { id customer { id } } } } }`, nil, 8},
		{"app installation", appInstallationQuery, nil, 1},
		{"metafieldsSet", metafieldsSetMutation, map[string]any{"metafields": []any{}}, 10},
	}
	for _, tt := range tests {
		op, err := ParseQuery(tt.query)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := RequestedCost(op, tt.vars); got != tt.want {
			t.Errorf("%s: RequestedCost = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestActualCostChargesWhatCameBack(t *testing.T) {
	op, err := ParseQuery(ordersQuery)
	if err != nil {
		t.Fatal(err)
	}
	order := func(lines int, customer bool) any {
		o := map[string]any{"id": "x", "totalPriceSet": map[string]any{"shopMoney": map[string]any{"amount": "1.00"}}}
		var items []any
		for range lines {
			items = append(items, map[string]any{"title": "t"})
		}
		o["lineItems"] = map[string]any{"nodes": items}
		if customer {
			o["customer"] = map[string]any{"id": "c"}
		}
		return o
	}
	data := map[string]any{"orders": map[string]any{"nodes": []any{order(2, true), order(1, false)}}}
	// 2 + (1 + customer 1 + money 2 + lines 2+2) + (1 + money 2 + lines 2+1)
	if got := ActualCost(op, map[string]any{"first": 50}, data); got != 2+8+6 {
		t.Errorf("ActualCost = %d, want 16", got)
	}
	if got := ActualCost(op, nil, map[string]any{"orders": nil}); got != 0 {
		t.Errorf("ActualCost of null = %d", got)
	}
	if !strings.Contains(ordersQuery, "lineItems(first: 10)") {
		t.Error("the orders query's line-item page changed: update Order's docs and the cost figures")
	}
}

func TestParseMutation(t *testing.T) {
	op, err := ParseQuery(metafieldsSetMutation)
	if err != nil {
		t.Fatal(err)
	}
	if op.Type != OpMutation || op.Name != "HubchatMetafieldsSet" || len(op.Fields) != 1 || op.Fields[0].Name != "metafieldsSet" {
		t.Fatalf("op = %+v", op)
	}
	in := []any{map[string]any{"key": "chat"}}
	if got, ok := op.Arg(op.Fields[0], "metafields", map[string]any{"metafields": in}); !ok || !reflect.DeepEqual(got, in) {
		t.Errorf("Arg(metafields) = %#v, %v", got, ok)
	}
	// A literal input object, as a hand-written mutation would send it.
	op, err = ParseQuery(`mutation { a: metafieldsSet(metafields: [{key: "k", value: "v"}]) { userErrors { message } } b: metafieldsSet(metafields: []) { metafields { id } } }`)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := op.Arg(op.Fields[0], "metafields", nil); !reflect.DeepEqual(got, []any{map[string]any{"key": "k", "value": "v"}}) {
		t.Errorf("literal input = %#v", got)
	}
	// Shopify's default mutation cost, per field, whatever the payload selects.
	if got := RequestedCost(op, nil); got != 20 {
		t.Errorf("RequestedCost of two mutation fields = %d, want 20", got)
	}
	if got := ActualCost(op, nil, map[string]any{}); got != 20 {
		t.Errorf("ActualCost of two mutation fields = %d, want 20", got)
	}
	if op, err := ParseQuery(`{ shop { id } }`); err != nil || op.Type != OpQuery {
		t.Errorf("shorthand = %+v, %v; want a query", op, err)
	}
}
