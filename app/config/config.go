// Package config reads hubchat's configuration from the environment once, at
// start, and validates all of it so that a bad setting stops start-up with a
// message naming the variable, instead of failing later on a request.
package config

import (
	"errors"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"hubchat/storage/seal"
)

// Mode is the command the process runs; it decides which variables are required.
type Mode string

// The modes. Serve is production: nothing is assumed. Dev and Migrate may start a
// private PostgreSQL cluster and fill in local defaults.
const (
	Serve   Mode = "serve"
	Dev     Mode = "dev"
	Migrate Mode = "migrate"
)

// DefaultScopes are the Admin API access scopes hubchat asks for on install.
const DefaultScopes = "read_customers,read_orders,read_products,read_legal_policies,read_markets,read_locales,read_themes,write_app_proxy"

// DevAPIKey and DevAPISecret are the credentials of the app in the local Shopify
// that `hubchat dev` runs; they are used only when the variables are unset outside
// serve mode, and mean nothing to the real Shopify.
const (
	DevAPIKey    = "hubchat-dev-client-id"
	DevAPISecret = "hubchat-dev-client-secret"
)

// Config is every setting hubchat reads from the environment. Variables lists
// the variable behind each field with its default.
type Config struct {
	Mode Mode

	// Port is the TCP port the HTTP server listens on; 0 picks a free one.
	Port int
	// AppURL is the public base URL of the app (what Shopify calls application_url).
	AppURL *url.URL

	// DatabaseURL is the PostgreSQL connection string. Empty means: start a private
	// cluster under DataDir (dev and migrate only).
	DatabaseURL string
	// DatabaseMaxConns caps the pool of connections to PostgreSQL.
	DatabaseMaxConns int
	// DatabaseStatementTimeout and DatabaseIdleInTransactionTimeout are
	// PostgreSQL's statement_timeout and idle_in_transaction_session_timeout
	// on every pooled connection: the server ends a statement, or a
	// transaction left idle, that runs past them, so no connection is held
	// for ever whatever goes wrong in the app.
	DatabaseStatementTimeout         time.Duration
	DatabaseIdleInTransactionTimeout time.Duration
	// DataDir holds local state: the private PostgreSQL cluster when DatabaseURL is empty.
	DataDir string

	// ShopifyAPIKey and ShopifyAPISecret are the app's client id and client secret.
	ShopifyAPIKey    string
	ShopifyAPISecret string
	// Scopes are the Admin API access scopes requested on install.
	Scopes []string
	// ShopifyAdminURL is the origin of the Shopify admin, where App Home lives.
	ShopifyAdminURL *url.URL
	// ShopifyShopURL is the origin of a shop's OAuth and Admin API endpoints,
	// with "{shop}" standing for the shop's myshopify.com domain.
	ShopifyShopURL string
	// AppBridgeURL is where embedded pages load App Bridge from.
	AppBridgeURL string
	// TokenEncryptionKeys seals the shops' access tokens at rest: "id:base64key,…",
	// the first key seals, all of them open (for rotation).
	TokenEncryptionKeys string

	// Local configures the local Shopify that `hubchat dev` runs when
	// SHOPIFY_SHOP_URL does not point at another.
	Local LocalShopify

	// SMTP is the server that emails the team about new tickets; its zero
	// value (SMTP_URL unset) means no email is sent.
	SMTP SMTP

	// ZendeskURL and GorgiasURL are where the AI agent's helpdesk handoffs
	// send their requests, with "{subdomain}" and "{account}" standing for
	// the merchant's account; https, or http on a loopback address only.
	ZendeskURL string
	GorgiasURL string
	// ModelEndpointsAllowPrivate lets the AI agent's OpenAI-compatible
	// engine call endpoints on loopback, private and link-local addresses,
	// and over plain http: off in production, where a merchant-typed URL
	// must not reach the app's own network (SSRF); on for dev, tests, and a
	// self-hosted model on the operator's private network.
	ModelEndpointsAllowPrivate bool
	// LocalHelpdesks says which local fakes `hubchat dev` runs in place of
	// the real helpdesks: those whose variable is unset.
	LocalHelpdesks LocalHelpdesks

	// TwilioURL is where the SMS channel calls Twilio's REST API; https, or
	// http on a loopback address only.
	TwilioURL string
	// LocalTwilio is the local Twilio `hubchat dev` runs when TWILIO_URL is unset.
	LocalTwilio LocalTwilio

	// LogLevel and LogFormat ("json" or "text") shape the structured log.
	LogLevel  slog.Level
	LogFormat string
	// RequestTimeout bounds how long a request may run (live streams aside):
	// its context, and with it its database work, ends then.
	RequestTimeout time.Duration
	// ShutdownTimeout bounds how long in-flight requests may take to finish on stop.
	ShutdownTimeout time.Duration
}

