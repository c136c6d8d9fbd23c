package shopifytest

// The fake Admin API's shop and its storefront domains.

import (
	"net/url"
	"strings"
	"time"

	"hubchat/shopify/adminapi"
)

func adminapiShop(s *DemoShop, _ *adminapi.Operation, _ adminapi.Field, _ map[string]any, opts *AdminAPIOptions) (any, error) {
	info := s.Info()
	policies := []any{} // a non-null list on Shopify, even when empty
	for _, p := range s.Policies() {
		policies = append(policies, map[string]any{"type": p.Type, "title": p.Title, "body": p.Body,
			"url": "https://" + info.PrimaryDomain + "/policies/" + p.Handle})
	}
	return map[string]any{
		"id": adminapi.GID("Shop", info.ID), "name": info.Name, "myshopifyDomain": info.Domain,
		"email": info.Email, "contactEmail": info.Email, "ianaTimezone": info.TimeZone, "currencyCode": info.Currency,
		"primaryDomain": adminapiDomain(1, adminapiStorefrontURLs(info, opts)[0]),
		"shopPolicies":  policies,
	}, nil
}

// adminapiWebPresences answers webPresences: one web presence per domain
// the storefront answers on, the primary domain's first, as a shop whose
// markets have domains of their own.
func adminapiWebPresences(s *DemoShop, op *adminapi.Operation, f adminapi.Field, vars map[string]any, opts *AdminAPIOptions) (any, error) {
	first, after, _, reverse, _, err := adminapiArgs(op, f, vars)
	if err != nil {
		return nil, err
	}
	var nodes []adminapiNode
	info := s.Info()
	locale := adminapiShopLocale(info)
	for i, u := range adminapiStorefrontURLs(info, opts) {
		id := int64(i + 1)
		key, _ := adminapiSortKey("ID", id, time.Time{}, time.Time{}, "")
		nodes = append(nodes, adminapiNode{adminapiCursor{Key: key, ID: id}, func() map[string]any {
			// Alternate locales are subfolders of the domain.
			roots, alternates := []any{map[string]any{"locale": locale["locale"], "url": u + "/"}}, []any{}
			for _, alt := range adminapiAlternateLocales(info) {
				roots = append(roots, map[string]any{"locale": alt["locale"], "url": u + "/" + strings.ToLower(alt["locale"].(string)) + "/"})
				alternates = append(alternates, alt)
			}
			return map[string]any{
				"id": adminapi.GID("MarketWebPresence", id), "domain": adminapiDomain(id, u), "subfolderSuffix": nil,
				"rootUrls": roots, "defaultLocale": locale, "alternateLocales": alternates,
			}
		}})
	}
	return adminapiPage(nodes, first, after, reverse)
}

// adminapiStorefrontURLs are the URLs the shop's online store answers on,
// its primary domain first: the running storefront's when the fake knows
// them, else https://{primary_domain}.
func adminapiStorefrontURLs(info DemoShopInfo, opts *AdminAPIOptions) []string {
	if len(opts.StorefrontURLs) > 0 {
		return opts.StorefrontURLs
	}
	return []string{"https://" + info.PrimaryDomain}
}

// adminapiDomain is a Domain object. Its host is the URL's, which for the
// local storefront includes the port (a real domain never has one).
func adminapiDomain(id int64, rawURL string) map[string]any {
	u, _ := url.Parse(rawURL)
	return map[string]any{
		"id": adminapi.GID("Domain", id), "host": u.Host, "url": u.Scheme + "://" + u.Host, "sslEnabled": u.Scheme == "https",
		"localization": map[string]any{"alternateLocales": []any{}, "country": nil, "defaultLocale": "en"},
	}
}
