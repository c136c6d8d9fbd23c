package admin

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/shopify/adminapi"
	"hubchat/storage"
	"hubchat/views/pages"
)

// ThemeReader finds an app embed in the shop's published theme
// (shopapi.Clients.AppEmbed): found is false when it was never switched on.
type ThemeReader interface {
	AppEmbed(ctx context.Context, shop storage.Shop, appHandle, blockHandle string) (embed adminapi.AppEmbed, found bool, err error)
}

// themeCheckTimeout bounds the wait for the theme: past it the page shows
// the design as unknown rather than keep the merchant waiting.
const themeCheckTimeout = 3 * time.Second

// designSource reads from the published theme where the storefront
// launcher's look comes from: the Customer Hub embed with its tabs uses its
// own appearance (the embed's block settings), without them the design of
// this page; an embed switched off shows no launcher at all.
func (h *Settings) designSource(ctx context.Context, shop storage.Shop) pages.DesignSource {
	if h.Theme == nil {
		return pages.DesignUnknown
	}
	ctx, cancel := context.WithTimeout(ctx, themeCheckTimeout)
	defer cancel()
	embed, found, err := h.Theme.AppEmbed(ctx, shop, appHandle, hubBlock)
	switch {
	case err != nil:
		if h.Log != nil {
			h.Log.Warn("web chat design: cannot read the published theme", "shop_id", shop.ID, "err", err)
		}
		return pages.DesignUnknown
	case !found || embed.Disabled:
		return pages.DesignEmbedOff
	case hubTabsShown(embed.Settings):
		return pages.DesignHub
	}
	return pages.DesignApplies
}

// hubTabsShown reads the embed's "Show the Customer Hub tabs" setting; the
// theme may leave out a setting at its schema default, which is on.
func hubTabsShown(settings map[string]any) bool {
	on, ok := settings["show_tabs"].(bool)
	return on || !ok
}

// postedOr is the posted value of a design field, or kept when the form
// did not carry it: the design's fieldset is disabled while the Customer
// Hub's own appearance is in use, and a disabled field is not posted.
func postedOr(c *fiber.Ctx, name, kept string) string {
	if !c.Request().PostArgs().Has(name) {
		return kept
	}
	return c.FormValue(name)
}
