package shopifytest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
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

// hubSetup is one storefront: the app's metafield (nil: none yet), the
// embed's settings, and whether the visitor signs in.
type hubSetup struct {
	chat     map[string]any
	settings map[string]any
	signIn   bool
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
		DemoCustomerID: hubCustomerID,
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

func TestCustomerHubSignedInCustomer(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("logged_in"), signIn: true})
	page, _ := hubPage(t, browser, srv.URL+"/products/stoneware-mug")

	root := page.find(func(n *hnode) bool { return n.has("data-hubchat") })
	if root == nil {
		t.Fatal("no Customer Hub on the page")
	}
	if wrapper := root.parent; wrapper == nil || !strings.Contains(wrapper.attr("class"), "shopify-app-block") {
		t.Error("the hub is not inside the app embed's shopify-block wrapper")
	}
	launcher := root.find(func(n *hnode) bool { return n.has("data-hc-launcher") })
	if launcher == nil || launcher.tag != "button" || launcher.attr("type") != "button" {
		t.Fatal("no launcher <button type=button>")
	}
	if launcher.attr("aria-expanded") != "false" || launcher.attr("aria-haspopup") != "dialog" || launcher.attr("aria-label") == "" {
		t.Errorf("launcher lacks aria-expanded=false, aria-haspopup=dialog or a label: %v", launcher.attrs)
	}
	panel := byID(page, launcher.attr("aria-controls"))
	if panel == nil || !panel.has("data-hc-panel") {
		t.Fatalf("the launcher controls %q, which is not the drawer", launcher.attr("aria-controls"))
	}
	if panel.attr("role") != "dialog" || panel.attr("aria-modal") != "true" || !panel.has("hidden") {
		t.Errorf("drawer is not a hidden modal dialog: %v", panel.attrs)
	}
	if title := byID(page, panel.attr("aria-labelledby")); title == nil || title.text() != "Juniper & Ash" {
		t.Errorf("drawer is not labelled by the shop's name")
	}
	if close := panel.find(func(n *hnode) bool { return n.has("data-hc-close") }); close == nil || close.attr("aria-label") == "" {
		t.Error("drawer has no labelled close button")
	}

	// Home and Chat tabs, each controlling its panel.
	tabs := panel.findAll(func(n *hnode) bool { return n.attr("role") == "tab" })
	if len(tabs) != 2 || tabs[0].text() != "Home" || tabs[1].text() != "Chat" {
		t.Fatalf("tabs: %v", texts(tabs))
	}
	for _, tab := range tabs {
		view := byID(page, tab.attr("aria-controls"))
		if view == nil || view.attr("role") != "tabpanel" || view.attr("aria-labelledby") != tab.attr("id") {
			t.Errorf("tab %q does not control a tabpanel labelled by it", tab.text())
		}
	}
	if tabs[0].attr("aria-selected") != "true" || tabs[1].attr("aria-selected") != "false" || tabs[1].attr("tabindex") != "-1" {
		t.Error("Home is not the selected tab (with a roving tabindex)")
	}
	chatView := byID(page, tabs[1].attr("aria-controls"))
	if chatView.find(func(n *hnode) bool { return n.has("data-hc-chat") }) == nil {
		t.Error("the Chat tab has no chat container")
	}
	if chatView.find(func(n *hnode) bool { return n.has("data-hc-signin") }) != nil {
		t.Error("a signed-in customer is asked to sign in")
	}
	if greeting := panel.find(func(n *hnode) bool { return n.attr("class") == "hc-home__greeting" }); greeting == nil || !strings.HasPrefix(greeting.text(), "Hi Jane") {
		t.Error("Home does not greet the customer by name")
	}
	if bubble := root.find(func(n *hnode) bool { return n.has("data-hc-bubble") }); bubble == nil || !bubble.has("hidden") ||
		!strings.Contains(bubble.text(), "Hi! How can we help?") {
		t.Error("no welcome bubble (hidden until hub.js checks the session) with the welcome message")
	}

	cfg := hubConfig(t, page)
	want := map[string]any{
		"chat": true, "signed_in": true, "customer_id": float64(hubCustomerID), "mode": "tabs",
		"proxy_path": "/apps/hubchat", "login_status": "logged_in", "welcome_message": "Hi! How can we help?",
		"privacy_url": "https://shop.example/policies/privacy-policy", "bubble": true,
	}
	for k, v := range want {
		if cfg[k] != v {
			t.Errorf("config %s = %#v, want %#v", k, cfg[k], v)
		}
	}
	i18n, _ := cfg["i18n"].(map[string]any)
	for _, k := range []string{"open", "close", "send", "placeholder", "end", "end_confirm", "automated", "seen", "rate_limited", "chars_left", "legal_both"} {
		if s, _ := i18n[k].(string); s == "" {
			t.Errorf("config i18n lacks %q", k)
		}
	}
	// The chat UI's files are the extension's own, served by the storefront.
	for key, ctype := range map[string]string{"chat_js": "text/javascript", "chat_css": "text/css"} {
		u, _ := cfg[key].(string)
		name := map[string]string{"chat_js": "chat.js", "chat_css": "chat.css"}[key]
		if !strings.HasSuffix(u, "/assets/"+name) {
			t.Errorf("config %s = %q", key, u)
			continue
		}
		checkAsset(t, srv.URL+u, ctype, filepath.Join(hubExtensionDir, "assets", name))
	}
}

