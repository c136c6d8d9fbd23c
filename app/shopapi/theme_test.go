package shopapi_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"hubchat/app/apptest"
	"hubchat/app/shopapi"
	"hubchat/shopify/shopifytest"
)

// AppEmbed reads the hub's block from the published theme's
// settings_data.json as the theme editor saved it; a shop that has not
// granted read_themes, or whose grant Shopify refuses, is told apart from
// an embed that is off.
func TestAppEmbedReadsThePublishedTheme(t *testing.T) {
	grant := "read_customers,read_orders,read_products,read_legal_policies,read_themes"
	env := apptest.Start(t, apptest.Options{Shopify: func(c *shopifytest.Config) {
		c.AdminAPI.ScopeOf = func(string, string) string { return grant }
	}})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := context.Background()
	shops, clients := newClients(env)
	shop, err := shops.ByDomain(ctx, env.Shop())
	if err != nil {
		t.Fatal(err)
	}
	if _, found, err := clients.AppEmbed(ctx, shop, "hubchat", "hub"); err != nil || found {
		t.Fatalf("before the merchant switched it on: found %v, %v", found, err)
	}

	hub := shopifytest.CustomerHub
	hub.Settings = map[string]any{"show_tabs": false, "accent_color": "#ff0000"}
	env.Shopify.Theme.SetAppEmbed(hub, true)
	e, found, err := clients.AppEmbed(ctx, shop, "hubchat", "hub")
	if err != nil || !found || e.Disabled || e.Settings["show_tabs"] != false || e.Settings["accent_color"] != "#ff0000" {
		t.Fatalf("switched on: %+v found %v, %v", e, found, err)
	}
	if _, found, err := clients.AppEmbed(ctx, shop, "other-app", "hub"); err != nil || found {
		t.Errorf("another app's block: found %v, %v", found, err)
	}
	env.Shopify.Theme.SetAppEmbed(hub, false)
	if e, found, err := clients.AppEmbed(ctx, shop, "hubchat", "hub"); err != nil || !found || !e.Disabled {
		t.Errorf("switched off: %+v found %v, %v", e, found, err)
	}

	grant = strings.TrimSuffix(grant, ",read_themes") // Shopify no longer honours it
	if _, _, err := clients.AppEmbed(ctx, shop, "hubchat", "hub"); !errors.Is(err, shopapi.ErrThemesNotGranted) {
		t.Errorf("with the grant refused: %v, want ErrThemesNotGranted", err)
	}
	shop.Scopes = strings.ReplaceAll(shop.Scopes, "read_themes", "read_other") // installed before the app asked
	if _, _, err := clients.AppEmbed(ctx, shop, "hubchat", "hub"); !errors.Is(err, shopapi.ErrThemesNotGranted) {
		t.Errorf("without the scope: %v, want ErrThemesNotGranted", err)
	}
}
