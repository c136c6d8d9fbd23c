package shopify

import (
	"errors"
	"strconv"
)

// Sentinel errors returned (wrapped, with detail) by the verifiers. Match
// them with errors.Is.
var (
	// ErrInvalidShop means a shop domain is not a canonical
	// {name}.myshopify.com domain.
	ErrInvalidShop = errors.New("shopify: invalid shop domain")

	// ErrInvalidHost means the admin's base64 host parameter does not decode
	// to a Shopify admin location.
	ErrInvalidHost = errors.New("shopify: invalid host")

	// ErrInvalidHMAC means a query HMAC, app proxy signature or webhook HMAC
	// is missing, malformed or does not match. Map it to 401.
	ErrInvalidHMAC = errors.New("shopify: invalid hmac")

	// ErrStaleRequest means a signed request's timestamp is missing,
	// unparsable, or too far from the clock: a replay, or a badly skewed
	// clock. Map it to 401.
	ErrStaleRequest = errors.New("shopify: stale or missing timestamp")

	// ErrInvalidSessionToken means an App Bridge session token failed
	// verification. Map it to 401 with X-Shopify-Retry-Invalid-Session-Request.
	ErrInvalidSessionToken = errors.New("shopify: invalid session token")

	// ErrMissingWebhookHeader means a webhook lacks a header Shopify always
	// sends, or carries an invalid shop domain. Map it to 400.
	ErrMissingWebhookHeader = errors.New("shopify: missing or invalid webhook header")
)

// maxQuotedInput is how much of a refused input an error quotes: enough to
// recognise it in a log, never the megabytes a hostile request can send.
const maxQuotedInput = 64

// quoteInput quotes s for an error message, cut to maxQuotedInput bytes
// with its full length said when longer.
func quoteInput(s string) string {
	if len(s) <= maxQuotedInput {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxQuotedInput]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
