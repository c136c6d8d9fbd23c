package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"hubchat/app/apptest"
)

// Installing publishes the widget's settings to the app-data metafield the
// storefront's Liquid reads, with the shop's own policies as the links.
func TestInstallPublishesTheChatSettingsMetafield(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	fields := env.Shopify.AdminAPI.AppMetafields(env.Shop())
	mf, ok := fields["hubchat"]["chat"]
	if !ok || mf.Type != "json" {
		t.Fatalf("no hubchat.chat metafield: %+v", fields)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(mf.Value), &got); err != nil {
		t.Fatal(err)
	}
	var privacy string
	for _, p := range env.Shopify.Shop.Policies() {
		if p.Type == "PRIVACY_POLICY" {
			privacy = p.Handle
		}
	}
	if got["enabled"] != true || got["login_status"] != "logged_in" || got["welcome_message"] != "Hi! How can we help?" {
		t.Fatalf("metafield %v", got)
	}
	if url, _ := got["privacy_url"].(string); privacy == "" || url == "" || !strings.Contains(url, privacy) {
		t.Fatalf("privacy link %q does not default to the shop's policy %q", got["privacy_url"], privacy)
	}
}
