package shopifytest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"hubchat/shopify/adminapi"
)

// startWithHub starts the local Shopify with the Customer Hub extension,
// its embed not switched on, and the app's chat settings (the metafield the
// embed reads) written through the Admin API.
func startWithHub(t *testing.T) (*Shopify, *adminapi.Client) {
	t.Helper()
	ctx := context.Background()
	app := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(app.Close)
	s, err := Start(Config{APIKey: "test-key", APISecret: "test-secret", AppURL: app.URL, Scopes: []string{"read_themes"},
		ExtensionDirs: []string{"../../extensions/customer-hub"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	c := adminClient(t, s)
	owner, err := c.AppInstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.SetAppMetafields(ctx, owner, []adminapi.MetafieldInput{{Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON,
		Value: `{"enabled":true,"login_status":"all","welcome_message":"Hi","color":"#1a73e8","position":"left","icon":"support"}`}}); err != nil {
		t.Fatal(err)
	}
	return s, c
}

// hubForm is the editor's form with the hub switched on or off and its
// settings; overrides replace single settings.
func hubForm(on bool, overrides map[string]string) url.Values {
	const p = "setting:customer-hub/hub:"
	f := url.Values{p + "show_tabs": {"on"}, p + "show_bubble": {"on"}, p + "accent_color": {"#ff0000"}, p + "icon": {"help"},
		p + "position": {"right"}, p + "launcher_label": {""}, p + "offset": {"24"}, p + "proxy_path": {"/apps/hubchat"}}
	if on {
		f.Set("embed:customer-hub/hub", "on")
	}
	for k, v := range overrides {
		if v == "" {
			f.Del(p + k)
		} else {
			f.Set(p+k, v)
		}
	}
	return f
}

// saveEditor posts the editor's form from the admin's own page.
func saveEditor(t *testing.T, s *Shopify, form url.Values, origin string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.AdminURL+themeEditorPath(storeHandle(s.Shop.Info().Domain)), strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", origin)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, readBody(t, resp)
}

// hubEmbed is the hub's block in the settings_data.json the Admin API
// reports, and whether there is one.
func hubEmbed(t *testing.T, c *adminapi.Client) (adminapi.AppEmbed, bool) {
	t.Helper()
	theme, err := c.MainTheme(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	embeds, err := adminapi.AppEmbeds(theme.SettingsData)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range embeds {
		if e.IsBlock("hubchat", "hub") {
			return e, true
		}
	}
	return adminapi.AppEmbed{}, false
}

// The theme editor's deep link opens the hub switched on but unsaved;
// saving it switches it on for the storefront and in settings_data.json,
// with the settings saved; switching it off takes it off the storefront
// and leaves it in the file, disabled.
func TestThemeEditorSwitchesTheHubOnAndOff(t *testing.T) {
	s, c := startWithHub(t)
	storefront := func() string {
		t.Helper()
		_, body := get(t, http.DefaultClient, s.StorefrontURL+"/")
		return body
	}
	if strings.Contains(storefront(), "data-hubchat") {
		t.Fatal("the hub shows before the merchant switched it on")
	}
	if _, ok := hubEmbed(t, c); ok {
		t.Fatal("settings_data.json has the hub before it was ever switched on")
	}

	deepLink := strings.Replace(s.ShopURL(), "{shop}", s.Shop.Info().Domain, 1) + "/admin/themes/current/editor?context=apps&activateAppId=test-key/hub"
	resp, page := get(t, http.DefaultClient, deepLink)
	if resp.StatusCode != http.StatusOK || !strings.Contains(page, `data-testid="embed-activating"`) ||
		!strings.Contains(page, `name="embed:customer-hub/hub" value="on" checked`) {
		t.Fatalf("the deep link's editor (%d) does not show the hub switched on, unsaved:\n%s", resp.StatusCode, page)
	}
	if strings.Contains(storefront(), "data-hubchat") {
		t.Fatal("opening the deep link switched the hub on without a save")
	}

	if status, body := saveEditor(t, s, hubForm(true, map[string]string{"show_tabs": ""}), s.AdminURL); status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", status, body)
	}
	if page := storefront(); !strings.Contains(page, `class="hc hc--left"`) || !strings.Contains(page, "--hc-accent: #1a73e8") {
		t.Errorf("with the hub's tabs off the storefront does not use the app's design (left, #1a73e8):\n%s", between(page, "data-hubchat", ">"))
	}
	e, ok := hubEmbed(t, c)
	if !ok || e.Disabled || e.Settings["show_tabs"] != false || e.Settings["accent_color"] != "#ff0000" || e.Settings["offset"] != 24.0 {
		t.Errorf("settings_data.json has the hub as %+v (found %v), want on, tabs off, #ff0000, offset 24", e, ok)
	}

	if status, body := saveEditor(t, s, hubForm(true, nil), s.AdminURL); status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", status, body)
	}
	if page := storefront(); !strings.Contains(page, `class="hc hc--right"`) || !strings.Contains(page, "--hc-accent: #ff0000") {
		t.Errorf("with the hub's tabs on the storefront does not use the hub's appearance (right, #ff0000):\n%s", between(page, "data-hubchat", ">"))
	}

	if status, body := saveEditor(t, s, hubForm(false, nil), s.AdminURL); status != http.StatusSeeOther {
		t.Fatalf("save: %d %s", status, body)
	}
	if strings.Contains(storefront(), "data-hubchat") {
		t.Error("the hub still shows after it was switched off")
	}
	if e, ok := hubEmbed(t, c); !ok || !e.Disabled {
		t.Errorf("settings_data.json has the hub as %+v (found %v), want it there, disabled", e, ok)
	}
}

// A value the schema does not allow, or a form from another origin, saves
// nothing.
func TestThemeEditorRefusesBadValues(t *testing.T) {
	s, c := startWithHub(t)
	tests := []struct {
		name   string
		form   url.Values
		origin string
		status int
		says   string
	}{
		{"colour", hubForm(true, map[string]string{"accent_color": "red"}), s.AdminURL, http.StatusUnprocessableEntity, "Accent color: enter a color like #303030."},
		{"option", hubForm(true, map[string]string{"position": "top"}), s.AdminURL, http.StatusUnprocessableEntity, "Position: choose one of the options."},
		{"range", hubForm(true, map[string]string{"offset": "500"}), s.AdminURL, http.StatusUnprocessableEntity, "Distance from the edges: enter a number from 8 to 96."},
		{"origin", hubForm(true, nil), "http://evil.example", http.StatusForbidden, "cross-origin"},
	}
	for _, tt := range tests {
		status, body := saveEditor(t, s, tt.form, tt.origin)
		if status != tt.status || !strings.Contains(body, tt.says) {
			t.Errorf("%s: %d, want %d saying %q:\n%s", tt.name, status, tt.status, tt.says, body)
		}
		if _, ok := hubEmbed(t, c); ok {
			t.Errorf("%s: the refused form switched the hub on", tt.name)
		}
	}
}
