// Package chat holds the rules of the storefront chat (SPEC §1) as plain Go:
// office hours and automatic replies, the conversation lifecycle, what the
// shopper's widget shows, message validation, read receipts and the message
// rate limit. Nothing here touches HTTP or SQL, and nothing reads the clock:
// every rule that depends on time takes "now" (or the instant to judge) as an
// argument, so storage and handlers decide the clock and tests can move it.
package chat
