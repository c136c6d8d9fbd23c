package admin

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/views/pages"
)

// Home is the app's home page in the admin.
func (h *Handlers) Home(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	agent, err := h.Agents.Get(ctx, shopID, web.AgentID(c))
	if err != nil {
		return err
	}
	name := shop.Name
	if name == "" {
		name = shop.Domain
	}
	v := pages.HomeView{
		ShopName: name, Domain: shop.Domain, Timezone: shop.IANATimezone, Currency: shop.Currency,
		AgentName: agent.DisplayName(), ThemeEditorURL: themeEditorURL(shop.Domain, h.APIKey),
	}
	return web.Component(c, fiber.StatusOK, pages.Home(h.head(c, "Home"), nav, v))
}
