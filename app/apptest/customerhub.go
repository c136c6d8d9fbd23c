package apptest

import (
	"os"
	"path/filepath"
	"testing"

	"hubchat/shopify/shopifytest"
)

// WithCustomerHub has the local Shopify's storefront render the app's
// Customer Hub extension with its embed switched on, as a merchant does in
// the theme editor. Use it as Options.Shopify.
func WithCustomerHub(t testing.TB) func(*shopifytest.Config) {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), "extensions", "customer-hub")
	return func(c *shopifytest.Config) {
		c.ExtensionDirs = []string{dir}
		c.Embeds = shopifytest.SwitchedOn(shopifytest.CustomerHub)
	}
}

func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}
