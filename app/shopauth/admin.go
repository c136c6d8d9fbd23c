package shopauth

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/language"

	"hubchat/app/apperr"
	"hubchat/app/ttlcache"
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

	// remembered is what the fetch/htmx requests read of their shop and
	// staff member (made at the first request).
	rememberOnce sync.Once
	remembered   *remembered
}

// RequestTTL is how long an instance trusts what it read of an installed
// shop and of a staff member for the admin's fetch/htmx requests: each of
// an agent's replies read both, two round trips before its own. An
// uninstall, or a language remembered by another instance's page load,
// reaches those requests within it (as AccessTTL on the storefront); page
// loads always read both.
const RequestTTL = 3 * time.Second

// remembered are the guard's caches: installed shops by domain, staff
// members by shop and Shopify user.
type remembered struct {
	shops  *ttlcache.Cache[string, storage.Shop]
	agents *ttlcache.Cache[staffKey, storage.Agent]
}

type staffKey struct{ shopID, shopifyUserID int64 }

// maxRemembered bounds each cache: shops and staff members seen within a
// few seconds by one instance.
const maxRemembered = 10_000

func (g *AdminGuard) caches() *remembered {
	g.rememberOnce.Do(func() {
		g.remembered = &remembered{shops: ttlcache.New[string, storage.Shop](RequestTTL, maxRemembered, g.Now),
			agents: ttlcache.New[staffKey, storage.Agent](RequestTTL, maxRemembered, g.Now)}
	})
	return g.remembered
}

// errNotInstalled says a shop read for a request is not installed; it is
// not remembered.
var errNotInstalled = errors.New("the shop is not installed")

// installedShop is the installed shop of domain, as read at most
// RequestTTL ago.
func (g *AdminGuard) installedShop(ctx context.Context, domain string) (storage.Shop, error) {
	return g.caches().shops.Get(domain, func() (storage.Shop, error) {
		shop, err := g.Shops.ByDomain(ctx, domain)
		if err == nil && !shop.Installed() {
			err = errNotInstalled
		}
		return shop, err
	})
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
	shop, err := g.installedShop(c.UserContext(), st.Shop)
	if errors.Is(err, errNotInstalled) || apperr.Is(err, apperr.NotFound) {
		return apperr.New(apperr.Forbidden, "%s", refusalWords(c, "messages.guard.not_installed"))
	}
	if err != nil {
		// The database is away or slow: "try again" (503), not a refusal
		// that tells the merchant the app is not installed.
		return err
	}
	agent, err := g.caches().agents.Get(staffKey{shop.ID, st.UserID}, func() (storage.Agent, error) {
		return g.Agents.SeenSpeaking(c.UserContext(), shop.ID, st.UserID, "")
	})
	if err != nil {
		return err
	}
	return g.enter(c, shop, agent, "")
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
	agent, err := g.Agents.SeenSpeaking(c.UserContext(), shop.ID, st.UserID, adminLocale(q, g.APISecret, g.Now))
	if err != nil {
		return err
	}
	g.caches().agents.Set(staffKey{shop.ID, st.UserID}, agent)
	return g.enter(c, shop, agent, q.Get("id_token"))
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

// enter lets the request of agent through in their language; a page load
// (idToken, "" for a fetch) of a staff member not yet named names them.
func (g *AdminGuard) enter(c *fiber.Ctx, shop storage.Shop, agent storage.Agent, idToken string) error {
	c.SetUserContext(i18n.WithLocale(c.UserContext(), i18n.Match(agent.Locale)))
	web.SetShop(c, shop.Domain)
	web.SetShopID(c, shop.ID)
	web.SetVerifiedShop(c, shop)
	web.SetAgentID(c, agent.ID)
	if agent.NamedAt == nil && idToken != "" {
		g.nameAgent(c.UserContext(), shop, agent, idToken)
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
	named, err := g.Agents.Name(ctx, shop.ID, agent.ID, storage.AgentName{
		FirstName: u.FirstName, LastName: u.LastName, Email: u.Email, Locale: u.Locale, AccountOwner: u.AccountOwner,
	})
	if err != nil {
		g.Log.Warn("staff member name not stored", "shop", shop.Domain, "agent_id", agent.ID, "error", err)
		return
	}
	g.caches().agents.Set(staffKey{named.ShopID, named.ShopifyUserID}, named)
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
