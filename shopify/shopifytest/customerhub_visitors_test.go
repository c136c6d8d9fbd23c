package shopifytest_test

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// What each kind of visitor gets from the Customer Hub embed: a signed-in
// customer, an anonymous visitor under each login status, and any visitor
// before the app has configured the hub.

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

	// Home, Chat and Orders tabs, each controlling its panel.
	tabs := panel.findAll(func(n *hnode) bool { return n.attr("role") == "tab" })
	if len(tabs) != 3 || tabs[0].text() != "Home" || tabs[1].text() != "Chat" || tabs[2].text() != "Orders" {
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
	for _, k := range []string{"open", "close", "send", "placeholder", "end", "end_confirm", "automated", "seen", "rate_limited", "legal_both"} {
		if s, _ := i18n[k].(string); s == "" {
			t.Errorf("config i18n lacks %q", k)
		}
	}
	// Counted strings come with their plural forms.
	for _, k := range []string{"unread", "chars_left", "chars_over"} {
		forms, _ := i18n[k].(map[string]any)
		if forms["one"] == "" || forms["one"] == nil || forms["other"] == "" || forms["other"] == nil {
			t.Errorf("config i18n %q = %#v, want its one and other forms", k, i18n[k])
		}
	}
	// The chat UI's files are the extension's own, served by the storefront:
	// its scripts, in the order they run, and its stylesheet.
	scripts, _ := cfg["chat_js"].([]any)
	if len(scripts) != len(hubChatScripts) {
		t.Errorf("config chat_js = %v, want the URLs of %v", cfg["chat_js"], hubChatScripts)
	}
	for i, name := range hubChatScripts {
		var u string
		if i < len(scripts) {
			u, _ = scripts[i].(string)
		}
		if !strings.HasSuffix(u, "/assets/"+name) {
			t.Errorf("config chat_js[%d] = %q, want %s", i, u, name)
			continue
		}
		checkAsset(t, srv.URL+u, "text/javascript", filepath.Join(hubExtensionDir, "assets", name))
	}
	if u, _ := cfg["chat_css"].(string); !strings.HasSuffix(u, "/assets/chat.css") {
		t.Errorf("config chat_css = %q", u)
	} else {
		checkAsset(t, srv.URL+u, "text/css", filepath.Join(hubExtensionDir, "assets", "chat.css"))
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
	for _, name := range hubChatScripts {
		if strings.Contains(body, name) {
			t.Errorf("the page mentions %s", name)
		}
	}
	if strings.Contains(body, "/apps/hubchat") {
		t.Error("the page mentions the app proxy")
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

// On a Spanish storefront the hub and its chat, the store's assistant
// included, speak Spanish: es.json has every key of the default locale
// (theme-check's MatchingTranslations), and this is where they show.
func TestCustomerHubSpeaksSpanish(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all"), signIn: true, locale: "es"})
	page, _ := hubPage(t, browser, srv.URL+"/")
	cfg := hubConfig(t, page)
	i18n, _ := cfg["i18n"].(map[string]any)
	for key, want := range map[string]string{
		"open": "Abrir ayuda y cuenta", "placeholder": "Escribe un mensaje…", "assistant": "Asistente de {shop}",
		"ai_tag": "IA", "handoff_yes": "Sí, hablar con una persona", "email_invalid": "Escribe un correo como nombre@ejemplo.com.",
	} {
		if i18n[key] != want {
			t.Errorf("i18n %s = %q, want %q", key, i18n[key], want)
		}
	}
	if cfg["shop_name"] != "Juniper & Ash" {
		t.Errorf("shop_name = %q, for the assistant's name", cfg["shop_name"])
	}
	if tabs := page.findAll(func(n *hnode) bool { return n.attr("role") == "tab" }); len(tabs) != 3 || tabs[0].text() != "Inicio" || tabs[2].text() != "Pedidos" {
		t.Errorf("tabs: %v", texts(tabs))
	}
}
