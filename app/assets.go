package app

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/static"
)

// serveAsset serves embedded files by their content-hash URL. The URL changes
// whenever the content does, so the response may be cached for a year.
func serveAsset(assets *static.Assets) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, ok := assets.Lookup(c.Path())
		if !ok {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
		c.Set(fiber.HeaderContentType, f.ContentType)
		return c.Send(f.Body)
	}
}
