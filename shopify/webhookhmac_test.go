package shopify

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestVerifyWebhook(t *testing.T) {
	const secret = "shpss_hook"
	body := []byte(`{"id":1,"note":"héllo wörld 😀"}`)
	good := SignWebhook(body, secret)
	flipped := []byte(strings.Replace(good, good[:1], string(good[0]^1), 1))
	tests := []struct {
		name string
		body []byte
		hmac string
		ok   bool
	}{
		{"valid", body, good, true},
		{"empty body, signed", nil, SignWebhook(nil, secret), false},
		{"one-byte body", []byte("{"), SignWebhook([]byte("{"), secret), true},
		{"body changed", append([]byte(`{"id":2`), body[7:]...), good, false},
		{"body re-encoded", []byte(`{"id": 1,"note":"héllo wörld 😀"}`), good, false},
		{"trailing newline", append(append([]byte{}, body...), '\n'), good, false},
		{"hmac flipped", body, string(flipped), false},
		{"hmac hex instead of base64", body, hmacHex(secret, string(body)), false},
		{"hmac unpadded", body, strings.TrimRight(good, "="), false},
		{"hmac of other secret", body, SignWebhook(body, "other"), false},
		{"hmac missing", body, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifyWebhook(tt.body, tt.hmac, secret)
			if tt.ok && err != nil {
				t.Fatalf("VerifyWebhook = %v, want nil", err)
			}
			if !tt.ok && !errors.Is(err, ErrInvalidHMAC) {
				t.Fatalf("VerifyWebhook = %v, want ErrInvalidHMAC", err)
			}
		})
	}
}

func TestParseWebhookHeaders(t *testing.T) {
	full := func() http.Header {
		h := http.Header{}
		h.Set("X-Shopify-Topic", "orders/create")
		h.Set("X-Shopify-Shop-Domain", "My-Shop.myshopify.com")
		h.Set("X-Shopify-API-Version", "2026-10")
		h.Set("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
		h.Set("X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5")
		h.Set("X-Shopify-Triggered-At", "2026-03-29T18:00:27.877041743Z")
		return h
	}
	h, err := ParseWebhookHeaders(full().Get)
	if err != nil {
		t.Fatalf("ParseWebhookHeaders = %v", err)
	}
	want := WebhookHeaders{
		Topic:       "orders/create",
		ShopDomain:  "my-shop.myshopify.com",
		APIVersion:  "2026-10",
		WebhookID:   "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
		EventID:     "98880550-7158-44d4-b7cd-2c97c8a091b5",
		TriggeredAt: time.Date(2026, 3, 29, 18, 0, 27, 877041743, time.UTC),
	}
	if !h.TriggeredAt.Equal(want.TriggeredAt) {
		t.Fatalf("TriggeredAt = %v, want %v", h.TriggeredAt, want.TriggeredAt)
	}
	h.TriggeredAt = want.TriggeredAt
	if h != want {
		t.Fatalf("ParseWebhookHeaders = %+v, want %+v", h, want)
	}

	optional := full()
	optional.Del("X-Shopify-Event-Id")
	optional.Set("X-Shopify-Triggered-At", "yesterday")
	h, err = ParseWebhookHeaders(optional.Get)
	if err != nil || h.EventID != "" || !h.TriggeredAt.IsZero() {
		t.Fatalf("without optional headers: %+v, %v", h, err)
	}

	for _, tt := range []struct{ name, header, value string }{
		{"no topic", "X-Shopify-Topic", ""},
		{"no shop", "X-Shopify-Shop-Domain", ""},
		{"bad shop", "X-Shopify-Shop-Domain", "evil.com"},
		{"shop with scheme", "X-Shopify-Shop-Domain", "https://shop.myshopify.com"},
		{"no api version", "X-Shopify-API-Version", ""},
		{"no webhook id", "X-Shopify-Webhook-Id", ""},
		{"blank webhook id", "X-Shopify-Webhook-Id", "  "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hdr := full()
			hdr.Set(tt.header, tt.value)
			if got, err := ParseWebhookHeaders(hdr.Get); !errors.Is(err, ErrMissingWebhookHeader) {
				t.Fatalf("ParseWebhookHeaders = %+v, %v; want ErrMissingWebhookHeader", got, err)
			}
		})
	}
}
