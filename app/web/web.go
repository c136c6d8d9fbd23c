// Package web holds what every handler package shares about a request: its id,
// its CSP nonce, the shop it acts for, and rendering a templ component as a
// full page or, for an HTMX request, as a fragment. It is a leaf: handler
// packages import it, and it imports none of them.
package web

import (
	"github.com/gofiber/fiber/v2"
)

// Keys of the values middleware stores on the request.
const (
	localRequestID = "hubchat.request_id"
	localNonce     = "hubchat.csp_nonce"
	localShop      = "hubchat.shop"
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

// IsHTMX reports whether htmx made the request, which wants a fragment back.
func IsHTMX(c *fiber.Ctx) bool { return c.Get("HX-Request") == "true" }

func local(c *fiber.Ctx, key string) string {
	s, _ := c.Locals(key).(string)
	return s
}
