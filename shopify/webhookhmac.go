package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"time"
)

// Webhook header names, as Shopify sends them. Header lookups must be
// case-insensitive (net/http and Fiber both are).
const (
	HeaderWebhookHMAC        = "X-Shopify-Hmac-Sha256"
	HeaderWebhookTopic       = "X-Shopify-Topic"
	HeaderWebhookShopDomain  = "X-Shopify-Shop-Domain"
	HeaderWebhookAPIVersion  = "X-Shopify-API-Version"
	HeaderWebhookID          = "X-Shopify-Webhook-Id"
	HeaderWebhookEventID     = "X-Shopify-Event-Id"
	HeaderWebhookTriggeredAt = "X-Shopify-Triggered-At"
)

// VerifyWebhook checks X-Shopify-Hmac-Sha256 (headerHMAC): the standard
// base64 HMAC-SHA256 of the raw request body, keyed with the client secret.
// rawBody must be the bytes as received, before any JSON decoding. It
// returns nil or an error wrapping ErrInvalidHMAC (answer 401).
//
// The header is compared as a string, as Shopify's library does, rather than
// decoded first: that way a non-canonical base64 spelling of the right bytes
// is refused by both. An empty body is refused too, as the library does:
// every Shopify webhook carries a JSON payload.
func VerifyWebhook(rawBody []byte, headerHMAC string, secret string) error {
	if len(rawBody) == 0 {
		return fmt.Errorf("webhook: %w: empty body", ErrInvalidHMAC)
	}
	if headerHMAC == "" {
		return fmt.Errorf("webhook: %w: no %s header", ErrInvalidHMAC, HeaderWebhookHMAC)
	}
	if !equalConstantTime(headerHMAC, SignWebhook(rawBody, secret)) {
		return fmt.Errorf("webhook: %w: body signature does not match", ErrInvalidHMAC)
	}
	return nil
}

// SignWebhook returns the X-Shopify-Hmac-Sha256 value Shopify would send
// with body. The fake Shopify uses it to deliver webhooks.
func SignWebhook(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// WebhookHeaders are the delivery facts Shopify sends beside a webhook body.
type WebhookHeaders struct {
	// Topic is e.g. "orders/create" or "app/uninstalled".
	Topic string
	// ShopDomain is the canonical (lowercase) myshopify.com domain.
	ShopDomain string
	// APIVersion is the version the payload is shaped by, e.g. "2026-10".
	APIVersion string
	// WebhookID identifies one delivery; a retry of it keeps the same id,
	// so it is the key to drop duplicates on.
	WebhookID string
	// EventID identifies the event behind the delivery; several
	// subscriptions can deliver the same event. Empty when absent.
	EventID string
	// TriggeredAt is when the event happened, to order deliveries that
	// arrive out of order. Zero when absent or unparsable: it only orders,
	// and refusing a genuine delivery over its format would make Shopify
	// retry it for hours.
	TriggeredAt time.Time
}

// ParseWebhookHeaders reads the webhook headers through get (a
// case-insensitive header getter such as http.Header.Get or Fiber's
// c.Get). It requires the topic, a valid shop domain, the API version and
// the webhook id — the headers Shopify's library also requires — and
// returns an error wrapping ErrMissingWebhookHeader (answer 400) otherwise.
// Verify the HMAC first: an unsigned request deserves 401, not 400.
func ParseWebhookHeaders(get func(string) string) (WebhookHeaders, error) {
	h := WebhookHeaders{
		Topic:      strings.TrimSpace(get(HeaderWebhookTopic)),
		APIVersion: strings.TrimSpace(get(HeaderWebhookAPIVersion)),
		WebhookID:  strings.TrimSpace(get(HeaderWebhookID)),
		EventID:    strings.TrimSpace(get(HeaderWebhookEventID)),
	}
	var missing []string
	for _, f := range []struct{ name, value string }{
		{HeaderWebhookTopic, h.Topic},
		{HeaderWebhookShopDomain, get(HeaderWebhookShopDomain)},
		{HeaderWebhookAPIVersion, h.APIVersion},
		{HeaderWebhookID, h.WebhookID},
	} {
		if f.value == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return WebhookHeaders{}, fmt.Errorf("webhook: %w: %s", ErrMissingWebhookHeader, strings.Join(missing, ", "))
	}
	shop, err := NormalizeShopDomain(get(HeaderWebhookShopDomain))
	if err != nil {
		return WebhookHeaders{}, fmt.Errorf("webhook: %w: %s: %w", ErrMissingWebhookHeader, HeaderWebhookShopDomain, err)
	}
	h.ShopDomain = shop
	if t, err := time.Parse(time.RFC3339Nano, get(HeaderWebhookTriggeredAt)); err == nil {
		h.TriggeredAt = t
	}
	return h, nil
}
