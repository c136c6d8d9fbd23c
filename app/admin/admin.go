// Package admin serves the embedded admin's pages. Every route sits behind
// shopauth.AdminGuard, so a handler finds the verified shop and agent on the
// request (web.ShopID, web.AgentID) and scopes everything it reads to them.
package admin

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/layouts"
)

// ShopReader reads the verified shop.
type ShopReader interface {
	Get(ctx context.Context, shopID int64) (storage.Shop, error)
}

// AgentReader reads the verified agent.
type AgentReader interface {
	Get(ctx context.Context, shopID, agentID int64) (storage.Agent, error)
}

// PrivacyReader lists the shop's compliance requests.
type PrivacyReader interface {
	Requests(ctx context.Context, shopID int64, limit int) ([]storage.PrivacyRequest, error)
	Request(ctx context.Context, shopID, id int64) (storage.PrivacyRequest, error)
}

// Handlers serve the admin pages.
type Handlers struct {
	Shops    ShopReader
	Agents   AgentReader
	Requests PrivacyReader
	Tickets  InboxReader
	Streams  StreamServer
	Render   web.Renderer
	// APIKey names the app in the theme editor's deep link.
	APIKey string
	// Now is the clock (waiting times, snooze presets).
	Now func() time.Time

	// The ticket page (ticket*.go).
	Conversations TicketStore
	Profiles      ProfileReader
	Team          TeamLister
	Macros        MacroLister
	Uploads       UploadStore
	// AppURL starts the public URLs of sent images; AdminURL (the Shopify
	// admin's origin) the links to customers.
	AppURL, AdminURL string
}

// nav is the app's navigation in the admin's sidebar: the inbox is the
// app's home.
var nav = []layouts.NavLink{
	{Label: "Inbox", Href: "/app"},
	{Label: "Settings", Href: "/app/settings"},
	{Label: "Privacy requests", Href: "/app/privacy"},
}

// head is the layout head of an embedded admin page.
func (h *Handlers) head(c *fiber.Ctx, title string) layouts.Head {
	return h.Render.EmbeddedHead(c, title)
}

// themeEditorURL opens the theme editor of the shop's current theme, in
// the admin at adminURL (Shopify's, or the local one in development), with
// the app embed ready to enable.
func themeEditorURL(adminURL, shop, apiKey string) string {
	return adminURL + "/store/" + url.PathEscape(strings.TrimSuffix(shop, ".myshopify.com")) + "/themes/current/editor?" + url.Values{
		"context":       {"apps"},
		"activateAppId": {apiKey + "/customer-hub"},
	}.Encode()
}
