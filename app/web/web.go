// Package web holds what every handler package shares about a request: its id,
// its CSP nonce, the shop it acts for, and rendering a templ component as a
// full page or, for an HTMX request, as a fragment. It is a leaf: handler
// packages import it, and it imports none of them.
package web

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/storage"
)

// Keys of the values middleware stores on the request.
const (
	localRequestID  = "hubchat.request_id"
	localNonce      = "hubchat.csp_nonce"
	localShop       = "hubchat.shop"
	localFrameShop  = "hubchat.frame_shop"
	localShopID     = "hubchat.shop_id"
	localShopRow    = "hubchat.shop_row"
	localAgentID    = "hubchat.agent_id"
	localCustomerID = "hubchat.customer_id"
)

// RequestID is the id the request log and error pages show for this request.
func RequestID(c *fiber.Ctx) string { return local(c, localRequestID) }

// SetRequestID records the request's id.
func SetRequestID(c *fiber.Ctx, id string) { c.Locals(localRequestID, id) }

// Nonce authorises this response's inline and external scripts under the CSP.
func Nonce(c *fiber.Ctx) string { return local(c, localNonce) }

// SetNonce records the response's CSP nonce.
func SetNonce(c *fiber.Ctx, nonce string) { c.Locals(localNonce, nonce) }

// Shop is the verified shop domain the request acts for, or "" before an
// authentication guard has established it.
func Shop(c *fiber.Ctx) string { return local(c, localShop) }

// SetShop records the verified shop domain. Only authentication guards call it:
// the request log and the CSP's frame-ancestors trust it.
func SetShop(c *fiber.Ctx, domain string) { c.Locals(localShop, domain) }

// FrameShop is the shop whose admin may frame this response: the verified
// shop, or else a shop named (with a valid domain) by a page that exists to
// obtain verification, such as the session-token bounce page.
func FrameShop(c *fiber.Ctx) string {
	if s := Shop(c); s != "" {
		return s
	}
	return local(c, localFrameShop)
}

// SetFrameShop lets the named shop's admin frame a page served before the
// request is verified. The domain must already be validated.
func SetFrameShop(c *fiber.Ctx, domain string) { c.Locals(localFrameShop, domain) }

// ShopID is the id of the verified shop, or 0.
func ShopID(c *fiber.Ctx) int64 { id, _ := c.Locals(localShopID).(int64); return id }

// SetShopID records the verified shop's id (with SetShop, by guards only).
func SetShopID(c *fiber.Ctx, id int64) { c.Locals(localShopID, id) }

// VerifiedShop is the verified shop's row as its guard read it in this
// request, and false when the guard did not keep it: a handler need not
// read the same row a second time.
func VerifiedShop(c *fiber.Ctx) (storage.Shop, bool) {
	shop, ok := c.Locals(localShopRow).(storage.Shop)
	return shop, ok
}

// SetVerifiedShop keeps the verified shop's row for the handlers (with
// SetShopID, by guards only).
func SetVerifiedShop(c *fiber.Ctx, shop storage.Shop) { c.Locals(localShopRow, shop) }

// AgentID is the id of the staff member making an admin request, or 0.
func AgentID(c *fiber.Ctx) int64 { id, _ := c.Locals(localAgentID).(int64); return id }

// SetAgentID records the verified staff member (by the admin guard only).
func SetAgentID(c *fiber.Ctx, id int64) { c.Locals(localAgentID, id) }

// CustomerID is the Shopify customer id Shopify says is signed in on the
// storefront (app proxy), or "" for an anonymous visitor.
func CustomerID(c *fiber.Ctx) string { return local(c, localCustomerID) }

// SetCustomerID records the signed-in customer (by the app proxy guard only).
func SetCustomerID(c *fiber.Ctx, id string) { c.Locals(localCustomerID, id) }

// IsHTMX reports whether htmx made the request, which wants a fragment back.
func IsHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

func local(c *fiber.Ctx, key string) string {
	s, _ := c.Locals(key).(string)
	return s
}
