package shopifytest

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"hubchat/shopify/adminapi"
)

// TestAppMetafieldsReachTheStorefrontUntilUninstall runs the local Shopify
// whole: the app writes hubchat.chat with the production client, the next
// storefront page renders it through app.metafields, and uninstalling the
// app from the admin deletes it.
func TestAppMetafieldsReachTheStorefrontUntilUninstall(t *testing.T) {
	ctx := context.Background()
	app := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})) // takes app/uninstalled
	t.Cleanup(app.Close)
	s, err := Start(Config{
		APIKey: "test-key", APISecret: "test-secret", AppURL: app.URL,
		ExtensionDirs: []string{"testdata/metafields/extension"},
		Embeds: func(context.Context) ([]StorefrontEmbed, error) {
			return []StorefrontEmbed{{Extension: "extension", Block: "chat"}}, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(ctx) })
	shop := s.Shop.Info().Domain
	c := adminClient(t, s)
	page := func() string {
		t.Helper()
		_, body := get(t, http.DefaultClient, s.StorefrontURL+"/")
		return between(body, `data-testid="chat-settings"`, "</div>")
	}
	if got := page(); got != ` data-type="" data-enabled="">` {
		t.Fatalf("before the app wrote anything the embed shows %q", got)
	}

	owner, err := c.AppInstallationID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.SetAppMetafields(ctx, owner, []adminapi.MetafieldInput{{Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON,
		Value: `{"enabled":true,"login_status":"all","welcome_message":"Hi <there>!"}`}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := page(), ` data-type="json" data-enabled="true">Hi &lt;there&gt;!`; got != want {
		t.Errorf("after metafieldsSet the embed shows %q, want %q", got, want)
	}

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Post(s.AdminURL+"/store/"+storeHandle(shop)+"/apps/test-key/uninstall", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("uninstall: status %d", res.StatusCode)
	}
	if got := s.AdminAPI.AppMetafields(shop); len(got) != 0 {
		t.Errorf("after uninstall the app's metafields are still %+v", got)
	}
	if got := page(); got != ` data-type="" data-enabled="">` {
		t.Errorf("after uninstall the embed shows %q", got)
	}
	if _, err := c.AppInstallationID(ctx); !errors.Is(err, adminapi.ErrUnauthorized) {
		t.Errorf("after uninstall the app's token still works: %v", err)
	}
}