func TestCustomerHubAnonymousWhenChatIsForSignedInCustomers(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("logged_in")})
	page, body := hubPage(t, browser, srv.URL+"/products/stoneware-mug")

	root := page.find(func(n *hnode) bool { return n.has("data-hubchat") })
	if root == nil {
		t.Fatal("the hub (Home tab) is missing")
	}
	if tab := page.find(func(n *hnode) bool { return n.attr("role") == "tab" || n.attr("data-hc-tab") == "chat" }); tab != nil {
		t.Errorf("an anonymous visitor sees a tab: %q", tab.text())
	}
	if page.find(func(n *hnode) bool { return n.has("data-hc-chat") || n.has("data-hc-bubble") }) != nil {
		t.Error("an anonymous visitor gets the chat or its welcome bubble")
	}
	// Nothing on the page can reach hubchat: no proxy path, no chat UI.
	cfg := hubConfig(t, page)
	if cfg["chat"] != false || cfg["signed_in"] != false {
		t.Errorf("config chat=%v signed_in=%v, want false, false", cfg["chat"], cfg["signed_in"])
	}
	for _, k := range []string{"proxy_path", "chat_js", "chat_css", "login_url"} {
		if _, ok := cfg[k]; ok {
			t.Errorf("config has %s for a visitor who cannot chat", k)
		}
	}
	if strings.Contains(body, "chat.js") || strings.Contains(body, "/apps/hubchat") {
		t.Error("the page mentions chat.js or the app proxy")
	}
	signIn := root.find(func(n *hnode) bool { return n.tag == "a" && n.has("data-hc-login") })
	if signIn == nil || signIn.attr("href") != "/account/login?return_url=%2Fproducts%2Fstoneware-mug" {
		t.Errorf("Home's sign-in link does not return to the page: %v", signIn)
	}

	// With the plain launcher (no tabs) there is nothing to show at all.
	srv, browser = startHub(t, hubSetup{chat: hubChat("logged_in"), settings: map[string]any{"show_tabs": false}})
	page, _ = hubPage(t, browser, srv.URL+"/")
	if page.find(func(n *hnode) bool { return n.has("data-hubchat") }) != nil {
		t.Error("plain launcher shown to a visitor who may not chat")
	}
}

