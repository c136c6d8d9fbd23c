package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"

	"hubchat/app"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/shopify/shopifytest"
)

// startLocalShopify runs the local Shopify `hubchat dev` uses in place of
// Shopify, with the demo shop, and points the configuration at it.
func startLocalShopify(cfg *config.Config, log *slog.Logger) (*shopifytest.Shopify, error) {
	shop, err := loadDemoShop(cfg.Local)
	if err != nil {
		return nil, err
	}
	local, err := shopifytest.Start(shopifytest.Config{
		APIKey: cfg.ShopifyAPIKey, APISecret: cfg.ShopifyAPISecret, AppName: "hubchat",
		AppURL: cfg.AppURL.String(), AppHomePath: "/app", Scopes: cfg.Scopes, Shop: shop,
		ExtensionDirs: extensionDirs("extensions"),
		// The demo starts with the Customer Hub switched on, as a merchant
		// does in the theme editor; the local Shopify's editor (Online
		// Store in its admin) switches it off or changes its settings.
		Embeds:         shopifytest.SwitchedOn(shopifytest.CustomerHub),
		AdminAddr:      fmt.Sprintf("127.0.0.1:%d", cfg.Local.AdminPort),
		StorefrontAddr: fmt.Sprintf("127.0.0.1:%d", cfg.Local.StorefrontPort),
		Log:            log.With("component", "local_shopify"),
	})
	if err != nil {
		return nil, err
	}
	admin, _ := cfg.ShopifyAdminURL.Parse(local.AdminURL)
	cfg.ShopifyAdminURL = admin
	cfg.ShopifyShopURL = local.ShopURL()
	cfg.AppBridgeURL = local.AdminURL + "/shopifycloud/app-bridge.js"
	return local, nil
}

func loadDemoShop(l config.LocalShopify) (*shopifytest.DemoShop, error) {
	shop, err := shopifytest.LoadDemoShopFromEnv(func(k string) string {
		if k == shopifytest.DemoShopEnv { // the same SHOP_DATA config read
			return l.ShopData
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	if l.ShopDomain != "" {
		if err := shop.SetDomain(l.ShopDomain); err != nil {
			return nil, err
		}
	}
	return shop, nil
}

// extensionDirs lists the app's theme app extensions.
func extensionDirs(root string) []string {
	dirs, _ := filepath.Glob(filepath.Join(root, "*", "shopify.extension.toml"))
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

// installIntoDemoShop installs the app into the demo shop as a
// Shopify-managed installation does: the merchant approved the scopes, and
// the app exchanges the owner's session token for the shop's offline token.
// Then the FAQs and articles the demo-shop file carries train the AI agent
// (the first time only: app.ImportDemoKnowledge).
func installIntoDemoShop(ctx context.Context, local *shopifytest.Shopify, a *app.App, log *slog.Logger) error {
	domain := local.Shop.Info().Domain
	local.GrantManagedInstall(domain)
	token, err := local.SessionToken(domain, shopifytest.DemoStaff()[0].ID)
	if err != nil {
		return err
	}
	if _, err := a.Installer.InstallFromSessionToken(ctx, domain, token); err != nil {
		return fmt.Errorf("install into the demo shop: %w", err)
	}
	n, err := a.ImportDemoKnowledge(ctx, domain, local.Shop.AppKnowledge())
	if err != nil {
		return fmt.Errorf("train the demo shop's AI agent: %w", err)
	}
	if n > 0 {
		log.Info("imported the demo shop's FAQs and articles", "items", n)
	}
	return nil
}

// printDevURLs tells the developer where to go.
func printDevURLs(w io.Writer, appURL string, local *shopifytest.Shopify, helpdesks []localHelpdesk, model string, tw *twiliotest.Twilio) {
	owner := shopifytest.DemoStaff()[0]
	customer, _ := local.Shop.Customer(local.Shop.SignedInCustomerID())
	fmt.Fprintf(w, `
hubchat is running with a local Shopify and the demo shop %q.

  Shopify admin   %s
                  (signed in as %s %s, the store owner)
  Storefront      %s
                  (sign in as the demo customer, %s %s, from the account page: %s/account/login)
  Theme editor    %s
                  (the Customer Hub app embed: on or off, its tabs and appearance)
  App             %s

`, local.Shop.Info().Name, local.AppHomeURL(), owner.FirstName, owner.LastName,
		local.StorefrontURL, customer.FirstName, customer.LastName, local.StorefrontURL, local.ThemeEditorURL(), appURL)
	printLocalHelpdesks(w, helpdesks)
	printLocalModel(w, model)
	printLocalTwilio(w, tw, customer.Phone)
	fmt.Fprintln(w, "Stop with Ctrl-C.")
}
