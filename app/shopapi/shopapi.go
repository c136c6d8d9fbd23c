// Package shopapi gives the rest of the app an Admin API client for a shop:
// its offline token comes from storage and, when it is about to expire, is
// refreshed through Shopify's token endpoint, once per shop however many
// callers on however many instances ask at the same moment (tokens.go).
package shopapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"hubchat/shopify"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// Clients makes Admin API clients for shops.
type Clients struct {
	Tokens TokenStore
	// OAuth asks Shopify's token endpoint for a shop's new token pair.
	OAuth *shopify.OAuth
	// ShopURL is the origin of a shop's endpoints with {shop} for its
	// domain (https://{shop} in production).
	ShopURL string
	HTTP    *http.Client
	Now     func() time.Time
}

// For returns a client for shop.
func (c *Clients) For(shop storage.Shop) (*adminapi.Client, error) {
	endpoint := func(domain string) string {
		return strings.ReplaceAll(c.ShopURL, "{shop}", domain) + "/admin/api/" + adminapi.APIVersion + "/graphql.json"
	}
	return adminapi.New(shop.Domain, tokenSource{c, shop}, adminapi.Options{Endpoint: endpoint, HTTPClient: c.HTTP})
}

// ShopDetails reads the shop's name, domain, email, time zone, currency,
// primary locale, policies and storefront origins.
func (c *Clients) ShopDetails(ctx context.Context, shop storage.Shop) (storage.ShopDetails, error) {
	client, err := c.For(shop)
	if err != nil {
		return storage.ShopDetails{}, err
	}
	s, err := client.Shop(ctx)
	if err != nil {
		return storage.ShopDetails{}, fmt.Errorf("shop details of %s: %w", shop.Domain, err)
	}
	d := storage.ShopDetails{
		Name: s.Name, PrimaryDomain: s.PrimaryDomainHost, Email: s.ContactEmail,
		IANATimezone: s.IANATimezone, Currency: s.CurrencyCode,
	}
	if d.StorefrontOrigins, err = storefrontOrigins(ctx, client, shop, s.PrimaryDomainURL); err != nil {
		return storage.ShopDetails{}, fmt.Errorf("storefront domains of %s: %w", shop.Domain, err)
	}
	if d.PrimaryLocale, err = primaryLocale(ctx, client, shop); err != nil {
		return storage.ShopDetails{}, fmt.Errorf("primary locale of %s: %w", shop.Domain, err)
	}
	for _, p := range s.Policies {
		d.Policies = append(d.Policies, storage.ShopPolicy{Type: p.Type, Title: p.Title, Body: policyText(p.Body), URL: p.URL})
		switch p.Type {
		case "PRIVACY_POLICY":
			d.PrivacyPolicyURL = p.URL
		case "TERMS_OF_SERVICE":
			d.TermsOfServiceURL = p.URL
		}
	}
	return d, nil
}

// marketsScope lets the app read the shop's web presences, whose domains are
// where its storefront is served besides the primary domain.
const marketsScope = "read_markets"

// storefrontOrigins are the origins the shop's online store is served from:
// its primary domain and, when the shop granted read_markets, its web
// presences' domains. A shop installed before the app asked for that scope
// has only its primary domain until the merchant grants it.
func storefrontOrigins(ctx context.Context, client *adminapi.Client, shop storage.Shop, primaryURL string) ([]string, error) {
	urls := []string{primaryURL}
	if len(shopify.MissingScopes(shop.Scopes, []string{marketsScope})) == 0 {
		domains, err := client.WebPresenceDomains(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range domains {
			urls = append(urls, d.URL)
		}
	}
	var origins []string
	for _, u := range urls {
		if o, ok := shopify.Origin(u); ok && !slices.Contains(origins, o) {
			origins = append(origins, o)
		}
	}
	return origins, nil
}

// localesScope lets the app read the shop's locales, whose primary one is
// the language its catalog and policies are written in.
const localesScope = "read_locales"

// primaryLocale is the shop's primary locale, or "" when the shop has not
// granted read_locales (installed before the app asked for it, until the
// merchant grants it) or Shopify refuses it all the same: the agent then
// does without, and nothing else of the sync is lost.
func primaryLocale(ctx context.Context, client *adminapi.Client, shop storage.Shop) (string, error) {
	if len(shopify.MissingScopes(shop.Scopes, []string{localesScope})) > 0 {
		return "", nil
	}
	locale, err := client.PrimaryLocale(ctx)
	var ge *adminapi.GraphQLError
	if errors.As(err, &ge) && ge.HasCode("ACCESS_DENIED") {
		return "", nil
	}
	return locale, err
}

// ProductAvailable reports whether a shopper can buy the shop's product
// now; one Shopify no longer has is not for sale.
func (c *Clients) ProductAvailable(ctx context.Context, shop storage.Shop, productID int64) (bool, error) {
	client, err := c.For(shop)
	if err != nil {
		return false, err
	}
	available, err := client.ProductAvailable(ctx, productID)
	if errors.Is(err, adminapi.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("availability of product %d of %s: %w", productID, shop.Domain, err)
	}
	return available, nil
}
