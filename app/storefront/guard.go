package storefront

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/shopify"
)

const localShopper = "hubchat.shopper"

// shopperOf is the verified shopper of an API request.
func shopperOf(c *fiber.Ctx) Shopper {
	s, _ := c.Locals(localShopper).(Shopper)
	return s
}

// Guard authorises the chat API on hubchat's own origin. Every request
// needs a valid shopper token, and is checked against its shop's current
// state (Access, at most AccessTTL old): the app installed, chat on, an
// anonymous visitor only while the shop lets everyone chat, and an Origin,
// when the request has one, among the shop's storefront origins.
//
// CORS is granted to the token's storefront only. A preflight carries no
// token to name its shop, so it is granted to any installed shop's
// storefront origin; the request that follows is then held to its own
// shop's. A request whose token is missing or expired gets the same grant,
// so the widget can read the 401 and renew its token. A foreign origin is
// granted nothing.
func (h *Handlers) Guard(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	c.Vary(fiber.HeaderOrigin) // granted or not, the answer depends on it
	if c.Method() == fiber.MethodOptions {
		return h.preflight(c, origin)
	}
	token, _ := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	s, err := h.Tokens.Verify(token)
	if err != nil {
		if storefront, lookupErr := h.Access.IsStorefront(c.UserContext(), origin); lookupErr == nil && storefront {
			allowCORS(c, origin)
		}
		return err
	}
	access, err := h.Access.Shop(c.UserContext(), s.ShopID)
	if err != nil {
		return err
	}
	if origin != "" {
		if !access.AllowsOrigin(origin) {
			return apperr.New(apperr.Forbidden, "This chat session belongs to another store.")
		}
		allowCORS(c, origin)
	}
	if err := access.Admit(s); err != nil {
		return err
	}
	c.Locals(localShopper, s)
	web.SetShopID(c, s.ShopID)
	return c.Next()
}

// preflight answers a CORS preflight: granted to a storefront origin of an
// installed shop, refused (with no grant) to any other.
func (h *Handlers) preflight(c *fiber.Ctx, origin string) error {
	storefront, err := h.Access.IsStorefront(c.UserContext(), origin)
	if err != nil {
		return err
	}
	if !storefront {
		return apperr.New(apperr.Forbidden, "This site may not use the chat.")
	}
	allowCORS(c, origin)
	c.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST")
	c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type, Last-Event-ID")
	c.Set(fiber.HeaderAccessControlMaxAge, "600")
	return c.SendStatus(fiber.StatusNoContent)
}

// allowCORS lets the page at origin (already checked) read the answer,
// Retry-After included.
func allowCORS(c *fiber.Ctx, origin string) {
	o, _ := shopify.Origin(origin)
	c.Set(fiber.HeaderAccessControlAllowOrigin, o)
	c.Set(fiber.HeaderAccessControlExposeHeaders, "Retry-After")
}
