package shopifytest

import (
	"cmp"
	"encoding/json"
	"strconv"
	"strings"
)

// StorefrontShop is what the storefront shows of the shop: Liquid's shop
// object.
type StorefrontShop struct {
	Name string
	// PermanentDomain is the {name}.myshopify.com domain; the app proxy
	// sends it as the shop parameter.
	PermanentDomain string
	// Domain is the primary domain. Empty means the host the storefront is
	// served on, so shop.url points back at the fake.
	Domain string
	Email  string
	// Currency is the ISO code, e.g. "USD".
	Currency string
	// MoneyFormat is the "HTML without currency" format the money filter
	// uses, e.g. "${{amount}}"; empty means "${{amount}}".
	MoneyFormat string
	// PrivacyPolicy and TermsOfService are nil when the merchant has not
	// written them, as in Shopify.
	PrivacyPolicy  *StorefrontPolicy
	TermsOfService *StorefrontPolicy
}

// StorefrontPolicy is a shop policy page.
type StorefrontPolicy struct {
	Title string
	// Body is HTML, as the merchant wrote it in the admin.
	Body string
}

// StorefrontCustomer is a signed-in customer: Liquid's customer object.
type StorefrontCustomer struct {
	ID        int64
	FirstName string
	LastName  string
	Email     string
	Phone     string
	Tags      []string
}

// Name is the full name, as customer.name.
func (c StorefrontCustomer) Name() string {
	return strings.TrimSpace(c.FirstName + " " + c.LastName)
}

// StorefrontProduct is a product on sale.
type StorefrontProduct struct {
	ID          int64
	Handle      string
	Title       string
	Description string // HTML
	// Price is in cents of the shop currency, as product.price.
	Price  int64
	Vendor string
}

// StorefrontMetafield is a metafield as the Admin API stores it: a type
// ("json", "single_line_text_field", "boolean", "number_integer", …) and
// the value serialized as a string. Liquid reads it as an object whose
// value is parsed according to the type.
type StorefrontMetafield struct {
	Type  string
	Value string
}

// StorefrontRequest describes the page being rendered: Liquid's request
// object.
type StorefrontRequest struct {
	Host string
	Path string
	// Locale is the active locale's ISO code, e.g. "en" or "fr-CA".
	Locale string
	// PrimaryLocale is the shop's primary locale; "" means Locale is it.
	PrimaryLocale string
	// Locales are the shop's published locales, the primary first; none
	// means Locale alone.
	Locales []string
	// PageType is request.page_type: "index", "product", "page", …
	PageType string
}

// StorefrontObjects are the global objects of one storefront render.
type StorefrontObjects struct {
	Shop StorefrontShop
	// Customer is nil when nobody is signed in; Liquid then has no customer
	// object, so `{% if customer %}` is false.
	Customer *StorefrontCustomer
	Request  StorefrontRequest
	// AppMetafields are the app-owned metafields (namespace → key), read in
	// extensions as app.metafields.{namespace}.{key}.value.
	AppMetafields map[string]map[string]StorefrontMetafield
}

// liquidMetafield is a metafield as Liquid sees it. Printing it prints its
// value, as Shopify does.
type liquidMetafield struct {
	Value any    `liquid:"value"`
	Type  string `liquid:"type"`
}

func (m liquidMetafield) String() string { return liquidString(m.Value) }

// MarshalJSON makes `{{ app.metafields.ns.key | json }}` output the value.
func (m liquidMetafield) MarshalJSON() ([]byte, error) { return json.Marshal(m.Value) }

// parsedValue decodes the stored string by type. A value that does not
// parse stays a string; Shopify validates on write, so that cannot happen
// there.
func (m StorefrontMetafield) parsedValue() any {
	switch {
	case m.Type == "json" || strings.HasPrefix(m.Type, "list.") || m.Type == "money" || m.Type == "rating":
		var v any
		if json.Unmarshal([]byte(m.Value), &v) == nil {
			return v
		}
	case m.Type == "boolean":
		if b, err := strconv.ParseBool(m.Value); err == nil {
			return b
		}
	case m.Type == "number_integer":
		if n, err := strconv.ParseInt(m.Value, 10, 64); err == nil {
			return n
		}
	case m.Type == "number_decimal":
		if f, err := strconv.ParseFloat(m.Value, 64); err == nil {
			return f
		}
	}
	return m.Value
}

