package admin_test

import (
	"net/url"
	"strings"
	"testing"

	"hubchat/shopify/shopifytest"
)

// designState is what the Design card says: its data-design, whether its
// fields are disabled, and the theme editor link.
func designState(t *testing.T, page string) (design string, disabled bool, link string) {
	t.Helper()
	card := page[strings.Index(page, `data-testid="design-card"`):]
	design = between(card, `data-design="`, `"`)
	fields := between(card, `<fieldset class="design-fields"`, ">")
	link = strings.ReplaceAll(between(card, `<a href="`, `"`), "&amp;", "&")
	return design, strings.Contains(fields, "disabled"), link
}

func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	in, _, _ := strings.Cut(after, to)
	return in
}

// The Design card follows the Customer Hub embed in the shop's published
// theme, as the Admin API reports it: off, on with its tabs (its own
// appearance wins: fields disabled), on without them (the design applies).
func TestWebChatDesignFollowsThePublishedTheme(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	theme := e.Shopify.Theme
	editor := strings.Replace(e.Shopify.ShopURL(), "{shop}", e.Shopify.Shop.Info().Domain, 1) +
		"/admin/themes/current/editor?activateAppId=" + url.QueryEscape(e.Config.ShopifyAPIKey+"/hub") + "&context=apps"

	tests := []struct {
		name     string
		set      func()
		design   string
		disabled bool
	}{
		{"never switched on", func() {}, "embed-off", false},
		// The theme leaves show_tabs out at its default, which is on.
		{"on, tabs at their default", func() { theme.SetAppEmbed(shopifytest.CustomerHub, true) }, "hub", true},
		{"on, tabs off", func() {
			hub := shopifytest.CustomerHub
			hub.Settings = map[string]any{"show_tabs": false}
			theme.SetAppEmbed(hub, true)
		}, "applies", false},
		{"on, tabs on", func() {
			hub := shopifytest.CustomerHub
			hub.Settings = map[string]any{"show_tabs": true, "accent_color": "#ff0000"}
			theme.SetAppEmbed(hub, true)
		}, "hub", true},
		{"switched off again", func() { theme.SetAppEmbed(shopifytest.CustomerHub, false) }, "embed-off", false},
	}
	for _, tt := range tests {
		tt.set()
		resp, page := e.page("/app/settings/web-chat")
		wantStatus(t, tt.name, resp, page, 200)
		design, disabled, link := designState(t, page)
		if design != tt.design || disabled != tt.disabled {
			t.Errorf("%s: design %q, disabled %v; want %q, %v", tt.name, design, disabled, tt.design, tt.disabled)
		}
		if link != editor {
			t.Errorf("%s: the notice links to %q, want the theme editor %q", tt.name, link, editor)
		}
		if !strings.Contains(page, `target="_top" data-testid="design-editor-link"`) {
			t.Errorf("%s: the theme editor link does not leave the admin's frame", tt.name)
		}
	}
}

// While the hub's appearance is in use the design fields are disabled, so
// the browser does not post them: saving keeps the stored design and saves
// the rest. A form that does post them still has them checked.
func TestWebChatSaveKeepsTheDisabledDesign(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	e.Shopify.Theme.SetAppEmbed(shopifytest.CustomerHub, true)
	resp, _ := e.post("/app/settings/web-chat", webChatForm(), false)
	wantRedirect(t, "save with the design", resp, "/app/settings/web-chat?done=Settings+saved")

	form := webChatForm()
	form.Del("color")
	form.Del("icon")
	form.Del("position")
	form.Set("welcome_message", "Welcome back")
	resp, frag := e.post("/app/settings/web-chat", form, true)
	wantStatus(t, "htmx save without the design", resp, frag, 200)
	if design, disabled, _ := designState(t, frag); design != "hub" || !disabled {
		t.Errorf("after the save the design is %q (disabled %v), want the hub's, disabled", design, disabled)
	}
	cs := e.chatSettings()
	if cs.Color != "#00aa77" || cs.Icon != "help" || cs.Position != "left" || cs.WelcomeMessage != "Welcome back" {
		t.Errorf("saved %q %q %q %q; want the kept design and the new welcome message", cs.Color, cs.Icon, cs.Position, cs.WelcomeMessage)
	}

	form.Set("color", "blue")
	resp, frag = e.post("/app/settings/web-chat", form, true)
	wantStatus(t, "a posted bad colour", resp, frag, 422)
}

// A shop installed before the app asked for read_themes cannot say whose
// appearance the launcher has: the design stays editable, with a notice
// saying so and the way to the theme editor.
func TestWebChatDesignWithoutTheThemesScope(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	e.Shopify.Theme.SetAppEmbed(shopifytest.CustomerHub, true)
	if _, err := e.DB.Exec(`UPDATE shops SET scopes = replace(scopes, 'read_themes', '') WHERE id = $1`, e.shopID); err != nil {
		t.Fatal(err)
	}
	resp, page := e.page("/app/settings/web-chat")
	wantStatus(t, "GET", resp, page, 200)
	if design, disabled, _ := designState(t, page); design != "unknown" || disabled {
		t.Errorf("design %q, disabled %v; want unknown, editable", design, disabled)
	}
	if !strings.Contains(page, "We couldn’t check your theme") {
		t.Error("the notice does not say the theme could not be checked")
	}
}
