package apptest

import (
	"path/filepath"
	"testing"

	"hubchat/shopify/shopifytest"
	"hubchat/storage/pgtest"
)

// WithCustomerHub has the local Shopify's storefront render the app's
// Customer Hub extension with its embed switched on, as a merchant does in
// the theme editor. Use it as Options.Shopify.
func WithCustomerHub(t testing.TB) func(*shopifytest.Config) {
	t.Helper()
	root, err := pgtest.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "extensions", "customer-hub")
	return func(c *shopifytest.Config) {
		c.ExtensionDirs = []string{dir}
		c.Embeds = shopifytest.SwitchedOn(shopifytest.CustomerHub)
	}
}
