package shopauth

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/storage"
)

// ShopFinder finds the installed shop a verified request names.
type ShopFinder interface {
	ByDomain(ctx context.Context, domain string) (storage.Shop, error)
}

// AppProxyGuard authenticates requests Shopify forwards from the storefront
// through the app proxy (SHOPIFY.md §3): the signature must cover the query,
// the timestamp must be fresh, and the shop must have the app installed.
// Only then is logged_in_customer_id trusted: it is the one way a shopper's
// identity reaches hubchat.
type AppProxyGuard struct {
	APISecret string
	Shops     ShopFinder
	Now       func() time.Time
}

// Handle is the Fiber middleware.
func (g *AppProxyGuard) Handle(c *fiber.Ctx) error {
	req, err := shopify.VerifyAppProxy(queryValues(c), g.APISecret, g.Now)
	if err != nil {
		return apperr.Wrap(apperr.Unauthorized, err, "This request did not come through the store.")
	}
	shop, err := g.Shops.ByDomain(c.UserContext(), req.Shop)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err // the database is away or slow: 503, and the widget retries
	}
	if err != nil || !shop.Installed() {
		return apperr.New(apperr.Forbidden, "Chat is not available in this store.")
	}
	web.SetShop(c, shop.Domain)
	web.SetShopID(c, shop.ID)
	web.SetCustomerID(c, req.LoggedInCustomerID)
	return c.Next()
}
