package shopifytest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"hubchat/shopify/shopifytest"
)

// These tests render the real theme app extension (extensions/customer-hub)
// through the local storefront, as Shopify would render the "Customer Hub"
// app embed, and check what each kind of visitor gets before any script
// runs. The scripts' behaviour is covered by the browser tests.

const (
	hubExtensionDir = "../../extensions/customer-hub"
	hubCustomerID   = 7
	hubJSLimit      = 10000 // theme-check's AssetSizeAppBlockJavaScript, raw bytes
)

// hubChatScripts are the chat UI's scripts (the extension's chat*.js), in
// the order hub.js runs them: the config's "chat_js".
var hubChatScripts = []string{"chat-net.js", "chat-thread.js", "chat-hub.js", "chat-ai.js", "chat.js"}

// hubSetup is one storefront: the app's metafield (nil: none yet), the
// embed's settings, and whether the visitor signs in.
type hubSetup struct {
	chat     map[string]any
	settings map[string]any
	signIn   bool
	locale   string // the shop's primary language ("": English)
	// alternates are the shop's other published languages, served under
	// their subfolders (/pl/…).
	alternates []string
}

func hubChat(loginStatus string) map[string]any {
	return map[string]any{
		"enabled": true, "login_status": loginStatus, "welcome_message": "Hi! How can we help?",
		"color": "#303030", "icon": "chat", "position": "right",
		"privacy_url": "https://shop.example/policies/privacy-policy", "terms_url": "https://shop.example/policies/terms-of-service",
	}
}

// startHub serves a storefront with the Customer Hub embed switched on and
// returns it with a browser (signed in as the demo customer when asked).
func startHub(t *testing.T, setup hubSetup) (*httptest.Server, *http.Client) {
	t.Helper()
	metafields := map[string]map[string]shopifytest.StorefrontMetafield{}
	if setup.chat != nil {
		raw, err := json.Marshal(setup.chat)
		if err != nil {
			t.Fatal(err)
		}
		metafields["hubchat"] = map[string]shopifytest.StorefrontMetafield{"chat": {Type: "json", Value: string(raw)}}
	}
	customer := shopifytest.StorefrontCustomer{ID: hubCustomerID, FirstName: "Jane", LastName: "O'Hara", Email: "jane@example.com"}
	sf, err := shopifytest.NewStorefront(shopifytest.StorefrontConfig{
		Shop:          shopifytest.StorefrontShop{Name: "Juniper & Ash", PermanentDomain: "hubchat-demo.myshopify.com", Currency: "USD"},
		ExtensionDirs: []string{hubExtensionDir},
		Embeds: func(context.Context) ([]shopifytest.StorefrontEmbed, error) {
			return []shopifytest.StorefrontEmbed{{Extension: "customer-hub", Block: "hub", Settings: setup.settings}}, nil
		},
		AppMetafields: func(context.Context) (map[string]map[string]shopifytest.StorefrontMetafield, error) {
			return metafields, nil
		},
		Products: func(context.Context) ([]shopifytest.StorefrontProduct, error) {
			return []shopifytest.StorefrontProduct{{ID: 1001, Handle: "stoneware-mug", Title: "Stoneware mug", Price: 2400}}, nil
		},
		Customer: func(_ context.Context, id int64) (shopifytest.StorefrontCustomer, bool, error) {
			return customer, id == hubCustomerID, nil
		},
		DemoCustomerID:   hubCustomerID,
		Locale:           setup.locale,
		AlternateLocales: setup.alternates,
	})
	if err != nil {
		t.Fatalf("NewStorefront with %s: %v", hubExtensionDir, err)
	}
	srv := httptest.NewServer(sf)
	t.Cleanup(srv.Close)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	browser := &http.Client{Jar: jar}
	if setup.signIn {
		resp, err := browser.PostForm(srv.URL+"/account/login", url.Values{"return_url": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("sign in: %d", resp.StatusCode)
		}
	}
	return srv, browser
}

// hubPage fetches a storefront page and parses it.
func hubPage(t *testing.T, browser *http.Client, pageURL string) (*hnode, string) {
	t.Helper()
	resp, err := browser.Get(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body := string(raw)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", pageURL, resp.StatusCode, body)
	}
	for _, bad := range []string{"translation missing", "Liquid error", "Liquid syntax error", `data-testid="liquid-error"`} {
		if strings.Contains(body, bad) {
			t.Fatalf("GET %s shows %q:\n%s", pageURL, bad, body)
		}
	}
	return parseHubHTML(body), body
}

// hubConfig decodes the embed's inline JSON configuration.
func hubConfig(t *testing.T, page *hnode) map[string]any {
	t.Helper()
	script := page.find(func(n *hnode) bool { return n.tag == "script" && n.has("data-hc-config") })
	if script == nil {
		t.Fatal("no <script data-hc-config>")
	}
	if script.attr("type") != "application/json" {
		t.Fatalf("config script type %q: it must never run", script.attr("type"))
	}
	var cfg map[string]any
	if err := json.Unmarshal([]byte(script.raw()), &cfg); err != nil {
		t.Fatalf("config is not JSON: %v\n%s", err, script.raw())
	}
	return cfg
}

// byID finds the element an aria-* or for attribute points at.
func byID(page *hnode, id string) *hnode {
	if id == "" {
		return nil
	}
	return page.find(func(n *hnode) bool { return n.attr("id") == id })
}

func texts(ns []*hnode) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.text()
	}
	return out
}

