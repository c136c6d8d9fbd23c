package shopifytest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewStorefrontRefusesBrokenExtension(t *testing.T) {
	tests := []struct{ name, file, content, want string }{
		{"syntax error", "blocks/hub.liquid", "<p>\n{% if %}\n{% schema %}{\"name\":\"h\",\"target\":\"body\"}{% endschema %}", "blocks/hub.liquid line 2"},
		{"forbidden tag in snippet", "snippets/customer-card.liquid", "{% include 'x' %}", "snippets/customer-card.liquid line 1"},
		{"schema not JSON", "blocks/hub.liquid", "{% schema %}{name}{% endschema %}", "not valid JSON"},
		{"no schema", "blocks/hub.liquid", "<p>hi</p>", "no complete {% schema %}"},
		{"bad target", "blocks/hub.liquid", `{% schema %}{"name":"h","target":"footer"}{% endschema %}`, `target "footer"`},
		{"missing asset", "blocks/hub.liquid", `{% schema %}{"name":"h","target":"body","javascript":"gone.js"}{% endschema %}`, `"gone.js"`},
		{"too much Liquid", "snippets/big.liquid", strings.Repeat("x", maxExtensionLiquid), "Shopify allows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t, "hub-ext")
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := NewStorefront(newTestConfig(&testShopData{}, dir))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewStorefront: got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestNewStorefrontChecksConfig(t *testing.T) {
	tests := []struct {
		name, want string
		change     func(*StorefrontConfig)
	}{
		{"shop domain", "shop", func(c *StorefrontConfig) { c.Shop.PermanentDomain = "example.com" }},
		{"proxy prefix", "prefix", func(c *StorefrontConfig) { c.AppProxy.Prefix = "shop" }},
		{"proxy subpath", "subpath", func(c *StorefrontConfig) { c.AppProxy.Subpath = "a/b" }},
		{"relative proxy URL", "absolute", func(c *StorefrontConfig) { c.AppProxy = StorefrontAppProxy{URL: "/proxy", Secret: testSecret} }},
		{"proxy without secret", "secret", func(c *StorefrontConfig) { c.AppProxy.URL = "http://127.0.0.1:1/proxy" }},
		{"two extensions, one handle", "share the handle", func(c *StorefrontConfig) {
			c.ExtensionDirs = append(c.ExtensionDirs, copyFixture(t, fixtureHandle))
		}},
	}
	for _, tt := range tests {
		cfg := newTestConfig(&testShopData{}, fixtureDir)
		tt.change(&cfg)
		if _, err := NewStorefront(cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: NewStorefront = %v, want an error about %s", tt.name, err, tt.want)
		}
	}
}

func TestStorefrontConcurrentUse(t *testing.T) {
	srv, _ := startProxy(t, time.Now)
	var wg sync.WaitGroup
	errs := make(chan string, 40)
	for i := 0; i < 20; i++ {
		for _, path := range []string{"/", "/apps/hubchat/page"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp, err := http.Get(srv.URL + path)
				if err != nil {
					errs <- err.Error()
					return
				}
				resp.Body.Close()
				if resp.StatusCode >= 300 {
					errs <- path + ": " + resp.Status
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
