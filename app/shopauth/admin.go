package shopauth

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/storage"
	"hubchat/views/i18n"
)

// AgentStore is what the admin guard needs to know the staff member.
type AgentStore interface {
	SeenSpeaking(ctx context.Context, shopID, shopifyUserID int64, locale string) (storage.Agent, error)
	Name(ctx context.Context, shopID, agentID int64, n storage.AgentName) (storage.Agent, error)
}

// AdminGuard authenticates every request of the embedded admin with an App
// Bridge session token (SHOPIFY.md §2):
//   - fetch/htmx requests carry it as a bearer token; a bad one gets 401 with
//     X-Shopify-Retry-Invalid-Session-Request, so App Bridge retries once
//     with a fresh token;
//   - document loads carry it as id_token; without a valid one the page
//     bounces through App Bridge, which reloads it with a fresh token;
//   - a load outside the admin (no embedded=1) is sent into the admin.
//
// A shop opening the app without a stored token is installed on the spot by
// token exchange (Shopify-managed installation).
//
// Every admin request is answered in the staff member's admin language
// (i18n.FromContext): a document load signed by the admin gives it as
// locale, and it is remembered on the agent for the fetch/htmx requests
// that follow, which do not carry it.
type AdminGuard struct {
	APIKey, APISecret string
	AdminURL          *url.URL
	Shops             ShopStore
	Agents            AgentStore
	Installer         *Installer
	Log               *slog.Logger
	Now               func() time.Time
}

// RetryHeader asks App Bridge to retry a request once with a new token.
const RetryHeader = "X-Shopify-Retry-Invalid-Session-Request"

// Handle is the Fiber middleware.
func (g *AdminGuard) Handle(c *fiber.Ctx) error {
	if token, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer "); ok {
		return g.request(c, token)
	}
	if web.IsHTMX(c) || c.Method() != fiber.MethodGet {
		c.Set(RetryHeader, "1")
		return apperr.New(apperr.Unauthorized, "%s", refusalWords(c, "messages.guard.session_expired"))
	}
	return g.document(c)
}

// request authenticates a fetch/htmx request by its bearer token.
func (g *AdminGuard) request(c *fiber.Ctx, token string) error {
	st, err := shopify.VerifySessionToken(token, g.APIKey, g.APISecret, g.Now)
	if err != nil {
		c.Set(RetryHeader, "1")
		return apperr.Wrap(apperr.Unauthorized, err, "%s", refusalWords(c, "messages.guard.session_expired"))
	}
	shop, err := g.Shops.ByDomain(c.UserContext(), st.Shop)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		// The database is away or slow: "try again" (503), not a refusal
		// that tells the merchant the app is not installed.
		return err
	}
	if err != nil || !shop.Installed() {
		return apperr.New(apperr.Forbidden, "%s", refusalWords(c, "messages.guard.not_installed"))
	}
	return g.enter(c, shop, st, "")
}

// document authenticates a page load inside the admin by its id_token.
func (g *AdminGuard) document(c *fiber.Ctx) error {
	q := queryValues(c)
	shopParam, shopErr := shopify.NormalizeShopDomain(q.Get("shop"))
	if q.Get("embedded") != "1" {
		return g.outsideAdmin(c, q, shopParam, shopErr)
	}
	if shopErr == nil {
		web.SetFrameShop(c, shopParam)
	}
	st, err := shopify.VerifySessionToken(q.Get("id_token"), g.APIKey, g.APISecret, g.Now)
	if err != nil || (shopErr == nil && st.Shop != shopParam) {
		return c.Redirect(bounceURL(c, q), fiber.StatusFound)
	}
	shop, err := g.Shops.ByDomain(c.UserContext(), st.Shop)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if err != nil || !shop.Installed() {
		if shop, err = g.Installer.InstallFromSessionToken(c.UserContext(), st.Shop, q.Get("id_token")); err != nil {
			if errors.Is(err, shopify.ErrTokenRejected) {
				// Not a managed install: fall back to the OAuth grant.
				return c.Redirect("/auth?"+url.Values{"shop": {st.Shop}, "embedded": {"1"}}.Encode(), fiber.StatusFound)
			}
			return err
		}
	}
	return g.enter(c, shop, st, adminLocale(q, g.APISecret, g.Now))
}

