package admin_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

func TestSettingsIndexListsTheSections(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	resp, page := e.page("/app/settings")
	wantStatus(t, "index", resp, page, 200)
	for _, want := range []string{`href="/app/settings/web-chat"`, `href="/app/settings/general"`, `href="/app/settings/faqs"`,
		`href="/app/settings/macros"`, `href="/app/settings/notifications"`, "Privacy policy and terms of service links"} {
		if !strings.Contains(page, want) {
			t.Errorf("the index lacks %s", want)
		}
	}
}

func TestGeneralSettings(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	resp, page := e.page("/app/settings/general")
	wantStatus(t, "GET", resp, page, 200)
	shop, err := storage.NewShops(e.DB, e.Keys, time.Now).Get(t.Context(), e.shopID)
	if err != nil || shop.PrivacyPolicyURL == "" {
		t.Fatalf("the demo shop has no privacy policy: %+v %v", shop, err)
	}
	// An empty field means the shop's own policy, and the page says which.
	if !strings.Contains(page, "Leave empty to use your store’s own privacy policy: "+shop.PrivacyPolicyURL) {
		t.Fatalf("the default policy is not shown:\n%.3000s", page)
	}

	tests := []struct {
		name, privacy, terms, field, message string
	}{
		{"http", "http://shop.example/privacy", "", "privacy-url", "Use a secure privacy policy link, starting with https:// rather than http://."},
		{"not a link", "", "our terms page", "terms-url", "Enter the terms of service as a full link starting with https://"},
		{"no host", "https:///privacy", "", "privacy-url", "Enter the privacy policy as a full link"},
		{"other scheme", "", "javascript:alert(1)", "terms-url", "Enter the terms of service as a full link"},
	}
	for _, tt := range tests {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post("/app/settings/general", url.Values{"privacy_url": {tt.privacy}, "terms_url": {tt.terms}}, htmx)
			wantStatus(t, tt.name, resp, body, 422)
			wantFieldError(t, body, tt.field, tt.message)
			if !strings.Contains(body, `value="`+tt.privacy+`"`) {
				t.Fatalf("%s: the form lost the input", tt.name)
			}
		}
	}
	if cs := e.chatSettings(); cs.PrivacyURL != "" || cs.TermsURL != "" {
		t.Fatalf("invalid links were saved: %+v", cs)
	}

	resp, _ = e.post("/app/settings/general", url.Values{"privacy_url": {" https://shop.example/pages/privacy "}, "terms_url": {""}}, false)
	wantRedirect(t, "save", resp, "/app/settings/general?done=Settings+saved")
	if cs := e.chatSettings(); cs.PrivacyURL != "https://shop.example/pages/privacy" || cs.TermsURL != "" {
		t.Fatalf("saved %+v", cs)
	}
	resp, frag := e.post("/app/settings/general", url.Values{"privacy_url": {""}, "terms_url": {"https://shop.example/terms"}}, true)
	wantStatus(t, "htmx save", resp, frag, 200)
	if !strings.Contains(frag, savedToast) || e.chatSettings().TermsURL != "https://shop.example/terms" {
		t.Fatalf("htmx save: %.500s", frag)
	}
}
