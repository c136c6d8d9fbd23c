package shopauth

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/views/pages"
)

// Bounce serves /auth/session-token: a page that only loads App Bridge,
// which reloads the shopify-reload target with a fresh id_token.
func Bounce(render web.Renderer) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if shop, err := shopify.NormalizeShopDomain(c.Query("shop")); err == nil {
			web.SetFrameShop(c, shop)
		}
		return web.Component(c, fiber.StatusOK, pages.BouncePage(render.EmbeddedHead(c, "Loading")))
	}
}
