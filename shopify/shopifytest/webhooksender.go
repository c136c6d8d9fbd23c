package shopifytest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"hubchat/shopify"
)

// Webhook is one webhook to deliver.
type Webhook struct {
	Topic string
	Shop  string
	// Payload is marshalled to JSON; Body, when set, is sent as is instead
	// (a malformed body, say).
	Payload any
	Body    []byte
	// WebhookID and EventID are random when empty. Shopify keeps both on a
	// retry; one event may reach the app in several deliveries with
	// different webhook ids but one event id.
	WebhookID, EventID string
	// TriggeredAt is when the event happened (default now); late deliveries
	// carry an old one.
	TriggeredAt time.Time
}

// WebhookResult says how a delivery went.
type WebhookResult struct {
	Webhook  Webhook // with its ids filled in, to redeliver it
	Attempts int
	Status   int // of the last attempt; 0 when it never connected
}

// WebhookSender delivers webhooks to the app as Shopify does: a JSON body,
// its base64 HMAC-SHA256 in X-Shopify-Hmac-Sha256, the X-Shopify-* headers,
// a 5 s limit per request, and retries with backoff on anything but 2xx
// (Shopify retries 8 times over 4 hours; the fake's backoff is quick).
type WebhookSender struct {
	URL        string
	APISecret  string
	APIVersion string
	// Attempts bounds the tries per delivery (default 9: one and 8 retries).
	Attempts int
	// Backoff is the wait before retry n (default 50 ms doubling, to 1 s).
	Backoff func(n int) time.Duration
	HTTP    *http.Client
	Now     func() time.Time

	mu   sync.Mutex
	sent []WebhookResult
}

// Send delivers w, retrying until the app answers 2xx or attempts run out.
func (s *WebhookSender) Send(ctx context.Context, w Webhook) (WebhookResult, error) {
	w = s.complete(w)
	body := w.Body
	if body == nil {
		var err error
		if body, err = json.Marshal(w.Payload); err != nil {
			return WebhookResult{Webhook: w}, fmt.Errorf("webhook %s payload: %w", w.Topic, err)
		}
	}
	res := WebhookResult{Webhook: w}
	var lastErr error
	for res.Attempts < s.attempts() {
		if res.Attempts > 0 {
			if err := sleep(ctx, s.backoff(res.Attempts)); err != nil {
				return res, err
			}
		}
		res.Attempts++
		res.Status, lastErr = s.post(ctx, w, body)
		if lastErr == nil && res.Status >= 200 && res.Status < 300 {
			s.record(res)
			return res, nil
		}
	}
	s.record(res)
	if lastErr == nil {
		lastErr = fmt.Errorf("status %d", res.Status)
	}
	return res, fmt.Errorf("webhook %s to %s failed after %d attempts: %w", w.Topic, s.URL, res.Attempts, lastErr)
}

// Sent lists the deliveries made so far.
func (s *WebhookSender) Sent() []WebhookResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]WebhookResult(nil), s.sent...)
}

func (s *WebhookSender) post(ctx context.Context, w Webhook, body []byte) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("X-Shopify-Hmac-Sha256", shopify.SignWebhook(body, s.APISecret))
	h.Set("X-Shopify-Topic", w.Topic)
	h.Set("X-Shopify-Shop-Domain", w.Shop)
	h.Set("X-Shopify-API-Version", s.APIVersion)
	h.Set("X-Shopify-Webhook-Id", w.WebhookID)
	h.Set("X-Shopify-Event-Id", w.EventID)
	h.Set("X-Shopify-Triggered-At", w.TriggeredAt.UTC().Format(time.RFC3339Nano))
	client := s.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (s *WebhookSender) complete(w Webhook) Webhook {
	if w.WebhookID == "" {
		w.WebhookID = randomToken("")
	}
	if w.EventID == "" {
		w.EventID = randomToken("")
	}
	if w.TriggeredAt.IsZero() {
		w.TriggeredAt = s.now()
	}
	return w
}

func (s *WebhookSender) record(r WebhookResult) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, r)
}

func (s *WebhookSender) attempts() int {
	if s.Attempts > 0 {
		return s.Attempts
	}
	return 9
}

func (s *WebhookSender) backoff(n int) time.Duration {
	if s.Backoff != nil {
		return s.Backoff(n)
	}
	return min(50*time.Millisecond<<(n-1), time.Second)
}

func (s *WebhookSender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
