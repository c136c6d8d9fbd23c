package shopifytest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// Config describes the app the local Shopify hosts and the shop it serves.
type Config struct {
	APIKey, APISecret string
	AppName           string
	// AppURL is the app's base URL; AppHome (application_url) is AppURL
	// plus AppHomePath, the proxy URL AppURL plus "/proxy", the webhook
	// endpoint AppURL plus "/webhooks", as shopify.app.toml declares.
	AppURL      string
	AppHomePath string
	Scopes      []string
	// Shop is the demo shop's data; nil loads the built-in demo shop.
	Shop *DemoShop
	// OtherShops are more stores on the same Shopify (AnotherDemoShop),
	// where the same app can be installed: their admin, OAuth grant and
	// Admin API are served as the demo shop's are; the storefront is the
	// demo shop's alone.
	OtherShops []*DemoShop
	// Staff are the shop's staff members; nil means DemoStaff().
	Staff []StaffUser
	// ExtensionDirs are the app's theme app extensions; Embeds the embeds
	// the merchant has switched on when the store starts (nil: none),
	// read once: from then on the published theme holds them, and the
	// admin's theme editor switches them on and off (Shopify.Theme).
	ExtensionDirs []string
	Embeds        func(ctx context.Context) ([]StorefrontEmbed, error)
	// AppHandle is the app's handle (shopify.app.toml), in the type of its
	// blocks in the theme; default "hubchat".
	AppHandle string
	// AdminAddr and StorefrontAddr are where to listen (default
	// 127.0.0.1:0, a free port each).
	AdminAddr, StorefrontAddr string
	AdminAPI                  AdminAPIOptions
	// AppProxyPrefix and AppProxySubpath are where the merchant put the
	// app proxy (they can change both in the admin); default apps/hubchat,
	// as shopify.app.toml declares.
	AppProxyPrefix, AppProxySubpath string
	Log                             *slog.Logger
	Now                             func() time.Time
}

// Shopify is a running local Shopify: an admin origin (the admin pages,
// App Bridge, OAuth and the Admin API, the last two under /shops/{shop}/,
// since every shop cannot have its own host here) and a storefront origin.
type Shopify struct {
	OAuth      *OAuthServer
	AdminAPI   *AdminAPI
	Admin      *AdminHost
	Storefront *Storefront
	Webhooks   *WebhookSender
	Shop       *DemoShop
	// Theme is the demo shop's published theme: its app embeds, which the
	// admin's theme editor changes, the storefront renders and the Admin
	// API reports.
	Theme *Theme
	// AdminURL is the admin origin. StorefrontURL is the storefront's
	// primary domain, http://localhost:{port}; StorefrontURLs are every
	// domain it answers on, the primary first, then the listener's own
	// address (http://127.0.0.1:{port}) as a second custom domain. Neither
	// is the shop's myshopify.com domain, as on a real store with domains
	// of its own.
	AdminURL, StorefrontURL string
	StorefrontURLs          []string

	cfg     Config
	servers []*http.Server
}

// DemoStaff are the demo shop's staff: its owner and an agent.
func DemoStaff() []StaffUser {
	return []StaffUser{
		{ID: 9001, FirstName: "Alex", LastName: "Morgan", Email: "alex@hubchat-demo.example", AccountOwner: true},
		{ID: 9002, FirstName: "Sam", LastName: "Rivera", Email: "sam@hubchat-demo.example"},
	}
}

// Start listens on both origins and serves until Close.
func Start(cfg Config) (*Shopify, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	adminLn, err := net.Listen("tcp", cfg.AdminAddr)
	if err != nil {
		return nil, fmt.Errorf("local Shopify admin: %w", err)
	}
	storeLn, err := net.Listen("tcp", cfg.StorefrontAddr)
	if err != nil {
		adminLn.Close()
		return nil, fmt.Errorf("local Shopify storefront: %w", err)
	}
	s := &Shopify{cfg: cfg, Shop: cfg.Shop, AdminURL: "http://" + adminLn.Addr().String(),
		StorefrontURLs: storefrontURLs(storeLn.Addr())}
	s.StorefrontURL = s.StorefrontURLs[0]
	if err := s.build(); err != nil {
		adminLn.Close()
		storeLn.Close()
		return nil, err
	}
	s.serve(adminLn, s.adminMux())
	s.serve(storeLn, s.Storefront)
	return s, nil
}

