package shopifytest

import (
	_ "embed"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hubchat/shopify"
)

//go:embed appbridge.js
var appBridgeJS string

// AdminHost is the fake Shopify admin: a store's home with the app's
// install, open and uninstall buttons; the page that frames the app with the
// embedded parameters Shopify adds (embedded, hmac, host, id_token, locale,
// session, shop, timestamp); session tokens for the signed-in staff member;
// and the App Bridge stand-in the app's pages load.
type AdminHost struct {
	APIKey, APISecret string
	AppName           string
	// AppHome is the app's application_url: the admin frames it, and an
	// install starts by loading it, signed, outside the admin.
	AppHome string
	// Origin is this admin's own origin (http://127.0.0.1:port).
	Origin string
	Shops  map[string]*DemoShop // by myshopify.com domain
	OAuth  *OAuthServer
	// Uninstall is called when the merchant uninstalls the app, after its
	// tokens are revoked: the fake sends app/uninstalled from there.
	Uninstall func(shop string)
	Now       func() time.Time
	// Themes is a shop's published theme, which the theme editor edits;
	// ExtensionDirs are the app's theme app extensions, whose app embeds
	// it lists; StorefrontURL is the online store, which it links to.
	Themes        func(shop string) *Theme
	ExtensionDirs []string
	StorefrontURL string
}

const staffCookie = "shopifytest_staff"

// Register adds the admin's routes to mux.
func (h *AdminHost) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /store/{store}", h.storeHome)
	mux.HandleFunc("GET /store/{store}/apps/{key}", h.framePage)
	mux.HandleFunc("GET /store/{store}/apps/{key}/{path...}", h.framePage)
	mux.HandleFunc("POST /store/{store}/apps/{key}/uninstall", h.uninstall)
	mux.HandleFunc("POST /store/{store}/profile/language", h.setLanguage)
	mux.HandleFunc("GET /store/{store}/themes/current/editor", h.themeEditor)
	mux.HandleFunc("POST /store/{store}/themes/current/editor", h.saveThemeEditor)
	mux.HandleFunc("GET /admin/session-token", h.sessionToken)
	mux.HandleFunc("GET /shopifycloud/app-bridge.js", h.appBridge)
}

// shop returns the shop of the {store} in the path.
func (h *AdminHost) shop(r *http.Request) (string, *DemoShop, bool) {
	domain := r.PathValue("store") + ".myshopify.com"
	s, ok := h.Shops[domain]
	return domain, s, ok
}

