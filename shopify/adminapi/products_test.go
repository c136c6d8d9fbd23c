package adminapi_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"hubchat/shopify/adminapi"
	"hubchat/shopify/shopifytest"
)

// productsByID reads every product of the demo shop through Products.
func productsByID(t *testing.T, c *adminapi.Client) map[int64]adminapi.Product {
	t.Helper()
	out := map[int64]adminapi.Product{}
	for after, more := "", true; more; {
		page, err := c.Products(context.Background(), "", after, adminapi.MaxProductsPage)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range page.Products {
			out[p.NumericID] = p
		}
		after, more = page.EndCursor, page.HasNextPage
	}
	return out
}

// Products decodes what the agent answers product questions from: type,
// vendor, tags, options (without Shopify's "Default Title" placeholder)
// and whether a shopper can buy it, tracked and in stock, sold out, or not
// tracked at all.
func TestProductsCarryTheirFacts(t *testing.T) {
	c, _ := newDemoClient(t)
	products := productsByID(t, c)
	hoodie := products[8001]
	if hoodie.ProductType != "Hoodie" || hoodie.Vendor != "Hubchat Demo Outfitters" || !hoodie.Available ||
		!reflect.DeepEqual(hoodie.Tags, []string{"merino", "wool", "hoodie", "layering", "men", "women"}) {
		t.Errorf("hoodie = %+v", hoodie)
	}
	wantOptions := []adminapi.ProductOption{{Name: "Size", Values: []string{"XS", "S", "M", "L", "XL"}},
		{Name: "Color", Values: []string{"Charcoal", "Forest", "Oatmeal"}}}
	if !reflect.DeepEqual(hoodie.Options, wantOptions) {
		t.Errorf("hoodie options = %+v", hoodie.Options)
	}
	if vest := products[8009]; vest.Available || vest.ProductType != "Vest" {
		t.Errorf("the sold-out down vest = %+v, want not available", vest)
	}
	if mug := products[8010]; !mug.Available || mug.Options != nil || mug.ProductType != "Mug" {
		t.Errorf("the untracked mug without options = %+v, want available and no options", mug)
	}
}

// The shop's primary locale comes from shopLocales.
func TestPrimaryLocale(t *testing.T) {
	c, _ := newDemoClient(t)
	locale, err := c.PrimaryLocale(context.Background())
	if err != nil || locale != "en" {
		t.Errorf("PrimaryLocale = %q, %v; want en", locale, err)
	}
}

// ProductAvailable asks about one product: in stock, sold out, not
// tracked, or no longer there.
func TestProductAvailable(t *testing.T) {
	c, _ := newDemoClient(t)
	ctx := context.Background()
	for id, want := range map[int64]bool{8001: true, 8009: false, 8010: true} {
		if got, err := c.ProductAvailable(ctx, id); err != nil || got != want {
			t.Errorf("ProductAvailable(%d) = %v, %v; want %v", id, got, err, want)
		}
	}
	if _, err := c.ProductAvailable(ctx, 424242); !errors.Is(err, adminapi.ErrNotFound) {
		t.Errorf("an unknown product: %v, want not found", err)
	}
}

// shopLocales needs read_locales (or read_markets_home): without it
// Shopify answers ACCESS_DENIED.
func TestPrimaryLocaleNeedsItsScope(t *testing.T) {
	for scope, allowed := range map[string]bool{"read_products,read_locales": true, "read_markets_home": true, "read_products,read_markets": false} {
		c, _ := newDemoClientWith(t, shopifytest.AdminAPIOptions{ScopeOf: func(string, string) string { return scope }})
		locale, err := c.PrimaryLocale(context.Background())
		var ge *adminapi.GraphQLError
		switch {
		case allowed && (err != nil || locale != "en"):
			t.Errorf("granted %s: %q, %v", scope, locale, err)
		case !allowed && !(errors.As(err, &ge) && ge.HasCode("ACCESS_DENIED")):
			t.Errorf("granted %s: %q, %v; want ACCESS_DENIED", scope, locale, err)
		}
	}
}