// bindings builds the Liquid globals. URLs are relative to the storefront,
// like the routes Shopify gives themes.
func (o StorefrontObjects) bindings() map[string]any {
	locale, primary := o.Request.locales()
	root := localeRoot(locale, primary)
	published := o.Request.Locales
	if len(published) == 0 {
		published = []string{locale}
	}
	languages := []any{}
	for _, l := range published {
		languages = append(languages, shopLocaleObject(l, primary))
	}
	b := map[string]any{
		"shop":    o.shopObject(),
		"request": o.requestObject(locale, primary),
		// The routes stay in the active locale, as Shopify's do.
		"routes": map[string]any{
			"root_url":                    root,
			"account_url":                 inLocale(root, "/account"),
			"account_login_url":           inLocale(root, "/account/login"),
			"account_logout_url":          inLocale(root, "/account/logout"),
			"all_products_collection_url": inLocale(root, "/collections/all"),
			"cart_url":                    inLocale(root, "/cart"),
			"search_url":                  inLocale(root, "/search"),
		},
		"localization": map[string]any{
			"available_languages": languages,
			"language":            shopLocaleObject(locale, primary),
		},
		"settings": map[string]any{},
	}
	if c := o.Customer; c != nil {
		b["customer"] = map[string]any{
			"id": c.ID, "first_name": c.FirstName, "last_name": c.LastName, "name": c.Name(),
			"email": c.Email, "phone": c.Phone, "tags": c.Tags, "has_account": true,
		}
	}
	return b
}

func (o StorefrontObjects) shopObject() map[string]any {
	domain := o.Shop.Domain
	if domain == "" {
		domain = o.Request.Host
	}
	return map[string]any{
		"name":                      o.Shop.Name,
		"permanent_domain":          o.Shop.PermanentDomain,
		"domain":                    domain,
		"url":                       "https://" + domain,
		"email":                     o.Shop.Email,
		"currency":                  o.Shop.Currency,
		"money_format":              o.Shop.moneyFormat(),
		"customer_accounts_enabled": true,
		"privacy_policy":            policyObject(o.Shop.PrivacyPolicy, "privacy-policy"),
		"terms_of_service":          policyObject(o.Shop.TermsOfService, "terms-of-service"),
	}
}

// locales returns the active locale and the shop's primary one, "en"
// when none is set.
func (r StorefrontRequest) locales() (active, primary string) {
	active = cmp.Or(r.Locale, "en")
	return active, cmp.Or(r.PrimaryLocale, active)
}

func (o StorefrontObjects) requestObject(locale, primary string) map[string]any {
	return map[string]any{
		"design_mode": false,
		"host":        o.Request.Host,
		"path":        o.Request.Path,
		"page_type":   o.Request.PageType,
		"locale":      shopLocaleObject(locale, primary),
	}
}

// policyObject returns nil for a missing policy, so `{% if
// shop.privacy_policy %}` is false as in Shopify.
func policyObject(p *StorefrontPolicy, handle string) any {
	if p == nil {
		return nil
	}
	return map[string]any{"title": p.Title, "body": p.Body, "url": "/policies/" + handle, "handle": handle}
}

// appObject is the app object of theme app extensions.
func (o StorefrontObjects) appObject() map[string]any {
	namespaces := make(map[string]any, len(o.AppMetafields))
	for ns, fields := range o.AppMetafields {
		m := make(map[string]any, len(fields))
		for key, f := range fields {
			m[key] = liquidMetafield{Value: f.parsedValue(), Type: f.Type}
		}
		namespaces[ns] = m
	}
	return map[string]any{"metafields": namespaces}
}

func (s StorefrontShop) moneyFormat() string {
	if s.MoneyFormat == "" {
		return "${{amount}}"
	}
	return s.MoneyFormat
}

// object is Liquid's product, its url in the locale whose root is root.
func (p StorefrontProduct) object(root string) map[string]any {
	return map[string]any{
		"id": p.ID, "handle": p.Handle, "title": p.Title, "description": p.Description,
		"price": p.Price, "vendor": p.Vendor, "url": inLocale(root, "/products/"+p.Handle),
	}
}
