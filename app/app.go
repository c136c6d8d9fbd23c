package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/admin"
	"hubchat/app/aiagent"
	"hubchat/app/config"
	"hubchat/app/conversation"
	"hubchat/app/jobs"
	"hubchat/app/realtime"
	"hubchat/app/shopapi"
	"hubchat/app/shopauth"
	"hubchat/app/shopsync"
	"hubchat/app/storefront"
	"hubchat/app/web"
	"hubchat/shopify"
	"hubchat/static"
	"hubchat/storage"
	"hubchat/storage/seal"
)

// Deps are what the application needs from the outside; run builds them.
type Deps struct {
	Config config.Config
	Log    *slog.Logger
	DB     *sqlx.DB
	// DatabaseURL is where DB connects; the worker listens there for jobs.
	DatabaseURL string
	Assets      *static.Assets
	Keys        *seal.Keyring
	// Now is the clock (default time.Now); HTTP sends requests to Shopify
	// (default: a client with a 15 s timeout).
	Now  func() time.Time
	HTTP *http.Client
	// Engine answers shoppers' questions for the AI agent (default: the
	// built-in engine on the shop's own data).
	Engine aiagent.Engine
}

// App is the whole application: the HTTP server, the listener that follows
// the event log for the live streams, the worker that runs the background
// jobs (webhook processing, syncs), and the periodic jobs.
type App struct {
	Server    *Server
	Listener  *realtime.Listener
	Worker    *jobs.Runner
	Periodic  []jobs.Periodic
	Installer *shopauth.Installer
	demo      demoTraining
}

// hubBuffer is how many events a shopper's live stream may fall behind
// before it is dropped (its client then resumes from the log).
// agentHubBuffer is the same for an agents' stream, which carries every
// change of the shop: four of the listener's reads (500 events each), so a
// read that brings a busy second at once does not drop the streams that
// keep up. It costs 16 bytes an event, held by the few agents' streams.
const (
	hubBuffer      = 64
	agentHubBuffer = 2048
)

// services are the stores and clients the handlers and jobs share.
type services struct {
	shops         *storage.Shops
	agents        *storage.Agents
	webhooks      *storage.Webhooks
	privacy       *storage.Privacy
	jobs          *storage.Jobs
	settings      *storage.ChatSettingsStore
	faqs          *storage.FAQs
	profiles      *storage.Profiles
	conversations *storage.Conversations
	events        *storage.Events
	macros        *storage.Macros
	uploads       *storage.Uploads
	aiSettings    *storage.AISettingsStore
	aiEngines     *storage.AIEngineStore
	articles      *storage.Articles
	sideEffects   *storage.SideEffects // sent-markers of calls that cannot be repeated
	engine        aiagent.Engine
	hub           *realtime.Hub
	oauth         *shopify.OAuth
	clients       *shopapi.Clients
	installer     *shopauth.Installer
	render        web.Renderer
	// The conversation core and the AI agent in it (app/ai_wiring.go).
	core    *conversation.Core
	agent   *conversation.Agent
	answers *postsAnsweredAtOnce // the core's posts, their answers run at once
}

// New builds the application.
func New(d Deps) (*App, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.HTTP == nil {
		d.HTTP = &http.Client{Timeout: 15 * time.Second}
	}
	s := newServices(d)
	worker, err := newWorker(d, s)
	if err != nil {
		return nil, err
	}
	listener := realtime.NewListener(realtime.ListenerConfig{
		DSN: withApplicationName(d.DatabaseURL, "hubchat_listener"), Log: s.events, Hub: s.hub, Logger: d.Log,
	})
	return &App{Server: newServer(d, s), Listener: listener, Worker: worker, Periodic: periodicJobs(d, s), Installer: s.installer,
		demo: demoTraining{shops: s.shops, imports: storage.NewImports(d.DB, d.Now), aiSettings: s.aiSettings}}, nil
}

