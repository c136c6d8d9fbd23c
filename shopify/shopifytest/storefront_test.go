package shopifytest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestStorefrontHomeAnonymous(t *testing.T) {
	srv := startStorefront(t, newTestConfig(&testShopData{}, fixtureDir))
	resp, body := get(t, newBrowser(t), srv.URL+"/")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET / = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`<title>Juniper &amp; Ash</title>`,
		`Stoneware mug`, `$24.00`, `$1,234.56`, `href="/products/linen-apron"`,
		`Shopify.shop = "` + testShopDomain + `"`,
		`data-testid="hub-sign-in" href="/account/login?return_url=%2F"`,
		`data-testid="hub-visibility">all_users<`,
		`<a data-testid="hub-privacy" href="/policies/privacy-policy">Privacy policy</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %s", want)
		}
	}
	if strings.Contains(body, `data-testid="hub-greeting"`) || strings.Contains(body, `data-testid="hub-customer"`) {
		t.Error("anonymous home page shows a customer")
	}
	// The body embed sits at the end of <body>, after the theme's footer, in
	// its shopify-block wrapper; the head embed and the schema assets are
	// in <head>, the script deferred.
	head, bodyEnd := between(body, "<head>", "</head>"), body[strings.Index(body, "</footer>"):]
	if !strings.Contains(bodyEnd, `class="shopify-block shopify-app-block"><div id="hub-`) || !strings.HasSuffix(strings.TrimSpace(bodyEnd), "</div></body>\n</html>") {
		t.Errorf("the hub embed is not the last thing in <body>:\n%s", bodyEnd)
	}
	x, err := LoadStorefrontExtension(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := x.AssetPath("hub.js")
	css, _ := x.AssetPath("hub.css")
	for _, want := range []string{
		`<script src="` + js + `" defer="defer"></script>`,
		`<link href="` + css + `" rel="stylesheet" type="text/css" media="all" />`,
		`<meta name="hub-fixture" content="` + testShopDomain + `">`,
	} {
		if !strings.Contains(head, want) {
			t.Errorf("<head> lacks %s:\n%s", want, head)
		}
	}
}

func TestStorefrontSignInAndOut(t *testing.T) {
	srv := startStorefront(t, newTestConfig(&testShopData{}, fixtureDir))
	browser := newBrowser(t)
	product := "/products/stoneware-mug"

	_, body := get(t, browser, srv.URL+product)
	if !strings.Contains(body, `href="/account/login?return_url=%2Fproducts%2Fstoneware-mug"`) {
		t.Fatalf("product page has no sign-in link returning to it:\n%s", body)
	}
	_, body = get(t, browser, srv.URL+"/account/login?return_url="+url.QueryEscape(product))
	if !strings.Contains(body, `name="return_url" value="`+product+`"`) || !strings.Contains(body, "Sign in as Jane O&#39;Hara") {
		t.Fatalf("login page lacks the demo sign-in form:\n%s", body)
	}

	resp, err := browser.PostForm(srv.URL+"/account/login", url.Values{"return_url": {product}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != product {
		t.Fatalf("sign in = %d to %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), product)
	}
	_, body = get(t, browser, srv.URL+product)
	for _, want := range []string{
		`data-testid="hub-greeting">Hi Jane!<`,
		`data-testid="hub-customer-name">Jane O&#39;Hara<`,
		`data-testid="hub-customer-email">jane@example.com<`,
		`data-testid="hub-messages">2 messages<`,
		`data-testid="sign-out"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("signed-in product page lacks %s", want)
		}
	}
	if strings.Contains(body, `data-testid="hub-sign-in"`) {
		t.Error("signed-in page still offers sign-in in the embed")
	}

	resp, _ = get(t, browser, srv.URL+"/account/logout?return_url="+url.QueryEscape(product))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != product {
		t.Fatalf("sign out = %d to %q, want 303 to %s", resp.StatusCode, resp.Header.Get("Location"), product)
	}
	if _, body = get(t, browser, srv.URL+product); strings.Contains(body, `hub-greeting`) {
		t.Error("still signed in after signing out")
	}
}

func TestStorefrontForgedSessionIsAnonymous(t *testing.T) {
	srv := startStorefront(t, newTestConfig(&testShopData{}, fixtureDir))
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: storefrontSessionCookie, Value: "7.0123456789abcdef"})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); strings.Contains(body, "hub-greeting") || !strings.Contains(body, "hub-sign-in") {
		t.Error("a cookie with a bad signature signed the visitor in")
	}
}

func TestReturnPath(t *testing.T) {
	tests := []struct{ query, want string }{
		{"return_url=/products/a", "/products/a"},
		{"return_url=" + url.QueryEscape("/cart?x=1#top"), "/cart?x=1#top"},
		{"checkout_url=/collections/all", "/collections/all"},
		{"return_url=" + url.QueryEscape("http://shop.test/cart"), "/cart"},
		{"", "/fallback"},
		{"return_url=//evil.test/x", "/fallback"},
		{"return_url=" + url.QueryEscape("https://evil.test/x"), "/fallback"},
		{"return_url=" + url.QueryEscape("javascript:alert(1)"), "/fallback"},
		{"return_url=" + url.QueryEscape(`/\evil.test`), "/fallback"},
		{"return_url=relative", "/fallback"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "http://shop.test/account/login?"+tt.query, nil)
		if got := returnPath(r, "/fallback"); got != tt.want {
			t.Errorf("returnPath(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestStorefrontBlockSettings(t *testing.T) {
	x, err := LoadStorefrontExtension(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	objs := StorefrontObjects{Shop: testShop(), Request: StorefrontRequest{Host: "shop.test", Path: "/"}}
	tests := []struct {
		name     string
		settings map[string]any
		want     []string
	}{
		{"schema defaults", nil, []string{`data-accent="#2c6ecb"`, `hub--bottom-right`, `>Hi! How can we help?<`, `data-launcher="false"`}},
		{"merchant values", map[string]any{"accent_color": "#ff0000", "position": "bottom-left", "welcome": "<Hello>", "show_launcher": true},
			[]string{`data-accent="#ff0000"`, `hub--bottom-left`, `>&lt;Hello&gt;<`, `data-launcher="true"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := x.RenderBlock("hub", objs, tt.settings)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(out, want) {
					t.Errorf("block lacks %s:\n%s", want, out)
				}
			}
		})
	}
	if _, err := x.RenderBlock("hub", objs, map[string]any{"colour": "red"}); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("unknown setting: got %v, want an error naming it", err)
	}
}

