// Package admin serves the embedded admin's pages. Every route sits behind
// shopauth.AdminGuard, so a handler finds the verified shop and agent on the
// request (web.ShopID, web.AgentID) and scopes everything it reads to them.
package admin

import (
	"cmp"
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
	// Overview reads the AI agent's dashboard (dashboard*.go).
	Overview DashboardReader
	// AppURL starts the public URLs of sent images; AdminURL (the Shopify
	// admin's origin) the links to customers; ShopURL is the origin of a
	// shop's admin with {shop} for its domain (https://{shop}), where the
	// theme editor's deep link goes.
	AppURL, AdminURL, ShopURL string
}

// nav is the app's navigation in the admin's sidebar: the inbox is the
// app's home.
var nav = []layouts.NavLink{
	{Key: "layout.nav.inbox", Href: "/app"},
	{Key: "layout.nav.dashboard", Href: "/app/dashboard"},
	{Key: "layout.nav.settings", Href: "/app/settings"},
	{Key: "layout.nav.privacy", Href: "/app/privacy"},
}

// head is the layout head of an embedded admin page.
func (h *Handlers) head(c *fiber.Ctx, title string) layouts.Head {
	return h.Render.EmbeddedHead(c, title)
}

// themeEditorURL opens the shop's theme editor with the app embed ready to
// enable: Shopify's, or the local Shopify's in development (ShopURL).
func (h *Handlers) themeEditorURL(shop string) string {
	return embedEditorURL(cmp.Or(h.ShopURL, "https://{shop}"), shop, h.APIKey)
}

// embedEditorURL is Shopify's deep link to the theme editor's App embeds
// with the Customer Hub switched on, ready to save: activateAppId names the
// app by its API key and the embed by its block's handle (blocks/hub.liquid).
// shopURL is the origin of the shop's admin endpoints with {shop} for its
// domain: https://{shop} on Shopify, the local Shopify's in development.
func embedEditorURL(shopURL, shop, apiKey string) string {
	return strings.ReplaceAll(shopURL, "{shop}", shop) + "/admin/themes/current/editor?" + url.Values{
		"context":       {"apps"},
		"activateAppId": {apiKey + "/" + hubBlock},
	}.Encode()
}

// The Customer Hub is the app embed block hubBlock of the app whose handle
// is appHandle (shopify.app.toml), as settings_data.json types it.
const (
	appHandle = "hubchat"
	hubBlock  = "hub"
)
