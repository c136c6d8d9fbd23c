package shopifytest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"hubchat/shopify"
)

// StorefrontConfig is what the fake storefront shows and where it forwards
// the app proxy. The data comes through funcs, called on every request, so
// that the fake's shop data (DemoShop) can change while it runs: a merchant
// enabling the embed, the app writing a metafield. A nil func means none.
type StorefrontConfig struct {
	Shop StorefrontShop
	// ExtensionDirs are theme app extension directories (such as
	// extensions/customer-hub). They are checked at start and read again on
	// every page, so edits show on reload as with `shopify app dev`.
	ExtensionDirs []string
	// Embeds lists the app embeds the merchant has switched on, with their
	// settings.
	Embeds func(ctx context.Context) ([]StorefrontEmbed, error)
	// AppMetafields returns the app-owned metafields (namespace → key).
	AppMetafields func(ctx context.Context) (map[string]map[string]StorefrontMetafield, error)
	Products      func(ctx context.Context) ([]StorefrontProduct, error)
	// Customer looks a customer up; found is false for an unknown id.
	Customer func(ctx context.Context, id int64) (c StorefrontCustomer, found bool, err error)
	// DemoCustomerID is who the login page's button signs in as; 0 hides
	// the button.
	DemoCustomerID int64
	AppProxy       StorefrontAppProxy
	// Locale is the shop's primary locale, served at the storefront's root
	// (request.locale there); default "en".
	Locale string
	// AlternateLocales are the shop's other published locales ("es",
	// "pl"), each served under its subfolder (/es/…) as Shopify does.
	AlternateLocales []string
	// Now is the clock for app proxy timestamps; default time.Now.
	Now    func() time.Time
	Logger *slog.Logger
	// Transport carries app proxy requests; default http.DefaultTransport.
	Transport http.RoundTripper
}

// StorefrontEmbed is an app embed the merchant switched on in the theme
// editor.
type StorefrontEmbed struct {
	// Extension is the extension directory's name, Block the block handle.
	Extension string
	Block     string
	// Settings are the merchant's values; the rest keep schema defaults.
	Settings map[string]any
}

// StorefrontAppProxy is the app's [app_proxy] configuration.
type StorefrontAppProxy struct {
	// URL is the app's proxy URL, e.g. http://127.0.0.1:8080/proxy. Empty
	// disables the proxy (its paths then answer 404, as for an app without
	// one).
	URL string
	// Prefix is one of a, apps, community, tools; default "apps".
	Prefix string
	// Subpath defaults to "hubchat".
	Subpath string
	// Secret is the app's client secret, which signs forwarded requests.
	Secret string
}

// Storefront is the fake Shopify online store: a small theme with the
// enabled app embeds, customer sign-in, extension assets and the app proxy.
// It is an http.Handler and safe for concurrent use.
type Storefront struct {
	cfg       StorefrontConfig
	mux       *http.ServeMux
	theme     *storefrontTheme
	proxyURL  *url.URL
	proxyPath string // "/apps/hubchat"
	sessions  storefrontSessions
	carts     storefrontCarts
}

var subpathPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,30}$`)

// NewStorefront checks cfg (shop domain, proxy settings, every extension)
// and builds the storefront.
func NewStorefront(cfg StorefrontConfig) (*Storefront, error) {
	if _, err := shopify.NormalizeShopDomain(cfg.Shop.PermanentDomain); err != nil {
		return nil, fmt.Errorf("storefront: shop: %w", err)
	}
	if cfg.Locale == "" {
		cfg.Locale = "en"
	}
	if err := checkLocales(cfg.Locale, cfg.AlternateLocales); err != nil {
		return nil, fmt.Errorf("storefront: %w", err)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	p := &cfg.AppProxy
	if p.Prefix == "" {
		p.Prefix = "apps"
	}
	if p.Subpath == "" {
		p.Subpath = "hubchat"
	}
	switch p.Prefix {
	case "a", "apps", "community", "tools":
	default:
		return nil, fmt.Errorf("storefront: app proxy prefix %q is not a, apps, community or tools", p.Prefix)
	}
	if !subpathPattern.MatchString(p.Subpath) {
		return nil, fmt.Errorf("storefront: app proxy subpath %q: up to 30 of A-Z a-z 0-9 _ -", p.Subpath)
	}
	s := &Storefront{cfg: cfg, proxyPath: "/" + p.Prefix + "/" + p.Subpath}
	if p.URL != "" {
		u, err := url.Parse(p.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("storefront: app proxy URL %q is not an absolute http(s) URL", p.URL)
		}
		if p.Secret == "" {
			return nil, errors.New("storefront: app proxy needs the app's secret to sign requests")
		}
		s.proxyURL = u
	}
	handles := map[string]string{}
	for _, dir := range cfg.ExtensionDirs {
		x, err := LoadStorefrontExtension(dir)
		if err != nil {
			return nil, fmt.Errorf("storefront: %w", err)
		}
		if other, dup := handles[x.Handle]; dup {
			return nil, fmt.Errorf("storefront: extensions %s and %s share the handle %q", other, dir, x.Handle)
		}
		handles[x.Handle] = dir
	}
	var err error
	if s.theme, err = newStorefrontTheme(cfg.Shop); err != nil {
		return nil, err
	}
	if s.sessions, err = newStorefrontSessions(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// ServeHTTP serves the storefront.
func (s *Storefront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, s.withLocale(r))
}

// routes registers every path the fake storefront answers.
func (s *Storefront) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", s.handleHome)
	m.HandleFunc("GET /collections/all", s.handleHome)
	m.HandleFunc("GET /products/{handle}", s.handleProduct)
	m.HandleFunc("GET /policies/{handle}", s.handlePolicy)
	m.HandleFunc("GET /account", s.handleAccount)
	m.HandleFunc("GET /account/login", s.handleLoginPage)
	m.HandleFunc("POST /account/login", s.handleLogin)
	m.HandleFunc("GET /account/logout", s.handleLogout)
	m.HandleFunc("POST /localization", s.handleLocalization)
	m.HandleFunc("GET /cart.js", s.handleCart)
	m.HandleFunc("POST /cart/update.js", s.handleCartUpdate)
	m.HandleFunc("GET /cdn/shop/t/1/assets/{file}", s.handleThemeAsset)
	m.HandleFunc("GET /cdn/extensions/{handle}/{version}/assets/{file}", s.handleExtensionAsset)
	m.HandleFunc(s.proxyPath, s.handleAppProxy)
	m.HandleFunc(s.proxyPath+"/", s.handleAppProxy)
	m.HandleFunc("/", s.handleNotFound)
	s.mux = m
}

// customer returns the signed-in customer; ok is false for an anonymous
// visitor, including one whose customer was deleted since signing in.
func (s *Storefront) customer(r *http.Request) (c StorefrontCustomer, ok bool, err error) {
	id, ok := s.sessions.customerID(r)
	if !ok || s.cfg.Customer == nil {
		return c, false, nil
	}
	c, ok, err = s.cfg.Customer(r.Context(), id)
	if err != nil {
		return c, false, fmt.Errorf("storefront: customer %d: %w", id, err)
	}
	return c, ok, nil
}

// visitor builds the Liquid globals of a request: who is signed in, the
// page and the app's metafields.
func (s *Storefront) visitor(r *http.Request, pageType string) (StorefrontObjects, error) {
	locale := s.activeLocale(r)
	o := StorefrontObjects{Shop: s.cfg.Shop, Request: StorefrontRequest{
		Host: r.Host, Path: inLocale(localeRoot(locale, s.cfg.Locale), r.URL.Path), PageType: pageType,
		Locale: locale, PrimaryLocale: s.cfg.Locale, Locales: s.publishedLocales(),
	}}
	c, ok, err := s.customer(r)
	if err != nil {
		return o, err
	}
	if ok {
		o.Customer = &c
	}
	if s.cfg.AppMetafields != nil {
		if o.AppMetafields, err = s.cfg.AppMetafields(r.Context()); err != nil {
			return o, fmt.Errorf("storefront: app metafields: %w", err)
		}
	}
	return o, nil
}

// fail logs an internal error and answers 500.
func (s *Storefront) fail(w http.ResponseWriter, r *http.Request, err error) {
	s.cfg.Logger.Error("storefront: request failed", "path", r.URL.Path, "err", err)
	http.Error(w, "Internal error in the fake storefront", http.StatusInternalServerError)
}
