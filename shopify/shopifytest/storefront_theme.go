package shopifytest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/osteele/liquid"
)

// storefrontTheme is the fake online store's theme: a layout and a few
// templates written in Liquid, rendered by the same engine as extensions
// (in theme mode), plus one stylesheet. The templates are constants, parsed
// once; an error in them is a bug in the fake and stops NewStorefront.
type storefrontTheme struct {
	env       *liquidEnv
	layout    *liquid.Template
	templates map[string]*liquid.Template
	// cssVersion is a hash of the stylesheet, the ?v= of its URL.
	cssVersion string
}

// themeTemplates maps a template name (as template.name) to its source.
var themeTemplates = map[string]string{
	"index":             themeIndex,
	"product":           themeProduct,
	"page":              themePolicy,
	"customers/login":   themeLogin,
	"customers/account": themeAccount,
	"404":               themeNotFound,
}

func newStorefrontTheme(shop StorefrontShop) (*storefrontTheme, error) {
	sum := sha256.Sum256([]byte(themeCSS))
	t := &storefrontTheme{templates: map[string]*liquid.Template{}, cssVersion: hex.EncodeToString(sum[:6])}
	t.env = &liquidEnv{mode: liquidTheme, snippets: map[string]string{}, assetURL: t.assetURL,
		moneyFormat: shop.moneyFormat(), currency: shop.Currency}
	newLiquidEngine(t.env)
	var err error
	if t.layout, _, err = parseLiquid(t.env, "layout/theme.liquid", themeLayout); err != nil {
		return nil, fmt.Errorf("storefront theme: %w", err)
	}
	for name, src := range themeTemplates {
		if t.templates[name], _, err = parseLiquid(t.env, "templates/"+name+".liquid", src); err != nil {
			return nil, fmt.Errorf("storefront theme: %w", err)
		}
	}
	return t, nil
}

// assetURL serves the theme's only asset under a content-hashed query, the
// shape of Shopify's theme asset URLs (/cdn/shop/t/{id}/assets/…?v=…).
func (t *storefrontTheme) assetURL(name string) (string, error) {
	if name != "theme.css" {
		return "", fmt.Errorf("asset_url: the fake theme has no asset %q", name)
	}
	return "/cdn/shop/t/1/assets/theme.css?v=" + t.cssVersion, nil
}

// shopifyGlobals is the part of content_for_header that storefront scripts
// commonly read (window.Shopify.shop, .routes.root, .locale, .currency).
func shopifyGlobals(o StorefrontObjects) string {
	locale, primary := o.Request.locales()
	root := localeRoot(locale, primary)
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	return "\n<script>window.Shopify = window.Shopify || {};" +
		" Shopify.shop = " + js(o.Shop.PermanentDomain) + ";" +
		" Shopify.locale = " + js(locale) + ";" +
		" Shopify.currency = " + js(map[string]string{"active": o.Shop.Currency, "rate": "1.0"}) + ";" +
		" Shopify.routes = Shopify.routes || {}; Shopify.routes.root = " + js(strings.TrimSuffix(root, "/")+"/") + ";</script>\n"
}

// insertBeforeBodyEnd puts the app embeds at the end of <body>, where
// Shopify injects embeds targeting body.
func insertBeforeBodyEnd(page, html string) string {
	i := strings.LastIndex(page, "</body>")
	if i < 0 {
		return page + html
	}
	return page[:i] + html + page[i:]
}

