package web

import (
	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"

	"hubchat/static"
	"hubchat/views/layouts"
)

// Renderer writes templ components as responses.
type Renderer struct {
	Assets *static.Assets
	// APIKey and AppBridgeURL load App Bridge on embedded pages.
	APIKey       string
	AppBridgeURL string
}

// Head is the layout's head for a page that is never embedded.
func (r Renderer) Head(c *fiber.Ctx, title string) layouts.Head {
	return layouts.Head{Title: title, Nonce: Nonce(c), Asset: r.Assets.MustURL}
}

// EmbeddedHead is the layout's head for a page shown inside the Shopify
// admin: it loads App Bridge, and its live connection resumes from where
// the page's data is current (LiveFrom).
func (r Renderer) EmbeddedHead(c *fiber.Ctx, title string) layouts.Head {
	h := r.Head(c, title)
	h.APIKey, h.AppBridgeURL = r.APIKey, r.AppBridgeURL
	h.LiveFrom = LiveFrom(c)
	return h
}

// Page writes the full page, or only fragment when htmx asked; the answer
// depends on that header, so caches are told so.
func (r Renderer) Page(c *fiber.Ctx, status int, page, fragment templ.Component) error {
	c.Vary("HX-Request")
	if IsHTMX(c) {
		return Component(c, status, fragment)
	}
	return Component(c, status, page)
}

// Component writes one component as HTML with the given status.
func Component(c *fiber.Ctx, status int, component templ.Component) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return component.Render(c.UserContext(), c.Response().BodyWriter())
}
