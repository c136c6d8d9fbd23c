// Package loadtest is hubchat's load tool: it drives a running hubchat the
// way its real clients do and measures it against the performance budgets
// (DESIGN §7). Shoppers get tokens through signed app-proxy session
// requests, hold fetch-style event streams with their bearer token and post
// messages; agents hold the inbox stream and reply through the admin API
// with session tokens signed as Shopify's admin signs them; webhooks
// arrive signed as Shopify signs them. Every message carries a client id,
// and every recipient's stream is checked to deliver each message it should
// exactly once (Ledger).
//
// The tool either targets an operator's deployment (its URL, the app's API
// key and secret, optionally its database for the floor and the webhook
// lag) or starts hubchat itself: a private PostgreSQL on loopback and one
// or two `hubchat dev` processes on it, each in its own process group that
// is killed when the run ends.
//
// Each scenario is bounded in time; the figures land in one budget table
// (Table) beside the machine's floor: one INSERT; NOTIFY commit seen by a
// LISTEN connection, and an empty event-stream round trip on the same server.
package loadtest
