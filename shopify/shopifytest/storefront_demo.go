package shopifytest

import (
	"cmp"
	"context"
	"strings"
)

// storefrontConfig serves the demo shop's data on the storefront.
func (s *Shopify) storefrontConfig() StorefrontConfig {
	cfg, shop := s.cfg, s.Shop
	info := shop.Info()
	return StorefrontConfig{
		Shop:          storefrontShop(shop),
		ExtensionDirs: cfg.ExtensionDirs,
		Embeds:        s.Theme.Embeds,
		// What the app wrote through the Admin API shows on the next page.
		AppMetafields: func(context.Context) (map[string]map[string]StorefrontMetafield, error) {
			return s.AdminAPI.AppMetafields(info.Domain), nil
		},
		Products: func(context.Context) ([]StorefrontProduct, error) { return storefrontProducts(shop), nil },
		Customer: func(_ context.Context, id int64) (StorefrontCustomer, bool, error) {
			return storefrontCustomer(shop, id)
		},
		DemoCustomerID: shop.SignedInCustomerID(),
		AppProxy: StorefrontAppProxy{
			URL: cfg.AppURL + "/proxy", Prefix: cfg.AppProxyPrefix, Subpath: cfg.AppProxySubpath, Secret: cfg.APISecret,
		},
		Locale:           cmp.Or(info.PrimaryLocale, "en"),
		AlternateLocales: info.AlternateLocales,
		Now:              cfg.Now,
		Logger:           cfg.Log.With("shop", info.Domain),
	}
}

func storefrontShop(shop *DemoShop) StorefrontShop {
	info := shop.Info()
	out := StorefrontShop{Name: info.Name, PermanentDomain: info.Domain, Email: info.Email, Currency: info.Currency}
	for _, p := range shop.Policies() {
		policy := &StorefrontPolicy{Title: p.Title, Body: p.Body}
		switch p.Type {
		case "PRIVACY_POLICY":
			out.PrivacyPolicy = policy
		case "TERMS_OF_SERVICE":
			out.TermsOfService = policy
		}
	}
	return out
}

func storefrontProducts(shop *DemoShop) []StorefrontProduct {
	var out []StorefrontProduct
	for _, p := range shop.Products() {
		if p.Status != "" && p.Status != "ACTIVE" {
			continue
		}
		cents, err := demoParseCents(p.Price)
		if err != nil {
			continue
		}
		out = append(out, StorefrontProduct{ID: p.ID, Handle: p.Handle, Title: p.Title,
			Description: "<p>" + strings.ReplaceAll(htmlEscape(p.Description), "\n\n", "</p><p>") + "</p>",
			Price:       cents, Vendor: cmp.Or(p.Vendor, shop.Info().Name)}) // Shopify's default vendor is the shop's name
	}
	return out
}

func storefrontCustomer(shop *DemoShop, id int64) (StorefrontCustomer, bool, error) {
	c, ok := shop.Customer(id)
	if !ok {
		return StorefrontCustomer{}, false, nil
	}
	return StorefrontCustomer{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email, Phone: c.Phone}, true, nil
}

var htmlReplacer = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func htmlEscape(s string) string { return htmlReplacer.Replace(s) }

// SwitchedOn is a StorefrontConfig.Embeds (and Config.Embeds) reporting the
// given embeds switched on, as a merchant does in the theme editor.
func SwitchedOn(embeds ...StorefrontEmbed) func(context.Context) ([]StorefrontEmbed, error) {
	return func(context.Context) ([]StorefrontEmbed, error) { return embeds, nil }
}

// CustomerHub is hubchat's Customer Hub app embed with its defaults.
var CustomerHub = StorefrontEmbed{Extension: "customer-hub", Block: "hub"}