func newServices(d Deps) *services {
	cfg := d.Config
	s := &services{
		shops:         storage.NewShops(d.DB, d.Keys, d.Now),
		agents:        storage.NewAgents(d.DB, d.Now),
		webhooks:      storage.NewWebhooks(d.DB, d.Now),
		privacy:       storage.NewPrivacy(d.DB, d.Now),
		jobs:          storage.NewJobs(d.DB, d.Now),
		settings:      storage.NewChatSettings(d.DB, d.Now),
		faqs:          storage.NewFAQs(d.DB, d.Now),
		profiles:      storage.NewProfiles(d.DB, d.Now),
		conversations: storage.NewConversations(d.DB, d.Now),
		events:        storage.NewEvents(d.DB, d.Now),
		macros:        storage.NewMacros(d.DB, d.Now),
		uploads:       storage.NewUploads(d.DB, d.Now),
		aiSettings:    storage.NewAISettings(d.DB, d.Keys, d.Now),
		aiEngines:     storage.NewAIEngines(d.DB, d.Keys, d.Now),
		articles:      storage.NewArticles(d.DB, d.Now),
		sideEffects:   storage.NewSideEffects(d.DB, d.Now),
		hub:           realtime.NewHubSized(hubBuffer, agentHubBuffer),
		render:        web.Renderer{Assets: d.Assets, APIKey: cfg.ShopifyAPIKey, AppBridgeURL: cfg.AppBridgeURL},
	}
	shopURL := func(shop string) string { return strings.ReplaceAll(cfg.ShopifyShopURL, "{shop}", shop) }
	s.oauth = &shopify.OAuth{APIKey: cfg.ShopifyAPIKey, APISecret: cfg.ShopifyAPISecret, Scopes: cfg.Scopes, HTTP: d.HTTP, ShopURL: shopURL}
	s.clients = &shopapi.Clients{Tokens: s.shops, OAuth: s.oauth, ShopURL: cfg.ShopifyShopURL, HTTP: d.HTTP, Now: d.Now}
	s.installer = &shopauth.Installer{
		OAuth: s.oauth, Shops: s.shops, Details: s.clients, Log: d.Log, Now: d.Now,
		AfterInstall: func(ctx context.Context, shop storage.Shop) error {
			if err := shopsync.EnqueueShopSync(ctx, s.jobs, shop); err != nil {
				return err
			}
			return s.enqueueBackfill(ctx, shop) // app/backfill_wiring.go
		},
	}
	s.conversationCore(d) // app/ai_wiring.go
	return s
}

// enqueuePublishChat queues the publication of a shop's chat settings to
// the storefront widget.
func (s *services) enqueuePublishChat(ctx context.Context, shopID int64) error {
	return shopsync.EnqueuePublishChat(ctx, s.jobs, shopID)
}

// streamer serves the live streams, which end when streams (the server's
// shutdown) does.
func (s *services) streamer(d Deps, streams context.Context) *realtime.Streamer {
	return realtime.NewStreamer(realtime.StreamerConfig{Hub: s.hub, Backlog: s.events, Streams: streams, Logger: d.Log})
}

// storefrontHandlers serve the Customer Hub widget.
func (s *services) storefrontHandlers(d Deps, streams *realtime.Streamer) *storefront.Handlers {
	h := &storefront.Handlers{
		Shops: s.shops, Settings: s.settings, FAQs: s.faqs, Profiles: s.profiles, Conversations: s.conversations,
		Core: s.core, Agent: s.agent,
		Events: s.events, Streams: streams, Jobs: s.jobs, CustomerOrders: storage.NewOrders(d.DB, d.Now),
		Tokens: storefront.NewTokens(d.Config.ShopifyAPISecret, d.Now), Limits: storefront.NewLimits(),
		Access:  storefront.NewAccess(s.shops, s.settings, storefront.AccessTTL, d.Now),
		APIBase: d.Config.AppURL.String(), MediaBase: strings.TrimRight(d.Config.AppURL.String(), "/"), Now: d.Now,
	}
	return h
}

// adminHandlers are the embedded admin's inbox, ticket, dashboard and privacy pages.
func (s *services) adminHandlers(d Deps, streams *realtime.Streamer) *admin.Handlers {
	cfg := d.Config
	return &admin.Handlers{Shops: s.shops, Agents: s.agents, Requests: s.privacy, Tickets: s.conversations,
		Streams: streams, Render: s.render, APIKey: cfg.ShopifyAPIKey, Now: d.Now,
		Conversations: s.conversations, Profiles: s.profiles, Team: s.agents, Macros: s.macros, Uploads: s.uploads,
		Overview: storage.NewDashboard(d.DB), AppURL: strings.TrimRight(cfg.AppURL.String(), "/"), AdminURL: cfg.ShopifyAdminURL.String(),
		ShopURL: cfg.ShopifyShopURL}
}

// withApplicationName names the connection of dsn, so that it can be told
// apart among the server's connections (pg_stat_activity).
func withApplicationName(dsn, name string) string {
	if u, err := url.Parse(dsn); err == nil && u.Scheme != "" {
		q := u.Query()
		q.Set("application_name", name)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " application_name=" + name
}