func TestCustomerHubAnonymousWhenChatIsForAllUsers(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all")})
	page, _ := hubPage(t, browser, srv.URL+"/products/stoneware-mug")

	chatTab := page.find(func(n *hnode) bool { return n.attr("role") == "tab" && n.attr("data-hc-tab") == "chat" })
	if chatTab == nil {
		t.Fatal("no Chat tab for an anonymous visitor under login status all")
	}
	view := byID(page, chatTab.attr("aria-controls"))
	signIn := view.find(func(n *hnode) bool { return n.has("data-hc-signin") })
	if signIn == nil {
		t.Fatal("the Chat tab does not ask an anonymous visitor to sign in")
	}
	link := signIn.find(func(n *hnode) bool { return n.tag == "a" })
	if link == nil || link.attr("href") != "/account/login?return_url=%2Fproducts%2Fstoneware-mug" || link.text() == "" {
		t.Errorf("sign-in link %v does not return to the page", link)
	}
	cfg := hubConfig(t, page)
	if cfg["chat"] != true || cfg["signed_in"] != false || cfg["customer_id"] != nil ||
		cfg["login_url"] != "/account/login?return_url=%2Fproducts%2Fstoneware-mug" || cfg["proxy_path"] != "/apps/hubchat" {
		t.Errorf("config: %v", cfg)
	}
	// The login page takes the visitor back to the product.
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).
		PostForm(srv.URL+"/account/login", url.Values{"return_url": {"/products/stoneware-mug"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Location") != "/products/stoneware-mug" {
		t.Errorf("after sign-in the visitor lands on %q", resp.Header.Get("Location"))
	}
}

func TestCustomerHubBeforeTheAppIsConfigured(t *testing.T) {
	// No metafield yet: nothing of the hub renders (the assets are still
	// linked, as Shopify links an enabled embed's files; hub.js finds no hub).
	srv, browser := startHub(t, hubSetup{signIn: true})
	page, _ := hubPage(t, browser, srv.URL+"/")
	if page.find(func(n *hnode) bool { return n.has("data-hubchat") }) != nil {
		t.Error("the hub renders without the app's metafield")
	}

	// Chat switched off in the app: the hub keeps Home, without chat.
	off := hubChat("all")
	off["enabled"] = false
	srv, browser = startHub(t, hubSetup{chat: off, signIn: true})
	page, _ = hubPage(t, browser, srv.URL+"/")
	if page.find(func(n *hnode) bool { return n.has("data-hubchat") }) == nil {
		t.Fatal("no hub with chat switched off")
	}
	if page.find(func(n *hnode) bool { return n.has("data-hc-chat") || n.attr("role") == "tab" }) != nil {
		t.Error("chat is switched off but the Chat tab renders")
	}
	if cfg := hubConfig(t, page); cfg["chat"] != false {
		t.Errorf("config chat = %v", cfg["chat"])
	}
}

func TestCustomerHubAssets(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all")})
	page, _ := hubPage(t, browser, srv.URL+"/")
	head := page.find(func(n *hnode) bool { return n.tag == "head" })
	script := head.find(func(n *hnode) bool { return n.tag == "script" && strings.HasSuffix(n.attr("src"), "/assets/hub.js") })
	if script == nil {
		t.Fatal("hub.js is not linked in <head>")
	}
	if !script.has("defer") {
		t.Error("hub.js is not deferred")
	}
	// Nothing render-blocking (DESIGN.md §7): hub.js adds hub.css itself and
	// shows the hub, hidden until then, once it has loaded.
	if css := page.find(func(n *hnode) bool { return n.tag == "link" && strings.Contains(n.attr("href"), "/customer-hub/") }); css != nil {
		t.Errorf("an extension stylesheet is linked in the page, where it blocks rendering: %s", css.attr("href"))
	}
	if root := page.find(func(n *hnode) bool { return n.has("data-hubchat") }); root == nil || !root.has("hidden") {
		t.Error("the hub is not hidden until hub.js has its styles")
	}
	cssURL, _ := hubConfig(t, page)["hub_css"].(string)
	if !strings.HasSuffix(cssURL, "/assets/hub.css") {
		t.Fatalf("config hub_css = %q", cssURL)
	}
	js := checkAsset(t, srv.URL+script.attr("src"), "text/javascript", filepath.Join(hubExtensionDir, "assets", "hub.js"))
	checkAsset(t, srv.URL+cssURL, "text/css", filepath.Join(hubExtensionDir, "assets", "hub.css"))
	if len(js) > hubJSLimit {
		t.Errorf("hub.js is %d bytes; the embed's own script may have %d", len(js), hubJSLimit)
	}
	// hub.js makes no request of its own: it only adds chat.js and chat.css
	// to the page when the hub opens.
	for _, api := range []string{"fetch(", "XMLHttpRequest", "sendBeacon", "EventSource(", "WebSocket("} {
		if strings.Contains(string(js), api) {
			t.Errorf("hub.js uses %s", api)
		}
	}
	// Shopper-provided text is never parsed as HTML by the chat UI.
	chat, err := os.ReadFile(filepath.Join(hubExtensionDir, "assets", "chat.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "new EventSource"} {
		if strings.Contains(string(chat), sink) || strings.Contains(string(js), sink) {
			t.Errorf("the widget's scripts use %s", sink)
		}
	}
}

func TestCustomerHubSettings(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all"), signIn: true, settings: map[string]any{
		"show_tabs": false, "position": "left", "launcher_label": "Chat with us", "accent_color": "#f4c542",
		"icon": "help", "offset": 32, "proxy_path": "/tools/hubchat-support",
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

// checkAsset fetches an extension asset and checks its type and content.
func checkAsset(t *testing.T, assetURL, wantType, file string) []byte {
	t.Helper()
	resp, err := http.Get(assetURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), wantType) {
		t.Errorf("GET %s: %d %q, want 200 %s", assetURL, resp.StatusCode, resp.Header.Get("Content-Type"), wantType)
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("GET %s does not serve %s", assetURL, file)
	}
	return got
}

func texts(ns []*hnode) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.text()
	}
	return out
}