// storefrontURLs are the domains the storefront listening on addr answers
// on: localhost and the listener's own address, two hosts for one server.
func storefrontURLs(addr net.Addr) []string {
	port := addr.(*net.TCPAddr).Port
	return []string{fmt.Sprintf("http://localhost:%d", port), "http://" + addr.String()}
}

func (c *Config) defaults() error {
	if c.APIKey == "" || c.APISecret == "" || c.AppURL == "" {
		return errors.New("local Shopify: APIKey, APISecret and AppURL are required")
	}
	c.AppURL = strings.TrimRight(c.AppURL, "/")
	if c.AppName == "" {
		c.AppName = "hubchat"
	}
	if c.AppHandle == "" {
		c.AppHandle = "hubchat"
	}
	if c.Shop == nil {
		shop, err := NewDemoShop()
		if err != nil {
			return err
		}
		c.Shop = shop
	}
	if c.Staff == nil {
		c.Staff = DemoStaff()
	}
	if c.AdminAddr == "" {
		c.AdminAddr = "127.0.0.1:0"
	}
	if c.StorefrontAddr == "" {
		c.StorefrontAddr = "127.0.0.1:0"
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return nil
}

func (s *Shopify) build() error {
	cfg := s.cfg
	domain := cfg.Shop.Info().Domain
	s.OAuth = NewOAuthServer(cfg.APIKey, cfg.APISecret, cfg.Staff...)
	s.OAuth.Scopes, s.OAuth.Now = cfg.Scopes, cfg.Now
	cfg.AdminAPI.ShopFor = func(r *http.Request) string { return r.Header.Get(shopHeader) }
	if cfg.AdminAPI.AssetBase == "" {
		cfg.AdminAPI.AssetBase = s.StorefrontURL
	}
	if cfg.AdminAPI.ScopeOf == nil {
		cfg.AdminAPI.ScopeOf = func(shop, token string) string { scope, _ := s.OAuth.AccessTokenScope(shop, token); return scope }
	}
	if cfg.AdminAPI.StorefrontURLs == nil {
		cfg.AdminAPI.StorefrontURLs = s.StorefrontURLs
	}
	theme, err := startingTheme(cfg)
	if err != nil {
		return err
	}
	s.Theme = theme
	themes, shops := map[string]*Theme{domain: theme}, map[string]*DemoShop{domain: cfg.Shop}
	for _, other := range cfg.OtherShops {
		themes[other.Info().Domain], shops[other.Info().Domain] = NewTheme(cfg.AppHandle), other
	}
	if cfg.AdminAPI.Themes == nil {
		cfg.AdminAPI.Themes = func(shop string) *Theme { return themes[shop] }
	}
	api, err := NewAdminAPI(s.OAuth.ValidAccessToken, cfg.AdminAPI, append([]*DemoShop{cfg.Shop}, cfg.OtherShops...)...)
	if err != nil {
		return err
	}
	s.AdminAPI = api
	s.Webhooks = &WebhookSender{URL: cfg.AppURL + "/webhooks", APISecret: cfg.APISecret, APIVersion: "2026-10", Now: cfg.Now}
	s.Admin = &AdminHost{
		APIKey: cfg.APIKey, APISecret: cfg.APISecret, AppName: cfg.AppName, AppHome: cfg.AppURL + cfg.AppHomePath,
		Origin: s.AdminURL, Shops: shops, OAuth: s.OAuth, Now: cfg.Now,
		Uninstall: s.uninstalled, Themes: api.Theme, ExtensionDirs: cfg.ExtensionDirs, StorefrontURL: s.StorefrontURL,
	}
	s.Storefront, err = NewStorefront(s.storefrontConfig())
	return err
}

// startingTheme is the demo shop's published theme with the embeds
// Config.Embeds switches on.
func startingTheme(cfg Config) (*Theme, error) {
	theme := NewTheme(cfg.AppHandle)
	if cfg.Embeds == nil {
		return theme, nil
	}
	embeds, err := cfg.Embeds(context.Background())
	if err != nil {
		return nil, fmt.Errorf("local Shopify: app embeds: %w", err)
	}
	for _, e := range embeds {
		theme.SetAppEmbed(e, true)
	}
	return theme, nil
}

// shopHeader carries the shop of a /shops/{shop}/ request to the Admin
// API handler; a client's own value is overwritten.
const shopHeader = "X-Shopifytest-Shop"

func (s *Shopify) adminMux() http.Handler {
	mux := http.NewServeMux()
	s.Admin.Register(mux)
	mux.HandleFunc("/shops/{shop}/admin/oauth/authorize", func(w http.ResponseWriter, r *http.Request) {
		s.OAuth.Authorize(r.PathValue("shop"), w, r)
	})
	mux.HandleFunc("POST /shops/{shop}/admin/oauth/access_token", func(w http.ResponseWriter, r *http.Request) {
		s.OAuth.AccessToken(r.PathValue("shop"), w, r)
	})
	mux.HandleFunc("/shops/{shop}/admin/api/", func(w http.ResponseWriter, r *http.Request) {
		shop := r.PathValue("shop")
		r.Header.Set(shopHeader, shop)
		http.StripPrefix("/shops/"+shop, s.AdminAPI).ServeHTTP(w, r)
	})
	// https://{shop}/admin/themes/current/editor, the theme editor's deep
	// link, leads to the admin's editor page, as on Shopify.
	mux.HandleFunc("GET /shops/{shop}/admin/themes/current/editor", func(w http.ResponseWriter, r *http.Request) {
		target := themeEditorPath(storeHandle(r.PathValue("shop")))
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/store/"+storeHandle(s.Shop.Info().Domain), http.StatusFound)
	})
	return mux
}

func (s *Shopify) serve(ln net.Listener, h http.Handler) {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	s.servers = append(s.servers, srv)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.cfg.Log.Error("local Shopify server stopped", "error", err)
		}
	}()
}