// staff is the signed-in staff member: ?as=ID switches, a cookie remembers,
// the account owner is the default.
func (h *AdminHost) staff(w http.ResponseWriter, r *http.Request) StaffUser {
	if as, err := strconv.ParseInt(r.URL.Query().Get("as"), 10, 64); err == nil {
		if u, ok := h.OAuth.Staff(as); ok {
			http.SetCookie(w, &http.Cookie{Name: staffCookie, Value: strconv.FormatInt(u.ID, 10), Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
			return u
		}
	}
	if c, err := r.Cookie(staffCookie); err == nil {
		if id, err := strconv.ParseInt(c.Value, 10, 64); err == nil {
			if u, ok := h.OAuth.Staff(id); ok {
				return u
			}
		}
	}
	return h.OAuth.owner()
}

// signedAppURL is the app's URL with the parameters Shopify signs onto
// every app load; extra adds id_token and the like.
func (h *AdminHost) signedAppURL(shop, path string, extra url.Values) string {
	q := url.Values{
		"shop":      {shop},
		"host":      {shopify.EncodeHost("admin.shopify.com/store/" + storeHandle(shop))},
		"timestamp": {strconv.FormatInt(h.Now().Unix(), 10)},
	}
	for k, v := range extra {
		q[k] = v
	}
	q.Set("hmac", shopify.SignQuery(q, h.APISecret))
	return strings.TrimRight(h.AppHome, "/") + path + "?" + q.Encode()
}

func (h *AdminHost) sessionTokenFor(shop string, u StaffUser) (string, error) {
	return shopify.SignSessionToken(shopify.SessionTokenParams{
		Shop: shop, APIKey: h.APIKey, UserID: strconv.FormatInt(u.ID, 10),
		SessionID: "session-" + strconv.FormatInt(u.ID, 10), IssuedAt: h.Now(),
	}, h.APISecret)
}

func (h *AdminHost) framePage(w http.ResponseWriter, r *http.Request) {
	shop, demo, ok := h.shop(r)
	if !ok || r.PathValue("key") != h.APIKey {
		http.NotFound(w, r)
		return
	}
	if !h.OAuth.Installed(shop) {
		http.Redirect(w, r, "/store/"+r.PathValue("store"), http.StatusFound)
		return
	}
	u := h.staff(w, r)
	token, err := h.sessionTokenFor(shop, u)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	path := ""
	if p := r.PathValue("path"); p != "" {
		path = "/" + p
	}
	extra := url.Values{"embedded": {"1"}, "id_token": {token}, "locale": {u.AdminLocale()}, "session": {"session-" + strconv.FormatInt(u.ID, 10)}}
	for k, v := range r.URL.Query() {
		if k != "as" {
			extra[k] = v
		}
	}
	renderAdmin(w, "frame", adminPage{
		Store: demo.Info().Name, StoreHandle: r.PathValue("store"), Staff: u, AppName: h.AppName,
		APIKey: h.APIKey, FrameSrc: h.signedAppURL(shop, path, extra), AppOrigin: origin(h.AppHome),
	})
}

func (h *AdminHost) storeHome(w http.ResponseWriter, r *http.Request) {
	shop, demo, ok := h.shop(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	renderAdmin(w, "home", adminPage{
		Store: demo.Info().Name, StoreHandle: r.PathValue("store"), Staff: h.staff(w, r), AppName: h.AppName,
		APIKey: h.APIKey, Installed: h.OAuth.Installed(shop), InstallURL: h.signedAppURL(shop, "", nil),
		StaffList: h.OAuth.allStaff(), Languages: adminLanguages,
	})
}

// adminLanguages are some of the languages a staff member can choose for the
// Shopify admin, with the locale the admin then passes to apps.
var adminLanguages = []struct{ Locale, Name string }{
	{"en", "English"}, {"es", "Español"}, {"fr", "Français"}, {"it", "Italiano"}, {"pl", "Polski"},
	{"de", "Deutsch"}, {"pt-BR", "Português (Brasil)"}, {"ja", "日本語"},
}

// setLanguage changes the signed-in staff member's admin language, as the
// language setting of their Shopify profile does.
func (h *AdminHost) setLanguage(w http.ResponseWriter, r *http.Request) {
	if _, _, ok := h.shop(r); !ok {
		http.NotFound(w, r)
		return
	}
	locale := r.FormValue("locale")
	known := false
	for _, l := range adminLanguages {
		known = known || l.Locale == locale
	}
	if !known || !h.OAuth.SetStaffLocale(h.staff(w, r).ID, locale) {
		http.Error(w, "unknown language", http.StatusUnprocessableEntity)
		return
	}
	http.Redirect(w, r, "/store/"+r.PathValue("store"), http.StatusSeeOther)
}

func (h *AdminHost) uninstall(w http.ResponseWriter, r *http.Request) {
	shop, _, ok := h.shop(r)
	if !ok || r.PathValue("key") != h.APIKey {
		http.NotFound(w, r)
		return
	}
	h.OAuth.Revoke(shop)
	if h.Uninstall != nil {
		h.Uninstall(shop)
	}
	http.Redirect(w, r, "/store/"+r.PathValue("store"), http.StatusSeeOther)
}

// sessionToken issues a session token for the signed-in staff member, as
// App Bridge obtains one from the admin. Only the admin's own pages may ask.
func (h *AdminHost) sessionToken(w http.ResponseWriter, r *http.Request) {
	shop := r.URL.Query().Get("shop")
	if _, ok := h.Shops[shop]; !ok || r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		http.Error(w, "unknown shop", http.StatusBadRequest)
		return
	}
	token, err := h.sessionTokenFor(shop, h.staff(w, r))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, map[string]string{"token": token})
}

func (h *AdminHost) appBridge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write([]byte(strings.ReplaceAll(appBridgeJS, "{{ADMIN_ORIGIN}}", h.Origin)))
}

func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
