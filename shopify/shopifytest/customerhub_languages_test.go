package shopifytest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A shop with alternate languages serves each under its subfolder, as
// Shopify's primary domain does: /pl/ is the storefront in Polish, with
// request.locale, the routes and the hub in Polish, and the theme's
// language selector lists the published languages.
func TestStorefrontServesAlternateLanguagesInSubfolders(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all"), alternates: []string{"es", "pl"}})

	page, _ := hubPage(t, browser, srv.URL+"/pl/products/stoneware-mug")
	if html := page.find(func(n *hnode) bool { return n.tag == "html" }); html == nil || html.attr("lang") != "pl" {
		t.Errorf("<html lang> = %v, want pl", html)
	}
	cfg := hubConfig(t, page)
	if cfg["locale"] != "pl" || cfg["primary_locale"] != false {
		t.Errorf("config locale %v, primary %v: want pl, false", cfg["locale"], cfg["primary_locale"])
	}
	if tabs := page.findAll(func(n *hnode) bool { return n.attr("role") == "tab" }); len(tabs) != 3 || tabs[0].text() != "Start" || tabs[1].text() != "Czat" {
		t.Errorf("tabs: %v", texts(tabs))
	}
	// The sign-in link stays in Polish and comes back to this page.
	login := page.find(func(n *hnode) bool { return n.has("data-hc-login") })
	if want := "/pl/account/login?return_url=%2Fpl%2Fproducts%2Fstoneware-mug"; login == nil || login.attr("href") != want {
		t.Errorf("sign-in link %v, want %s", login, want)
	}
	selector := page.find(func(n *hnode) bool { return n.attr("data-testid") == "language-selector" })
	if selector == nil {
		t.Fatal("no language selector")
	}
	options := selector.findAll(func(n *hnode) bool { return n.tag == "option" })
	if got := texts(options); strings.Join(got, ",") != "English,Español,Polski" {
		t.Errorf("languages offered: %v", got)
	}
	if sel := selector.find(func(n *hnode) bool { return n.tag == "option" && n.has("selected") }); sel == nil || sel.attr("value") != "pl" {
		t.Errorf("selected language: %v", sel)
	}

	page, _ = hubPage(t, browser, srv.URL+"/")
	if cfg := hubConfig(t, page); cfg["locale"] != "en" || cfg["primary_locale"] != true {
		t.Errorf("root: config locale %v, primary %v", cfg["locale"], cfg["primary_locale"])
	}
	if resp, err := browser.Get(srv.URL + "/fr/"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /fr/ (not published): %v %v, want 404", resp.StatusCode, err)
	}
}

// The language selector's form sends the visitor to the page they were on,
// in the language they chose; anything but a published language or a
// path on this storefront changes nothing.
func TestLanguageSelectorSwitchesTheStorefrontLanguage(t *testing.T) {
	srv, browser := startHub(t, hubSetup{chat: hubChat("all"), alternates: []string{"es", "pl"}})
	browser.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, tt := range []struct{ code, returnTo, want string }{
		{"pl", "/es/products/stoneware-mug", "/pl/products/stoneware-mug"},
		{"es", "/", "/es"},
		{"en", "/pl/products/stoneware-mug?variant=1", "/products/stoneware-mug?variant=1"},
		{"PL", "/products/stoneware-mug", "/pl/products/stoneware-mug"},
		{"fr", "/es/products/stoneware-mug", "/es/products/stoneware-mug"},
		{"pl", "https://elsewhere.example/", "/pl"},
	} {
		resp, err := browser.PostForm(srv.URL+"/localization", url.Values{"form_type": {"localization"}, "locale_code": {tt.code}, "return_to": {tt.returnTo}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != tt.want {
			t.Errorf("%s from %s: %d to %q, want 303 to %q", tt.code, tt.returnTo, resp.StatusCode, got, tt.want)
		}
	}
}
