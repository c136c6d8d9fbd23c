package app

import (
	"hubchat/app/shopauth"
	"hubchat/app/webhooks"
)

// routes registers every route of the app, grouped by the guard in front of
// it: none (probes, assets), OAuth, webhooks (HMAC), app proxy (Shopify's
// signature), embedded admin (session token).
func (s *Server) routes(d Deps, svc *services) {
	cfg, f := d.Config, s.fiber
	f.Use(requestLog(d.Log))
	f.Use(securityHeaders(cfg.ShopifyAdminURL.String(), origin(cfg.AppBridgeURL)))

	// Probes and static assets.
	health := healthHandlers{db: d.DB}
	f.Get("/healthz", health.live)
	f.Get("/readyz", health.ready)
	f.Get("/static/*", serveAsset(d.Assets))

	// Install: the OAuth grant, and the page that renews a session token.
	oauth := &shopauth.OAuthHandlers{Installer: svc.installer, AppURL: cfg.AppURL, AdminURL: cfg.ShopifyAdminURL, Render: svc.render, Now: d.Now}
	f.Get("/auth", oauth.Begin)
	f.Get("/auth/callback", oauth.Callback)
	f.Get("/auth/session-token", shopauth.Bounce(svc.render))

	// Webhooks, verified by the HMAC of their body.
	intake := &webhooks.Intake{APISecret: cfg.ShopifyAPISecret, Store: svc.webhooks, Log: d.Log}
	f.Post("/webhooks", intake.Receive)

	// The app proxy: storefront requests Shopify signs.
	streams := svc.streamer(d, s.streams)
	chat := svc.storefrontHandlers(d, streams)
	proxy := &shopauth.AppProxyGuard{APISecret: cfg.ShopifyAPISecret, Shops: svc.shops, Now: d.Now}
	storefront := f.Group("/proxy", proxy.Handle)
	storefront.Post("/session", chat.Session)
	storefront.Get("/click", svc.productLinks(d).Click) // a product card's link

	// The chat API on hubchat's own origin, with the shopper token.
	api := f.Group("/api/storefront", chat.Guard)
	api.Get("/state", chat.State)
	api.Post("/messages", chat.PostMessage)
	api.Post("/end", chat.End)
	api.Post("/seen", chat.Seen)
	api.Get("/stream", chat.Stream)

	// The embedded admin, every request with a session token.
	guard := &shopauth.AdminGuard{
		APIKey: cfg.ShopifyAPIKey, APISecret: cfg.ShopifyAPISecret, AdminURL: cfg.ShopifyAdminURL,
		Shops: svc.shops, Agents: svc.agents, Installer: svc.installer, Log: d.Log, Now: d.Now,
	}
	pages := svc.adminHandlers(cfg, streams)
	adm := f.Group("/app", guard.Handle)
	adm.Get("/", pages.Inbox)
	adm.Get("/inbox/rows", pages.InboxRows)
	adm.Get("/inbox/badge", pages.InboxBadge)
	adm.Get("/inbox/unread", pages.InboxUnread)
	adm.Get("/stream", pages.Stream)
	// The ticket page (app/admin/ticket*.go). /media/:token is NOT behind the
	// admin guard: it serves the images agents send, which the shopper's
	// widget loads from the storefront; its random token is the permission.
	f.Get("/media/:token", pages.Media)
	adm.Get("/tickets/:id", pages.Ticket)
	adm.Get("/tickets/:id/header", pages.TicketHeader)
	adm.Get("/tickets/:id/thread", pages.TicketThread)
	adm.Get("/tickets/:id/composer", pages.TicketComposer)
	adm.Get("/tickets/:id/profile", pages.TicketProfile)
	adm.Post("/tickets/:id/messages", pages.Reply)
	adm.Post("/tickets/:id/assign", pages.Assign)
	adm.Post("/tickets/:id/snooze", pages.Snooze)
	adm.Post("/tickets/:id/close", pages.CloseTicket)
	adm.Get("/privacy", pages.Privacy)
	adm.Get("/privacy/:id/export", pages.PrivacyExport)
	svc.settingsRoutes(d, adm)     // app/settings_wiring.go
	svc.notificationRoutes(d, adm) // app/notify_wiring.go
	svc.backfillRoutes(d, adm)     // app/backfill_wiring.go
}
