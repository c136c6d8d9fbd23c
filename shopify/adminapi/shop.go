package adminapi

import (
	"context"
	"fmt"
)

// Shop is what hubchat needs about the store: its identity, the time zone
// office hours and dashboard ranges are computed in, its currency, and the
// policies the AI agent answers from and the chat links to.
type Shop struct {
	ID              string // gid://shopify/Shop/…
	NumericID       int64
	Name            string
	MyshopifyDomain string
	// PrimaryDomainURL and PrimaryDomainHost are the online store's own
	// domain (e.g. https://example.com), which storefront links use.
	PrimaryDomainURL  string
	PrimaryDomainHost string
	IANATimezone      string // e.g. America/New_York
	CurrencyCode      string // ISO 4217, e.g. USD
	ContactEmail      string // the public contact address shoppers write to
	Policies          []ShopPolicy
}

// ShopPolicy is one legal policy; Body is HTML as the merchant wrote it.
type ShopPolicy struct {
	Type  string // PRIVACY_POLICY, TERMS_OF_SERVICE, REFUND_POLICY, SHIPPING_POLICY, …
	Title string
	URL   string
	Body  string
}

const shopQuery = `query HubchatShop {
  shop {
    id
    name
    myshopifyDomain
    contactEmail
    ianaTimezone
    currencyCode
    primaryDomain { url host }
    shopPolicies { type title url body }
  }
}`

// Shop reads the shop's details and policies (needs read_legal_policies
// for the policies).
func (c *Client) Shop(ctx context.Context) (Shop, error) {
	var data struct {
		Shop struct {
			ID              string `json:"id"`
			Name            string `json:"name"`
			MyshopifyDomain string `json:"myshopifyDomain"`
			ContactEmail    string `json:"contactEmail"`
			IANATimezone    string `json:"ianaTimezone"`
			CurrencyCode    string `json:"currencyCode"`
			PrimaryDomain   struct {
				URL  string `json:"url"`
				Host string `json:"host"`
			} `json:"primaryDomain"`
			ShopPolicies []struct {
				Type  string `json:"type"`
				Title string `json:"title"`
				URL   string `json:"url"`
				Body  string `json:"body"`
			} `json:"shopPolicies"`
		} `json:"shop"`
	}
	if err := c.Do(ctx, shopQuery, nil, &data); err != nil {
		return Shop{}, fmt.Errorf("shop: %w", err)
	}
	s := data.Shop
	id, err := numericID(s.ID, "Shop")
	if err != nil {
		return Shop{}, fmt.Errorf("shop: %w", err)
	}
	shop := Shop{
		ID: s.ID, NumericID: id, Name: s.Name, MyshopifyDomain: s.MyshopifyDomain,
		PrimaryDomainURL: s.PrimaryDomain.URL, PrimaryDomainHost: s.PrimaryDomain.Host,
		IANATimezone: s.IANATimezone, CurrencyCode: s.CurrencyCode, ContactEmail: s.ContactEmail,
	}
	for _, p := range s.ShopPolicies {
		shop.Policies = append(shop.Policies, ShopPolicy{Type: p.Type, Title: p.Title, URL: p.URL, Body: p.Body})
	}
	return shop, nil
}

const shopLocalesQuery = `query HubchatShopLocales {
  shopLocales { locale primary }
}`

// PrimaryLocale is the shop's primary locale (an ISO code such as "en" or
// "pt-BR"): the language its catalog and policies are written in; "" if
// Shopify names none primary. Needs the read_locales scope: without it
// Shopify refuses the query (an access-denied error).
func (c *Client) PrimaryLocale(ctx context.Context) (string, error) {
	var data struct {
		ShopLocales []struct {
			Locale  string `json:"locale"`
			Primary bool   `json:"primary"`
		} `json:"shopLocales"`
	}
	if err := c.Do(ctx, shopLocalesQuery, nil, &data); err != nil {
		return "", fmt.Errorf("shop locales: %w", err)
	}
	for _, l := range data.ShopLocales {
		if l.Primary {
			return l.Locale, nil
		}
	}
	return "", nil
}
