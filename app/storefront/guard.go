package storefront

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
)

const localShopper = "hubchat.shopper"

// shopperOf is the verified shopper of an API request.
func shopperOf(c *fiber.Ctx) Shopper {
	s, _ := c.Locals(localShopper).(Shopper)
	return s
}

// Guard authorises the chat API: every request needs a valid shopper token,
// and its Origin must be the storefront the token was issued to. CORS
// headers go on every answer, errors included, so the widget can read why
// it was refused (an error discloses nothing); preflights carry no token and
// change nothing.
func (t Tokens) Guard(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	allowCORS(c, origin)
	if c.Method() == fiber.MethodOptions {
		c.Set(fiber.HeaderAccessControlAllowMethods, "GET, POST")
		c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization, Content-Type, Last-Event-ID")
		c.Set(fiber.HeaderAccessControlMaxAge, "600")
		return c.SendStatus(fiber.StatusNoContent)
	}
	token, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer ")
	if !ok {
		return apperr.New(apperr.Unauthorized, "Your chat session has expired. Reload the page.")
	}
	s, err := t.Verify(token)
	if err != nil {
		return err
	}
	if origin != "" && !sameHost(origin, s.Host) {
		return apperr.New(apperr.Forbidden, "This chat session belongs to another store.")
	}
	c.Locals(localShopper, s)
	web.SetShopID(c, s.ShopID)
	return c.Next()
}

func allowCORS(c *fiber.Ctx, origin string) {
	if origin == "" {
		return
	}
	c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
	c.Set(fiber.HeaderAccessControlExposeHeaders, "Retry-After")
	c.Vary(fiber.HeaderOrigin)
}

// sameHost compares an Origin header with a host, ignoring the scheme: the
// local Shopify's storefront is plain http.
func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && host != "" && strings.EqualFold(u.Host, host)
}