func TestStorefrontAssets(t *testing.T) {
	srv := startStorefront(t, newTestConfig(&testShopData{}, fixtureDir))
	x, err := LoadStorefrontExtension(fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	for name, ctype := range map[string]string{"hub.js": "text/javascript", "hub.css": "text/css", "launcher.svg": "image/svg+xml"} {
		path, err := x.AssetPath(name)
		if err != nil {
			t.Fatal(err)
		}
		resp, body := get(t, http.DefaultClient, srv.URL+path)
		want, _ := os.ReadFile(filepath.Join(fixtureDir, "assets", name))
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) || body != string(want) {
			t.Errorf("GET %s = %d %q, want 200 %s with the file", path, resp.StatusCode, resp.Header.Get("Content-Type"), ctype)
		}
		if !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("GET %s: Cache-Control %q, want immutable for the current version", path, resp.Header.Get("Cache-Control"))
		}
	}
	for path, want := range map[string]int{
		"/cdn/extensions/" + fixtureHandle + "/" + x.Version + "/assets/nope.js":                  http.StatusNotFound,
		"/cdn/extensions/" + fixtureHandle + "/" + x.Version + "/assets/..%2Fblocks%2Fhub.liquid": http.StatusNotFound,
		"/cdn/extensions/other/" + x.Version + "/assets/hub.js":                                   http.StatusNotFound,
		"/cdn/extensions/" + fixtureHandle + "/0ld/assets/hub.js":                                 http.StatusOK,
		"/cdn/shop/t/1/assets/theme.css":                                                          http.StatusOK,
	} {
		if resp, _ := get(t, http.DefaultClient, srv.URL+path); resp.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, resp.StatusCode, want)
		}
	}
}

func TestStorefrontPages(t *testing.T) {
	srv := startStorefront(t, newTestConfig(&testShopData{}, fixtureDir))
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/products/linen-apron", http.StatusOK, `data-testid="product-price">$1,234.56 USD<`},
		{"/collections/all", http.StatusOK, `data-testid="product-grid"`},
		{"/policies/terms-of-service", http.StatusOK, `<p>Be kind.</p>`},
		{"/policies/refund-policy", http.StatusNotFound, `data-testid="not-found"`},
		{"/products/nope", http.StatusNotFound, `data-testid="not-found"`},
		{"/nowhere", http.StatusNotFound, `data-testid="hub-embed"`},
	}
	for _, tt := range tests {
		resp, body := get(t, newBrowser(t), srv.URL+tt.path)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("GET %s = %d, want %d with %s", tt.path, resp.StatusCode, tt.status, tt.want)
		}
	}
	resp, _ := get(t, newBrowser(t), srv.URL+"/account")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/account/login") {
		t.Errorf("anonymous /account = %d to %q, want a redirect to login", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestStorefrontEmbedErrorsShowOnPage(t *testing.T) {
	dir := copyFixture(t, "hub-ext")
	data := &testShopData{}
	srv := startStorefront(t, newTestConfig(data, dir))
	hub := filepath.Join(dir, "blocks", "hub.liquid")
	src, err := os.ReadFile(hub)
	if err != nil {
		t.Fatal(err)
	}
	// Edited after start, as a developer would: the page reports the error
	// with the file and line, and the rest of the page still renders.
	broken := strings.Replace(string(src), `{%- if customer %}`, "{%- if customer %}\n{{ 'x' | }}", 1)
	if err := os.WriteFile(hub, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(broken[:strings.Index(broken, "{{ 'x' | }}")], "\n") + 1
	resp, body := get(t, newBrowser(t), srv.URL+"/")
	wantErr := "Liquid syntax error (blocks/hub.liquid line " + strconv.Itoa(line) + ")"
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `data-testid="liquid-error"`) || !strings.Contains(body, wantErr) {
		t.Errorf("GET / = %d; want 200 with %q shown:\n%s", resp.StatusCode, wantErr, between(body, "</footer>", "</html>"))
	}
	if !strings.Contains(body, "Stoneware mug") {
		t.Error("a broken embed took the page down")
	}

	// An app block cannot be switched on as an embed.
	if err := os.WriteFile(hub, src, 0o644); err != nil {
		t.Fatal(err)
	}
	data.setEmbeds(StorefrontEmbed{Extension: "hub-ext", Block: "reviews"})
	if _, body = get(t, newBrowser(t), srv.URL+"/"); !strings.Contains(body, "it is an app block, not an app embed") {
		t.Error("enabling an app block as an embed was not reported")
	}
}