func TestCustomerHubSettings(t *testing.T) {
	// Tabs off: the plain chat launcher, whose design comes from the app's
	// Settings > Web chat (the metafield), over the block's own.
	chat := hubChat("all")
	chat["color"], chat["position"], chat["icon"] = "#f4c542", "left", "help"
	srv, browser := startHub(t, hubSetup{chat: chat, signIn: true, settings: map[string]any{
		"show_tabs": false, "position": "right", "launcher_label": "Chat with us", "accent_color": "#123456",
		"icon": "message", "offset": 32, "proxy_path": "/tools/hubchat-support",
	}})
	page, _ := hubPage(t, browser, srv.URL+"/")
	root := page.find(func(n *hnode) bool { return n.has("data-hubchat") })
	if root == nil {
		t.Fatal("no hub")
	}
	if !strings.Contains(" "+root.attr("class")+" ", " hc--left ") || root.attr("data-mode") != "chat" {
		t.Errorf("root class %q mode %q", root.attr("class"), root.attr("data-mode"))
	}
	if style := root.attr("style"); !strings.Contains(style, "--hc-accent: #f4c542") || !strings.Contains(style, "--hc-offset: 32px") {
		t.Errorf("root style %q", style)
	}
	launcher := root.find(func(n *hnode) bool { return n.has("data-hc-launcher") })
	if launcher.text() != "Chat with us" || launcher.has("aria-label") {
		t.Errorf("a labelled launcher is named by its visible label, got text %q aria-label %q", launcher.text(), launcher.attr("aria-label"))
	}
	if page.find(func(n *hnode) bool {
		return n.attr("role") == "tablist" || n.has("data-hc-view") && n.attr("data-hc-view") == "home"
	}) != nil {
		t.Error("tabs shown with show_tabs off")
	}
	view := page.find(func(n *hnode) bool { return n.attr("data-hc-view") == "chat" })
	if view == nil || view.has("hidden") || view.has("role") {
		t.Error("with show_tabs off the chat is the drawer's only, visible content")
	}
	if cfg := hubConfig(t, page); cfg["proxy_path"] != "/tools/hubchat-support" || cfg["mode"] != "chat" {
		t.Errorf("config proxy_path %v mode %v", cfg["proxy_path"], cfg["mode"])
	}

	// Tabs on: the Customer Hub's own appearance (the block) comes first.
	srv, browser = startHub(t, hubSetup{chat: chat, signIn: true, settings: map[string]any{
		"show_tabs": true, "position": "right", "accent_color": "#123456",
	}})
	page, _ = hubPage(t, browser, srv.URL+"/")
	root = page.find(func(n *hnode) bool { return n.has("data-hubchat") })
	if !strings.Contains(root.attr("class"), "hc--right") || !strings.Contains(root.attr("style"), "--hc-accent: #123456") {
		t.Errorf("with tabs, the hub's design: class %q style %q", root.attr("class"), root.attr("style"))
	}

	// A proxy path that is not a path on the shop falls back to the default.
	srv, browser = startHub(t, hubSetup{chat: hubChat("all"), settings: map[string]any{"proxy_path": "//evil.example/x"}})
	page, _ = hubPage(t, browser, srv.URL+"/")
	if cfg := hubConfig(t, page); cfg["proxy_path"] != "/apps/hubchat" {
		t.Errorf("proxy_path %v", cfg["proxy_path"])
	}
}

func TestCustomerHubMerchantTextStaysText(t *testing.T) {
	welcome := `Hi </script><script>alert(1)</script> <b>bold</b> & "quotes" 👋`
	chat := hubChat("all")
	chat["welcome_message"] = welcome
	srv, browser := startHub(t, hubSetup{chat: chat, signIn: true, settings: map[string]any{"launcher_label": `<img src=x onerror=alert(1)>`}})
	page, body := hubPage(t, browser, srv.URL+"/")
	if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<b>bold") || strings.Contains(body, "<img src=x") {
		t.Fatal("merchant text reached the page as markup")
	}
	if n := len(page.findAll(func(n *hnode) bool { return n.tag == "script" && n.has("data-hc-config") })); n != 1 {
		t.Fatalf("%d config scripts: the welcome message broke out of it", n)
	}
	if cfg := hubConfig(t, page); cfg["welcome_message"] != welcome {
		t.Errorf("welcome_message %q, want %q", cfg["welcome_message"], welcome)
	}
	bubble := page.find(func(n *hnode) bool { return n.attr("class") == "hc-bubble__text" })
	if bubble == nil || bubble.text() != welcome {
		t.Errorf("bubble text %q", bubble.text())
	}
}
