package app_test

import (
	"net/url"
	"os"
	"regexp"
	"testing"

	"hubchat/app/config"
	"hubchat/app/webhooks"
	"hubchat/shopify/adminapi"
)

// tomlValues finds every value of key in shopify.app.toml (strings and
// string arrays), enough for the few keys checked here.
func tomlValues(t *testing.T, toml, key string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^\s*`+key+`\s*=\s*(.+)$`).FindAllStringSubmatch(toml, -1) {
		for _, q := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(m[1], -1) {
			out = append(out, q[1])
		}
	}
	if len(out) == 0 {
		t.Fatalf("shopify.app.toml has no %s", key)
	}
	return out
}

// shopify.app.toml declares what the code serves: a change to one without
// the other fails here rather than at deploy.
func TestShopifyAppTomlMatchesTheApp(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../shopify.app.toml")
	if err != nil {
		t.Fatal(err)
	}
	toml := string(raw)
	if got := tomlValues(t, toml, "scopes")[0]; got != config.DefaultScopes {
		t.Errorf("scopes %q, the app asks for %q", got, config.DefaultScopes)
	}
	if got := tomlValues(t, toml, "api_version")[0]; got != adminapi.APIVersion {
		t.Errorf("webhook api_version %s, the Admin API client pins %s", got, adminapi.APIVersion)
	}

	srv, _ := newServer(t)
	routes := map[string]bool{}
	for _, r := range srv.Fiber().GetRoutes(true) {
		routes[r.Method+" "+r.Path] = true
	}
	for _, key := range []string{"application_url", "redirect_urls"} {
		path := urlPath(t, tomlValues(t, toml, key)[0])
		if !routes["GET "+path] && !routes["GET "+path+"/"] {
			t.Errorf("shopify.app.toml's %s names GET %s, which the app does not serve", key, path)
		}
	}
	for _, uri := range tomlValues(t, toml, "uri") {
		if !routes["POST "+uri] {
			t.Errorf("webhook uri %s is not a POST route", uri)
		}
	}
	if proxy := urlPath(t, tomlValues(t, toml, "url")[0]); proxy != "/proxy" {
		t.Errorf("app proxy url path %s, the app serves /proxy", proxy)
	}
	handled := webhooks.Topics(nil, nil, nil)
	for topic, h := range webhooks.ShopData(nil, nil, nil, nil, nil, nil) {
		handled[topic] = h
	}
	for _, key := range []string{"topics", "compliance_topics"} {
		for _, topic := range tomlValues(t, toml, key) {
			if handled[topic] == nil {
				t.Errorf("shopify.app.toml subscribes to %s, which no handler processes", topic)
			}
		}
	}
}

func urlPath(t *testing.T, raw string) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path
}