// LocalShopify is the dev-only local Shopify: its two ports (0 picks free
// ones), the demo shop's data file (empty: the built-in demo shop) and an
// optional domain for it.
type LocalShopify struct {
	Enabled        bool
	AdminPort      int
	StorefrontPort int
	ShopData       string
	ShopDomain     string
}

// LocalHelpdesks are the dev-only local fakes of Zendesk and Gorgias
// (app/helpdesk/helpdesktest) that let a merchant trying the demo pick
// every handoff.
type LocalHelpdesks struct {
	Zendesk, Gorgias bool
}

// LocalTwilio is the dev-only local Twilio (app/twilio/twiliotest): one
// account with a phone number and a phone page to text it as a customer.
type LocalTwilio struct {
	Enabled bool
	Port    int // 0 picks a free one
}

// Variable documents one environment variable.
type Variable struct {
	Name, Default, Meaning string
}

// Variables lists every variable Load reads, in the order the README documents them.
var Variables = []Variable{
	{"DATABASE_URL", "(unset: a private cluster under DATA_DIR, dev and migrate only)", "PostgreSQL connection string; required by serve"},
	{"DATABASE_MAX_CONNS", "20", "maximum open connections to PostgreSQL"},
	{"DATABASE_STATEMENT_TIMEOUT", "10s", "PostgreSQL's statement_timeout on every pooled connection: a longer statement is cancelled"},
	{"DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", "10s", "PostgreSQL's idle_in_transaction_session_timeout: a connection idle that long inside a transaction is closed"},
	{"DATA_DIR", ".data", "local state: the private PostgreSQL cluster"},
	{"PORT", "8080", "HTTP port (0 picks a free one)"},
	{"APP_URL", "(dev: http://localhost:PORT)", "public base URL of the app; required by serve, https"},
	{"HOST", "", "read as APP_URL when APP_URL is unset (the Shopify CLI sets HOST)"},
	{"SHOPIFY_API_KEY", "(dev: a local key)", "the app's client id; required by serve"},
	{"SHOPIFY_API_SECRET", "(dev: a local secret)", "the app's client secret; required by serve"},
	{"SCOPES", DefaultScopes, "Admin API access scopes, comma separated"},
	{"SHOPIFY_ADMIN_URL", "https://admin.shopify.com", "origin of the Shopify admin (dev: the local Shopify)"},
	{"SHOPIFY_SHOP_URL", "https://{shop}", "origin of a shop's OAuth and Admin API endpoints; {shop} is the shop's domain (dev: the local Shopify)"},
	{"APP_BRIDGE_URL", "https://cdn.shopify.com/shopifycloud/app-bridge.js", "where embedded pages load App Bridge from (dev: the local Shopify)"},
	{"TOKEN_ENCRYPTION_KEYS", "(dev: a local key)", "keys that seal access tokens at rest, id:base64-32-bytes, comma separated, current first; required by serve"},
	{"LOCAL_SHOPIFY_ADMIN_PORT", "8081 (0 when PORT is 0)", "dev: port of the local Shopify's admin, OAuth and Admin API"},
	{"LOCAL_SHOPIFY_STOREFRONT_PORT", "8082 (0 when PORT is 0)", "dev: port of the local Shopify's storefront"},
	{"SHOP_DATA", "(the built-in demo shop)", "dev: a JSON file with the demo shop's data (docs/demo-shop.md)"},
	{"DEMO_SHOP_DOMAIN", "(the data file's, hubchat-demo.myshopify.com)", "dev: the demo shop's myshopify.com domain"},
	{"SMTP_URL", "(unset: no email)", "SMTP server for the team's new-ticket emails: smtp://user:pass@host:587?from=hubchat%40example.com (STARTTLS when offered), smtps:// for implicit TLS (port 465)"},
	{"ZENDESK_URL", "https://{subdomain}.zendesk.com", "address of the Zendesk API for the AI agent's handoff; {subdomain} is the merchant's account; https, or http on a loopback address (dev: a local fake Zendesk)"},
	{"GORGIAS_URL", "https://{account}.gorgias.com", "address of the Gorgias API for the AI agent's handoff; {account} is the merchant's account; https, or http on a loopback address (dev: a local fake Gorgias)"},
	{"TWILIO_URL", "https://api.twilio.com", "address of Twilio's REST API for SMS; https, or http on a loopback address (dev: a local Twilio)"},
	{"LOCAL_TWILIO_PORT", "8083 (0 when PORT is 0)", "dev: port of the local Twilio's API and phone page"},
	{"MODEL_ENDPOINTS_ALLOW_PRIVATE", "(serve: false, dev: true)", "true lets a merchant's OpenAI-compatible model endpoint be on a loopback, private or link-local address, or plain http (a self-hosted model on your own network); false refuses such addresses when connecting"},
	{"LOG_LEVEL", "info", "debug, info, warn or error"},
	{"LOG_FORMAT", "(serve: json, dev: text)", "json or text"},
	{"REQUEST_TIMEOUT", "20s", "how long a request may run (live streams aside) before its work is cancelled"},
	{"SHUTDOWN_TIMEOUT", "10s", "how long in-flight requests and jobs may take to finish on stop; the process exits by then"},
}