// hnode is an element (or, with no tag, a text) of a parsed page. The
// module has no HTML parser of its own, and the storefront's HTML is plain
// enough for this small one: elements, attributes, void and self-closed
// elements, raw text in <script> and <style>, comments.
type hnode struct {
	tag      string
	attrs    map[string]string
	data     string
	parent   *hnode
	children []*hnode
}

var hubVoidTags = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

func parseHubHTML(s string) *hnode {
	root := &hnode{tag: "#document", attrs: map[string]string{}}
	cur := root
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			cur.children = append(cur.children, &hnode{data: html.UnescapeString(s[i : i+j]), parent: cur})
			i += j
			continue
		}
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				return root
			}
			i += end + 3
		case strings.HasPrefix(rest, "<!"):
			i += strings.IndexByte(rest, '>') + 1
		case strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			name := strings.ToLower(strings.TrimSpace(rest[2:end]))
			for n := cur; n != root; n = n.parent {
				if n.tag == name {
					cur = n.parent
					break
				}
			}
			i += end + 1
		default:
			n, size, selfClosed := parseHubTag(rest)
			n.parent = cur
			cur.children = append(cur.children, n)
			i += size
			switch {
			case n.tag == "script" || n.tag == "style":
				end := strings.Index(strings.ToLower(s[i:]), "</"+n.tag)
				if end < 0 {
					end = len(s) - i
				}
				n.children = []*hnode{{data: s[i : i+end], parent: n}}
				i += end
			case !selfClosed && !hubVoidTags[n.tag]:
				cur = n
			}
		}
	}
	return root
}

// parseHubTag reads a start tag: the element, the tag's length, and
// whether it ends with "/>".
func parseHubTag(s string) (n *hnode, size int, selfClosed bool) {
	n = &hnode{attrs: map[string]string{}}
	i := 1
	for i < len(s) && !strings.ContainsRune(" \t\r\n/>", rune(s[i])) {
		i++
	}
	n.tag = strings.ToLower(s[1:i])
	for i < len(s) {
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		switch {
		case i >= len(s):
			return n, i, false
		case s[i] == '>':
			return n, i + 1, false
		case strings.HasPrefix(s[i:], "/>"):
			return n, i + 2, true
		case s[i] == '/':
			i++
			continue
		}
		start := i
		for i < len(s) && !strings.ContainsRune(" \t\r\n=/>", rune(s[i])) {
			i++
		}
		name := strings.ToLower(s[start:i])
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			n.attrs[name] = ""
			continue
		}
		i++
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		var value string
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			end := strings.IndexByte(s[i+1:], s[i])
			if end < 0 {
				end = len(s) - i - 1
			}
			value, i = s[i+1:i+1+end], i+end+2
		} else {
			start := i
			for i < len(s) && !strings.ContainsRune(" \t\r\n>", rune(s[i])) {
				i++
			}
			value = s[start:i]
		}
		n.attrs[name] = html.UnescapeString(value)
	}
	return n, len(s), false
}

func (n *hnode) has(name string) bool {
	_, ok := n.attrs[name]
	return ok
}

func (n *hnode) attr(name string) string { return n.attrs[name] }

// find returns the first descendant (depth first) that matches.
func (n *hnode) find(match func(*hnode) bool) *hnode {
	for _, c := range n.children {
		if c.tag != "" && match(c) {
			return c
		}
		if found := c.find(match); found != nil {
			return found
		}
	}
	return nil
}

func (n *hnode) findAll(match func(*hnode) bool) []*hnode {
	var out []*hnode
	for _, c := range n.children {
		if c.tag != "" && match(c) {
			out = append(out, c)
		}
		out = append(out, c.findAll(match)...)
	}
	return out
}

// raw is the text inside the element, as is.
func (n *hnode) raw() string {
	if n.tag == "" {
		return n.data
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.raw())
	}
	return b.String()
}

// text is the text inside the element with whitespace collapsed, as a
// reader sees it.
func (n *hnode) text() string { return strings.Join(strings.Fields(n.raw()), " ") }

func (n *hnode) String() string {
	if n == nil {
		return "<nil>"
	}
	return "<" + n.tag + " " + fmt.Sprint(n.attrs) + ">"
}
