package app

import (
	"hubchat/app/knowledge"
	"hubchat/app/shopauth"
	"hubchat/app/sms"
	"hubchat/app/web"
	"hubchat/app/webhooks"
)

// routes registers every route of the app, grouped by the guard in front of
// it: none (probes, assets, media), OAuth, webhooks (HMAC), app proxy
// (Shopify's signature), storefront API (shopper token), embedded admin
// (session token). Each handler is one hop away: its package is named by
// the value it is a method of.
func (s *Server) routes(d Deps, svc *services) {
	cfg, f := d.Config, s.fiber
	f.Use(requestLog(d.Log))
	f.Use(recoverPanics)
	f.Use(securityHeaders(cfg.ShopifyAdminURL.String(), origin(cfg.AppBridgeURL), cfg.AppURL.Scheme == "https"))
	f.Use(requestContext(s.aborted, cfg.RequestTimeout))

	// Probes and static assets.
	health := healthHandlers{db: d.DB}
	f.Get("/healthz", health.live)
	f.Get("/readyz", health.ready)
	f.Get("/static/*", serveAsset(d.Assets))

	// Limits per address and per agent, beside the storefront's own.
	limits := newAbuseLimits(d.Now)

	// Install: the OAuth grant, and the page that renews a session token.
	oauth := &shopauth.OAuthHandlers{Installer: svc.installer, AppURL: cfg.AppURL, AdminURL: cfg.ShopifyAdminURL, Render: svc.render, Now: d.Now}
	f.Get("/auth", limits.perAddress(limits.oauth), oauth.Begin)
	f.Get("/auth/callback", limits.perAddress(limits.oauth), oauth.Callback)
	f.Get("/auth/session-token", shopauth.Bounce(svc.render))

	// Webhooks, verified by the HMAC of their body; an address whose
	// signatures keep failing waits (so do Twilio's and the proxy's).
	intake := &webhooks.Intake{APISecret: cfg.ShopifyAPISecret, Store: svc.webhooks, Log: d.Log}
	f.Post("/webhooks", limitBody(webhookBody), limits.refusalsPerAddress("webhooks"), intake.Receive)

	// Twilio's webhooks for a shop's SMS, verified by X-Twilio-Signature
	// (app/sms); the path is admin.SMSIncomingPath's.
	twilioHooks := svc.smsWebhooks(d)
	f.Post("/twilio/:domain/messages", limitBody(webhookBody), limits.refusalsPerAddress("twilio"), twilioHooks.Incoming)
	f.Post("/twilio/:domain/status", limitBody(webhookBody), limits.refusalsPerAddress("twilio"), twilioHooks.Status)
	// The agents' pictures Twilio fetches to send them as MMS: the expiring
	// random token is the permission (app/sms).
	f.Get(sms.MediaLinkPath+":token", svc.smsMediaLinks(d).Serve)

	// The app proxy: storefront requests Shopify signs (app/storefront).
	streams := svc.streamer(d, s.streams)
	chat := svc.storefrontHandlers(d, streams)
	proxy := &shopauth.AppProxyGuard{APISecret: cfg.ShopifyAPISecret, Shops: svc.shops, Now: d.Now}
	storefront := f.Group("/proxy", limitBody(smallBody), limits.refusalsPerAddress("proxy"), proxy.Handle, web.RequireValidText)
	storefront.Post("/session", chat.Session)
	storefront.Get("/click", svc.productLinks(d).Click) // a product card's link (app/productlink)

	// The chat API on hubchat's own origin, with the shopper token.
	// A group's limit is its largest route's; routes set tighter ones.
	api := f.Group("/api/storefront", limitBody(uploadBody), chat.Guard, web.RequireValidText)
	api.Get("/state", limitBody(smallBody), chat.State)
	api.Post("/messages", limitBody(messageBody), chat.PostMessage)
	api.Post("/images", chat.PostImage) // up to the group's limit: a shopper's photo
	api.Post("/end", limitBody(smallBody), chat.End)
	api.Post("/seen", limitBody(smallBody), chat.Seen)
	api.Post("/handoff", limitBody(smallBody), chat.Handoff)  // Yes / No to the AI agent's offer of a person
	api.Post("/email", limitBody(smallBody), chat.LeaveEmail) // an email for the team, before a Zendesk/Gorgias handoff
	api.Get("/stream", limitBody(smallBody), chat.Stream)
	api.Get("/orders", limitBody(smallBody), chat.Orders)      // the signed-in customer's recent orders (the hub's Orders tab)
	api.Post("/faq-reads", limitBody(smallBody), chat.ReadFAQ) // a FAQ opened in the hub, for the ticket's story
	// The shopper writes, or stopped: a notice for the agents, never stored.
	api.Post("/typing", limitBody(smallBody), svc.shopperTyping(d).Post)

	// The images agents send. Not behind the admin guard: the shopper's
	// widget loads them from the storefront; the random token in the URL is
	// the permission.
	pages := svc.adminHandlers(d, streams)
	f.Get("/media/:token", pages.Media)

	// The embedded admin, every request with a session token (app/admin).
	guard := &shopauth.AdminGuard{
		APIKey: cfg.ShopifyAPIKey, APISecret: cfg.ShopifyAPISecret, AdminURL: cfg.ShopifyAdminURL,
		Shops: svc.shops, Agents: svc.agents, Installer: svc.installer, Log: d.Log, Now: d.Now,
	}
	// An agent's writes are counted (replies apart, tighter).
	adm := f.Group("/app", limitBody(uploadBody), noStore, guard.Handle, web.RequireValidText, liveFrom(svc.hub), limits.perAgent(limits.agentWrites))
	form := limitBody(formBody)
	adm.Get("/", pages.Inbox)
	adm.Get("/inbox/rows", pages.InboxRows)
	adm.Get("/inbox/badge", pages.InboxBadge)
	adm.Get("/inbox/unread", pages.InboxUnread)
	adm.Get("/stream", pages.Stream)

	adm.Get("/tickets/:id", pages.Ticket)
	adm.Get("/tickets/:id/header", pages.TicketHeader)
	adm.Get("/tickets/:id/thread", pages.TicketThread)
	adm.Get("/tickets/:id/composer", pages.TicketComposer)
	adm.Get("/tickets/:id/profile", pages.TicketProfile)
	adm.Post("/tickets/:id/messages", limits.perAgent(limits.agentReplies), pages.Reply) // up to the group's limit: an image
	adm.Post("/tickets/:id/assign", form, pages.Assign)
	adm.Post("/tickets/:id/snooze", form, pages.Snooze)
	adm.Post("/tickets/:id/unsnooze", form, pages.Unsnooze)
	adm.Post("/tickets/:id/close", form, pages.CloseTicket)
	adm.Post("/tickets/:id/tag", form, pages.SetTag)
	adm.Post("/tickets/:id/typing", form, svc.agentTyping(d).Post) // the agent writes, or stopped: for the shopper

	// Alerts in other tabs: each agent's choice, and what one says.
	alerts := svc.agentAlerts(d)
	adm.Get("/alerts", alerts.Choice)
	adm.Post("/alerts", form, alerts.Save)
	adm.Get("/tickets/:id/alert", alerts.Ticket)

	adm.Get("/dashboard", pages.Dashboard)
	adm.Get("/dashboard/overview", pages.DashboardOverview)
	adm.Get("/dashboard/rows", pages.DashboardRows)
	adm.Get("/dashboard/export.csv", pages.DashboardExport)
	adm.Get("/dashboard/conversations/:id", pages.DashboardThread)

	adm.Get("/privacy", pages.Privacy)
	adm.Get("/privacy/:id/export", pages.PrivacyExport)

	// Settings. Removals are POSTs so the forms work without JavaScript too.
	set := svc.settingsPages(d)
	adm.Get("/settings", set.Index)
	adm.Get("/settings/web-chat", set.WebChat)
	adm.Post("/settings/web-chat", form, set.SaveWebChat)
	adm.Post("/settings/web-chat/office-hours", form, set.EditOfficeHours)
	adm.Get("/settings/general", set.General)
	adm.Post("/settings/general", form, set.SaveGeneral)

	adm.Get("/settings/faqs", set.ListFAQs)
	adm.Post("/settings/faqs", form, set.CreateFAQ)
	adm.Get("/settings/faqs/:id", set.EditFAQ)
	adm.Post("/settings/faqs/:id", form, set.UpdateFAQ)
	adm.Post("/settings/faqs/:id/move", form, set.MoveFAQ)
	adm.Post("/settings/faqs/:id/publish", form, set.PublishFAQ)
	adm.Get("/settings/faqs/:id/delete", set.ConfirmDeleteFAQ)
	adm.Post("/settings/faqs/:id/delete", form, set.DeleteFAQ)

	ai := svc.aiAgentSettings(d)
	article := limitBody(articleBody)
	adm.Get("/settings/ai-agent", ai.Page)
	adm.Post("/settings/ai-agent", form, ai.Save)
	adm.Post("/settings/ai-agent/try", form, ai.Try)
	adm.Post("/settings/ai-agent/engine", form, ai.SaveEngine)
	adm.Post("/settings/ai-agent/sms", form, ai.SaveSMSAgent)
	adm.Get("/settings/ai-agent/articles/new", ai.NewArticle)
	adm.Post("/settings/ai-agent/articles", article, ai.CreateArticle)
	adm.Get("/settings/ai-agent/articles/:id", ai.EditArticle)
	adm.Post("/settings/ai-agent/articles/:id", article, ai.UpdateArticle)
	adm.Post("/settings/ai-agent/articles/:id/publish", form, ai.PublishArticle)
	adm.Get("/settings/ai-agent/articles/:id/delete", ai.ConfirmDeleteArticle)
	adm.Post("/settings/ai-agent/articles/:id/delete", form, ai.DeleteArticle)
	adm.Get("/settings/ai-agent/synonyms", ai.Synonyms)
	adm.Post("/settings/ai-agent/synonyms", form, ai.CreateSynonyms)
	adm.Get("/settings/ai-agent/synonyms/:id", ai.EditSynonyms)
	adm.Post("/settings/ai-agent/synonyms/:id", form, ai.UpdateSynonyms)
	adm.Get("/settings/ai-agent/synonyms/:id/delete", ai.ConfirmDeleteSynonyms)
	adm.Post("/settings/ai-agent/synonyms/:id/delete", form, ai.DeleteSynonyms)
	adm.Get("/settings/ai-agent/import", ai.ImportPage)
	adm.Post("/settings/ai-agent/import", limitBody(importBody), ai.PreviewImport)
	adm.Post("/settings/ai-agent/import/confirm", limitBody(importBody), ai.ConfirmImport)

	adm.Get("/settings/macros", set.ListMacros)
	adm.Post("/settings/macros", form, set.CreateMacro)
	adm.Get("/settings/macros/:id", set.EditMacro)
	adm.Post("/settings/macros/:id", form, set.UpdateMacro)
	adm.Get("/settings/macros/:id/delete", set.ConfirmDeleteMacro)
	adm.Post("/settings/macros/:id/delete", form, set.DeleteMacro)

	smsSettings := svc.smsSettings(d)
	adm.Get("/settings/sms", smsSettings.Page)
	adm.Post("/settings/sms", form, smsSettings.Save)

	notifications := svc.notificationSettings(d)
	adm.Get("/settings/notifications", notifications.Page)
	adm.Post("/settings/notifications", form, notifications.Add)
	adm.Post("/settings/notifications/:id/delete", form, notifications.Remove)
	adm.Post("/settings/notifications/content", form, notifications.SetContent)

	adm.Get("/settings/data", svc.backfillPage(d).Page)
}

// Body limits, checked before anything decodes a body. A chat message may
// hold 5,000 characters, which JSON can spell in up to 12 bytes each
// (escaped surrogate pairs); an admin form's longest field is as long; an
// agent's image is up to 5 MB; Shopify's order payloads can be large. A
// knowledge article's text is up to 20,000 characters, up to 12 bytes each
// in a form; an import file up to 2 MB, sent twice as large at most when
// confirmed (a browser sends a text area's line breaks as two bytes).
const (
	smallBody   = 4 << 10
	messageBody = 64 << 10
	formBody    = 128 << 10
	articleBody = 12*knowledge.MaxBody + 16<<10
	importBody  = 2*knowledge.MaxFileBytes + 64<<10
	uploadBody  = 5<<20 + 64<<10
	webhookBody = 5 << 20
)

// maxBody is the server's own limit, over every route's, so that the
// routes' limits (and their words) decide.
const maxBody = 8 << 20