// ShopURL is the origin of a shop's OAuth and Admin API endpoints, with
// {shop} standing for its domain: what the app's SHOPIFY_SHOP_URL names.
func (s *Shopify) ShopURL() string { return s.AdminURL + "/shops/{shop}" }

// AppHomeURL is the app's page in the demo shop's admin.
func (s *Shopify) AppHomeURL() string {
	return s.AdminURL + "/store/" + storeHandle(s.Shop.Info().Domain) + "/apps/" + s.cfg.APIKey
}

// ThemeEditorURL is the demo shop's theme editor, at its App embeds.
func (s *Shopify) ThemeEditorURL() string {
	return s.AdminURL + themeEditorPath(storeHandle(s.Shop.Info().Domain)) + "?context=apps"
}

// GrantManagedInstall records that the merchant approved the app's
// declared scopes, as Shopify does before a managed install: the app then
// installs itself by token exchange.
func (s *Shopify) GrantManagedInstall(shop string) {
	s.OAuth.mu.Lock()
	defer s.OAuth.mu.Unlock()
	s.OAuth.granted[shop] = strings.Join(s.OAuth.Scopes, ",")
}

// SessionToken issues a session token of shop's staff member userID, as App
// Bridge would obtain one for the app.
func (s *Shopify) SessionToken(shop string, userID int64) (string, error) {
	u, ok := s.OAuth.Staff(userID)
	if !ok {
		return "", fmt.Errorf("no staff member %d", userID)
	}
	return s.Admin.sessionTokenFor(shop, u)
}

// uninstalled does what Shopify does once the merchant has uninstalled the
// app (its tokens are already revoked): it deletes the data of the app's
// installation, its app-data metafields, and delivers app/uninstalled.
func (s *Shopify) uninstalled(shop string) {
	s.AdminAPI.DeleteAppMetafields(shop)
	s.sendUninstalled(shop)
}

// sendUninstalled delivers app/uninstalled, as Shopify does when the
// merchant uninstalls the app.
func (s *Shopify) sendUninstalled(shop string) {
	demo, ok := s.Admin.Shops[shop]
	if !ok {
		return
	}
	info := demo.Info()
	go func() {
		_, err := s.Webhooks.Send(context.Background(), Webhook{Topic: "app/uninstalled", Shop: shop, Payload: map[string]any{
			"id": info.ID, "name": info.Name, "domain": info.PrimaryDomain, "myshopify_domain": shop, "email": info.Email,
		}})
		if err != nil {
			s.cfg.Log.Warn("app/uninstalled not delivered", "error", err)
		}
	}()
}

// Close stops both servers.
func (s *Shopify) Close(ctx context.Context) error {
	var errs []error
	for _, srv := range s.servers {
		errs = append(errs, srv.Shutdown(ctx))
	}
	return errors.Join(errs...)
}
