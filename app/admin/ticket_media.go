package admin

import (
	"github.com/gofiber/fiber/v2"
)

// mediaPath is the public path of an upload.
const mediaPath = "/media/"

// Media serves GET /media/:token, outside the admin's guard: the images
// agents send, which the shopper's widget loads from the storefront. The
// 128-bit random token is the permission (a capability URL). The content
// is fixed once stored, so it may be cached for good; nosniff and the type
// the content was recognised as keep a browser from reading it as anything
// but that image.
func (h *Handlers) Media(c *fiber.Ctx) error {
	token := c.Params("token")
	if !validToken(token) {
		return fiber.ErrNotFound
	}
	u, err := h.Uploads.ByToken(c.UserContext(), token)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, u.ContentType)
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderContentDisposition, "inline")
	c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	// The storefront is another origin: let it embed the image.
	c.Set("Cross-Origin-Resource-Policy", "cross-origin")
	return c.Send(u.Bytes)
}

// validToken is the shape of an upload token: 22 URL-safe base64 digits.
func validToken(s string) bool {
	if len(s) != 22 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