// Load reads the configuration for mode from getenv. It reports every problem at
// once, each naming its variable.
func Load(mode Mode, getenv func(string) string) (Config, error) {
	r := reader{getenv: getenv}
	cfg := Config{
		Mode:                mode,
		DatabaseURL:         strings.TrimSpace(getenv("DATABASE_URL")),
		DatabaseMaxConns:    r.intIn("DATABASE_MAX_CONNS", 20, 1, 1000),
		DataDir:             r.str("DATA_DIR", ".data"),
		Port:                r.intIn("PORT", 8080, 0, 65535),
		ShopifyAPIKey:       strings.TrimSpace(getenv("SHOPIFY_API_KEY")),
		ShopifyAPISecret:    strings.TrimSpace(getenv("SHOPIFY_API_SECRET")),
		Scopes:              splitList(r.str("SCOPES", DefaultScopes)),
		TokenEncryptionKeys: strings.TrimSpace(getenv("TOKEN_ENCRYPTION_KEYS")),
		ShopifyAdminURL:     r.origin(mode, "SHOPIFY_ADMIN_URL", "https://admin.shopify.com"),
		ShopifyShopURL:      r.shopURL(mode),
		AppBridgeURL:        r.absoluteURL(mode, "APP_BRIDGE_URL", "https://cdn.shopify.com/shopifycloud/app-bridge.js"),
		SMTP:                r.smtp("SMTP_URL"),
		ZendeskURL:          r.helpdeskURL("ZENDESK_URL", "https://{subdomain}.zendesk.com", "{subdomain}"),
		GorgiasURL:          r.helpdeskURL("GORGIAS_URL", "https://{account}.gorgias.com", "{account}"),
		TwilioURL:           r.apiURL("TWILIO_URL", "https://api.twilio.com"),
		LogLevel:            r.level("LOG_LEVEL"),

		ModelEndpointsAllowPrivate: r.boolean("MODEL_ENDPOINTS_ALLOW_PRIVATE", mode == Dev),
		LogFormat:                  r.oneOf("LOG_FORMAT", defaultLogFormat(mode), "json", "text"),
		RequestTimeout:             r.duration("REQUEST_TIMEOUT", 20*time.Second),
		ShutdownTimeout:            r.duration("SHUTDOWN_TIMEOUT", 10*time.Second),

		DatabaseStatementTimeout:         r.duration("DATABASE_STATEMENT_TIMEOUT", 10*time.Second),
		DatabaseIdleInTransactionTimeout: r.duration("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT", 10*time.Second),
	}
	if mode == Serve {
		r.require("DATABASE_URL", cfg.DatabaseURL, "serve needs a database; use `hubchat dev` for a local one")
		r.require("SHOPIFY_API_KEY", cfg.ShopifyAPIKey, "")
		r.require("SHOPIFY_API_SECRET", cfg.ShopifyAPISecret, "")
		r.require("TOKEN_ENCRYPTION_KEYS", cfg.TokenEncryptionKeys, "")
	}
	if cfg.TokenEncryptionKeys != "" {
		if _, err := seal.ParseKeyring(cfg.TokenEncryptionKeys); err != nil {
			r.fail("TOKEN_ENCRYPTION_KEYS is not valid: %v", err)
		}
	}
	if len(cfg.Scopes) == 0 {
		r.fail("SCOPES must name at least one scope")
	}
	if mode != Serve {
		cfg.ShopifyAPIKey = orDefault(cfg.ShopifyAPIKey, DevAPIKey)
		cfg.ShopifyAPISecret = orDefault(cfg.ShopifyAPISecret, DevAPISecret)
	}
	cfg.AppURL = r.appURL(mode, cfg.Port)
	cfg.Local = r.localShopify(mode, cfg.Port)
	cfg.LocalHelpdesks = LocalHelpdesks{
		Zendesk: mode == Dev && strings.TrimSpace(getenv("ZENDESK_URL")) == "",
		Gorgias: mode == Dev && strings.TrimSpace(getenv("GORGIAS_URL")) == "",
	}
	cfg.LocalTwilio = r.localTwilio(mode, cfg.Port)
	return cfg, errors.Join(r.errs...)
}

func defaultLogFormat(mode Mode) string {
	if mode == Serve {
		return "json"
	}
	return "text"
}