const themeLayout = `<!doctype html>
<html lang="{{ request.locale.iso_code }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{% if page_title != '' %}{{ page_title | escape }} &ndash; {% endif %}{{ shop.name | escape }}</title>
  {{ 'theme.css' | asset_url | stylesheet_tag }}
  {{ content_for_header }}
</head>
<body class="template-{{ template.name | replace: '/', '-' }}">
  <div class="announcement">Free shipping on orders over {{ 5000 | money }}</div>
  <header class="site-header">
    <div class="page-width site-header__inner">
      <a class="site-header__logo" href="{{ routes.root_url }}">{{ shop.name | escape }}</a>
      <nav class="site-nav" aria-label="Main">
        <a href="{{ routes.all_products_collection_url }}">Catalog</a>
        {%- if customer %}
        <a href="{{ routes.account_url }}" data-testid="account-link">{{ customer.first_name | default: customer.email | escape }}</a>
        <a href="{{ routes.account_logout_url }}?return_url={{ request.path | url_encode }}" data-testid="sign-out">Sign out</a>
        {%- else %}
        <a href="{{ routes.account_login_url }}?return_url={{ request.path | url_encode }}" data-testid="sign-in">Sign in</a>
        {%- endif %}
      </nav>
    </div>
  </header>
  <main id="main" class="page-width" role="main">
    {{ content_for_layout }}
  </main>
  <footer class="site-footer">
    <div class="page-width site-footer__inner">
      <span>&copy; {{ shop.name | escape }}</span>
      {%- if localization.available_languages.size > 1 %}
      <form class="site-language" method="post" action="/localization" data-testid="language-selector">
        <input type="hidden" name="form_type" value="localization">
        <input type="hidden" name="return_to" value="{{ request.path | escape }}">
        <label for="site-language">Language</label>
        <select id="site-language" name="locale_code" onchange="this.form.submit()">
          {%- for language in localization.available_languages %}
          <option value="{{ language.iso_code }}" lang="{{ language.iso_code }}"{% if language.iso_code == localization.language.iso_code %} selected{% endif %}>{{ language.endonym_name | escape }}</option>
          {%- endfor %}
        </select>
        <noscript><button class="button button--secondary" type="submit">Change</button></noscript>
      </form>
      {%- endif %}
      {%- if shop.privacy_policy %}
      <a href="{{ shop.privacy_policy.url }}">{{ shop.privacy_policy.title | escape }}</a>
      {%- endif %}
      {%- if shop.terms_of_service %}
      <a href="{{ shop.terms_of_service.url }}">{{ shop.terms_of_service.title | escape }}</a>
      {%- endif %}
    </div>
  </footer>
</body>
</html>
`

const themeIndex = `<section class="hero">
  <h1 class="hero__title">{{ shop.name | escape }}</h1>
  <p class="hero__text">Small-batch goods, made with care and shipped from our workshop.</p>
</section>
<h2 class="section-title">Featured products</h2>
{%- if products.size == 0 %}
<p class="muted" data-testid="no-products">No products yet.</p>
{%- else %}
<ul class="product-grid" data-testid="product-grid">
  {%- for product in products %}
  <li class="card" data-testid="product-card">
    <a class="card__link" href="{{ product.url }}">
      <div class="swatch" style="--hue: {{ product.id | modulo: 360 }}" aria-hidden="true">{{ product.title | slice: 0 }}</div>
      <h3 class="card__title">{{ product.title | escape }}</h3>
      <p class="card__price">{{ product.price | money }}</p>
    </a>
  </li>
  {%- endfor %}
</ul>
{%- endif %}
`

const themeProduct = `<nav class="breadcrumbs"><a href="{{ routes.root_url }}">Home</a> / {{ product.title | escape }}</nav>
<article class="product" data-testid="product">
  <div class="swatch swatch--large" style="--hue: {{ product.id | modulo: 360 }}" aria-hidden="true">{{ product.title | slice: 0 }}</div>
  <div class="product__info">
    {%- if product.vendor != '' %}
    <p class="product__vendor">{{ product.vendor | escape }}</p>
    {%- endif %}
    <h1 class="product__title">{{ product.title | escape }}</h1>
    <p class="product__price" data-testid="product-price">{{ product.price | money_with_currency }}</p>
    <div class="rte">{{ product.description }}</div>
  </div>
</article>
`

const themePolicy = `<article class="policy" data-testid="policy">
  <h1>{{ policy.title | escape }}</h1>
  <div class="rte">{{ policy.body }}</div>
</article>
`

const themeLogin = `<section class="account-box" data-testid="login">
  <h1>Sign in</h1>
  {%- if customer %}
  <p>You are signed in as {{ customer.name | escape }}.</p>
  <a class="button" href="{{ return_url | escape }}">Continue</a>
  {%- elsif demo_customer %}
  <p class="muted">This is the local fake Shopify store. Sign in as its demo customer:</p>
  <form method="post" action="{{ routes.account_login_url }}">
    <input type="hidden" name="return_url" value="{{ return_url | escape }}">
    <button class="button" type="submit" data-testid="sign-in-demo">Sign in as {{ demo_customer.name | escape }}</button>
  </form>
  <p class="muted">{{ demo_customer.email | escape }}</p>
  {%- else %}
  <p class="muted">This fake store has no demo customer to sign in as.</p>
  {%- endif %}
</section>
`

const themeAccount = `<section class="account-box" data-testid="account">
  <h1>Your account</h1>
  <p>Signed in as <strong>{{ customer.name | escape }}</strong> ({{ customer.email | escape }}).</p>
  <a class="button button--secondary" href="{{ routes.account_logout_url }}">Sign out</a>
</section>
`

const themeNotFound = `<section class="account-box" data-testid="not-found">
  <h1>Page not found</h1>
  <p class="muted">The page you were looking for does not exist.</p>
  <a class="button" href="{{ routes.root_url }}">Continue shopping</a>
</section>
`
