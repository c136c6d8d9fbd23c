package shopauth

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/views/pages"
)

// OAuthHandlers serve the authorization-code install: /auth starts it and
// /auth/callback completes it.
type OAuthHandlers struct {
	Installer *Installer
	// AppURL is the app's public base URL (the callback is under it).
	AppURL   *url.URL
	AdminURL *url.URL
	Render   web.Renderer
	Now      func() time.Time
}

// Begin sends the merchant to Shopify's grant screen for ?shop=. Inside the
// admin's iframe it first leaves the iframe, which Shopify's screen refuses.
func (h *OAuthHandlers) Begin(c *fiber.Ctx) error {
	shop, err := shopify.NormalizeShopDomain(c.Query("shop"))
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "Open hubchat from your Shopify admin to install it.")
	}
	if c.Query("embedded") == "1" {
		web.SetFrameShop(c, shop)
		target := "/auth?" + url.Values{"shop": {shop}}.Encode()
		return web.Component(c, fiber.StatusOK, pages.ExitIframePage(h.Render.EmbeddedHead(c, "Continue to Shopify"), target))
	}
	nonce := newNonce()
	c.Cookie(&fiber.Cookie{
		Name: stateCookie, Value: signState(h.Installer.OAuth.APISecret, nonce, shop),
		Path: "/auth", MaxAge: 600, HTTPOnly: true, Secure: h.AppURL.Scheme == "https", SameSite: fiber.CookieSameSiteLaxMode,
	})
	return c.Redirect(h.Installer.OAuth.AuthorizeURL(shop, h.AppURL.String()+"/auth/callback", nonce), fiber.StatusFound)
}

// Callback checks Shopify's signature, the timestamp and the state nonce,
// installs the shop and sends the merchant into the embedded app.
func (h *OAuthHandlers) Callback(c *fiber.Ctx) error {
	q := queryValues(c)
	if err := shopify.VerifyQuery(q, h.Installer.OAuth.APISecret, h.Now); err != nil {
		return apperr.Wrap(apperr.Unauthorized, err, "This installation link is not valid or has expired. Please install hubchat again.")
	}
	shop, err := shopify.NormalizeShopDomain(q.Get("shop"))
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "The installation link names no valid shop.")
	}
	if !checkState(h.Installer.OAuth.APISecret, c.Cookies(stateCookie), shop, q.Get("state")) {
		return apperr.New(apperr.Forbidden, "This installation was not started from this browser. Please install hubchat again.")
	}
	c.ClearCookie(stateCookie)
	if _, err := h.Installer.InstallFromCode(c.UserContext(), shop, q.Get("code")); err != nil {
		return err
	}
	return c.Redirect(appHome(h.AdminURL, q.Get("host"), shop, h.Installer.OAuth.APIKey), fiber.StatusFound)
}

// appHome is the app's page in the shop's admin. The host parameter names
// the admin location (admin.shopify.com/store/{store}); the configured admin
// origin replaces Shopify's so the local Shopify works the same way.
func appHome(admin *url.URL, host, shop, apiKey string) string {
	store := storeHandle(shop)
	if decoded, err := shopify.DecodeHost(host); err == nil {
		if s, ok := storeFromHost(decoded); ok {
			store = s
		}
	}
	return admin.String() + "/store/" + url.PathEscape(store) + "/apps/" + url.PathEscape(apiKey)
}

// queryValues copies the request's query (Fiber's buffers are reused).
func queryValues(c *fiber.Ctx) url.Values {
	q, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		return url.Values{}
	}
	return q
}

// storeFromHost reads the store handle from a decoded host parameter:
// "admin.shopify.com/store/{store}" or the older "{shop}/admin".
func storeFromHost(decoded string) (string, bool) {
	if store, ok := strings.CutPrefix(decoded, "admin.shopify.com/store/"); ok && store != "" {
		return store, true
	}
	if shop, ok := strings.CutSuffix(decoded, "/admin"); ok {
		if s, err := shopify.NormalizeShopDomain(shop); err == nil {
			return storeHandle(s), true
		}
	}
	return "", false
}

// storeHandle is the store's handle in admin URLs: the shop's name.
func storeHandle(shop string) string { return strings.TrimSuffix(shop, ".myshopify.com") }