// adminLocale is the admin language a document load gives, trusted only
// when the admin's HMAC over the query holds; "" otherwise (a page
// reloaded through the bounce page carries a new id_token and no valid
// HMAC, and keeps the language remembered).
func adminLocale(q url.Values, secret string, now func() time.Time) string {
	if q.Get("locale") == "" || shopify.VerifyQuery(q, secret, now) != nil {
		return ""
	}
	tag, err := language.Parse(q.Get("locale"))
	if err != nil {
		return ""
	}
	return tag.String()
}

// outsideAdmin handles a load of the app's URL outside the admin, as when a
// merchant installs from the App Store: a signed request for an installed
// shop goes into the admin, one for a new shop starts the OAuth grant.
func (g *AdminGuard) outsideAdmin(c *fiber.Ctx, q url.Values, shop string, shopErr error) error {
	if shopErr != nil || shopify.VerifyQuery(q, g.APISecret, g.Now) != nil {
		return fiber.NewError(fiber.StatusBadRequest, refusalWords(c, "messages.guard.open_from_admin"))
	}
	if s, err := g.Shops.ByDomain(c.UserContext(), shop); err == nil && s.Installed() {
		return c.Redirect(appHome(g.AdminURL, q.Get("host"), shop, g.APIKey), fiber.StatusFound)
	}
	return c.Redirect("/auth?"+url.Values{"shop": {shop}}.Encode(), fiber.StatusFound)
}

// enter records who is asking, in which language (locale, "" when the
// request does not say), and lets the request through in that language.
func (g *AdminGuard) enter(c *fiber.Ctx, shop storage.Shop, st shopify.SessionToken, locale string) error {
	agent, err := g.Agents.SeenSpeaking(c.UserContext(), shop.ID, st.UserID, locale)
	if err != nil {
		return err
	}
	c.SetUserContext(i18n.WithLocale(c.UserContext(), i18n.Match(agent.Locale)))
	web.SetShop(c, shop.Domain)
	web.SetShopID(c, shop.ID)
	web.SetVerifiedShop(c, shop)
	web.SetAgentID(c, agent.ID)
	if agent.NamedAt == nil && c.Query("id_token") != "" {
		g.nameAgent(c.UserContext(), shop, agent, c.Query("id_token"))
	}
	return c.Next()
}

// nameAgent asks Shopify, once, who the staff member is (an online token
// names them). A failure only leaves the agent unnamed until next time.
func (g *AdminGuard) nameAgent(ctx context.Context, shop storage.Shop, agent storage.Agent, sessionToken string) {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	tok, err := g.Installer.OAuth.ExchangeSessionToken(ctx, shop.Domain, sessionToken, true)
	if err != nil || tok.AssociatedUser == nil {
		g.Log.Warn("staff member not named", "shop", shop.Domain, "agent_id", agent.ID, "error", err)
		return
	}
	u := tok.AssociatedUser
	if _, err := g.Agents.Name(ctx, shop.ID, agent.ID, storage.AgentName{
		FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Locale: u.Locale, AccountOwner: u.AccountOwner,
	}); err != nil {
		g.Log.Warn("staff member name not stored", "shop", shop.Domain, "agent_id", agent.ID, "error", err)
	}
}

// refusalWords is the message of key for a request the guard turns away,
// in the language its unsigned locale parameter names (English without
// one): the guard does not yet know the staff member, and the parameter
// only chooses words, so it needs no signature.
func refusalWords(c *fiber.Ctx, key string) string {
	return i18n.Match(c.Query("locale")).T(key)
}

// bounceURL is the bounce page that reloads the current page with a fresh
// session token.
func bounceURL(c *fiber.Ctx, q url.Values) string {
	target := url.Values{}
	for k, v := range q {
		if k != "id_token" {
			target[k] = v
		}
	}
	reload := c.Path()
	if len(target) > 0 {
		reload += "?" + target.Encode()
	}
	return "/auth/session-token?" + url.Values{
		"shop": {q.Get("shop")}, "host": {q.Get("host")}, "embedded": {"1"}, "shopify-reload": {reload},
	}.Encode()
}
