package loadtest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"hubchat/shopify"
)

// WebhookConfig shapes the webhook scenario: orders/create at Rate per
// second for Duration; every DuplicateEvery-th delivery is sent a second
// time (the same webhook id, as Shopify's retry) and every
// DuplicateEvery-th other one again under a new webhook id with the same
// event id (one event delivered twice).
type WebhookConfig struct {
	Rate           int
	Duration       time.Duration
	DuplicateEvery int
	// RunID keeps this run's ids apart from earlier runs on the database.
	RunID string
}

// WebhookResult is what the webhook scenario measured.
type WebhookResult struct {
	Sent, Unique, Acked, Errors int64
	FirstError                  string
	Ack                         Latencies
	SendElapsed                 time.Duration
	// With the database: deliveries stored (should equal Unique), orders
	// saved, how long after the last acknowledgement the last one was
	// processed (so far, when not Complete), and the processing rate.
	Stored, Processed, Orders int64
	Lag                       time.Duration
	ProcessedPerSecond        float64
	Complete                  bool
}

// webhookSend is one delivery.
type webhookSend struct {
	webhookID, eventID string
	order              int64
}

// RunWebhooks sends signed orders/create deliveries at the configured rate
// from a pool of concurrent senders and, with db, waits (at most a minute)
// until every unique event is processed.
func RunWebhooks(ctx context.Context, t Target, client *http.Client, db *sql.DB, cfg WebhookConfig) WebhookResult {
	var res WebhookResult
	sends, unique := webhookPlan(cfg)
	res.Sent, res.Unique = int64(len(sends)), unique
	queue := make(chan webhookSend, len(sends))
	var mu sync.Mutex
	var acks []time.Duration
	var wg sync.WaitGroup
	for range 256 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range queue {
				t0 := time.Now()
				err := postWebhook(ctx, t, client, t.Bases[int(s.order)%len(t.Bases)], s)
				d := time.Since(t0)
				mu.Lock()
				if err != nil {
					res.Errors++
					if res.FirstError == "" {
						res.FirstError = err.Error()
					}
				} else {
					acks = append(acks, d)
				}
				mu.Unlock()
			}
		}()
	}
	start := time.Now()
	interval := time.Second / time.Duration(cfg.Rate)
	for i, s := range sends {
		if wait := time.Until(start.Add(time.Duration(i) * interval)); wait > 0 {
			time.Sleep(wait)
		}
		queue <- s
	}
	close(queue)
	wg.Wait()
	lastAck := time.Now()
	res.SendElapsed = lastAck.Sub(start)
	res.Acked, res.Ack = int64(len(acks)), Summarise(acks)
	if db != nil {
		waitProcessed(ctx, db, t.Shop, cfg.RunID, res.Unique, lastAck, &res)
	}
	return res
}

// webhookPlan lists n deliveries in order, each duplicate right after
// its first delivery, and how many of them are unique events.
func webhookPlan(cfg WebhookConfig) ([]webhookSend, int64) {
	n := int(cfg.Duration.Seconds() * float64(cfg.Rate))
	var out []webhookSend
	var unique int64
	for i := 0; len(out) < n; i++ {
		s := webhookSend{webhookID: fmt.Sprintf("%s-w%d", cfg.RunID, i), eventID: fmt.Sprintf("%s-e%d", cfg.RunID, i), order: 7_000_000_000 + int64(i)}
		out = append(out, s)
		unique++
		if cfg.DuplicateEvery > 0 && i%cfg.DuplicateEvery == 0 && len(out) < n {
			again := s
			if (i/cfg.DuplicateEvery)%2 == 1 {
				again.webhookID += "-again" // the same event under a new webhook id
			}
			out = append(out, again)
		}
	}
	return out, unique
}

// postWebhook delivers one orders/create as Shopify does.
func postWebhook(ctx context.Context, t Target, client *http.Client, base string, s webhookSend) error {
	now := time.Now().UTC()
	body, _ := json.Marshal(map[string]any{
		"id": s.order, "name": "#L" + strconv.FormatInt(s.order, 10), "order_number": s.order % 1_000_000,
		"email": "", "customer": nil, "total_price": "42.00", "currency": "USD", "financial_status": "paid",
		"fulfillment_status": nil, "cancelled_at": nil, "created_at": now, "updated_at": now,
		"note_attributes": []any{}, "line_items": []any{}, "fulfillments": []any{},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/webhooks", bytes.NewReader(body))
	if err != nil {
		return err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("X-Shopify-Hmac-Sha256", shopify.SignWebhook(body, t.APISecret))
	h.Set("X-Shopify-Topic", "orders/create")
	h.Set("X-Shopify-Shop-Domain", t.Shop)
	h.Set("X-Shopify-API-Version", "2026-10")
	h.Set("X-Shopify-Webhook-Id", s.webhookID)
	h.Set("X-Shopify-Event-Id", s.eventID)
	h.Set("X-Shopify-Triggered-At", now.Format(time.RFC3339Nano))
	return doJSON(client, req, nil, http.StatusOK)
}

// waitProcessed polls the deliveries of the run until all unique ones are
// processed or a minute passes.
func waitProcessed(ctx context.Context, db *sql.DB, shop, runID string, unique int64, lastAck time.Time, res *WebhookResult) {
	deadline := time.Now().Add(time.Minute)
	for {
		var first, last sql.NullTime
		err := db.QueryRowContext(ctx, `SELECT count(*), count(processed_at), min(received_at), max(processed_at)
			FROM webhook_deliveries WHERE shop_domain = $1 AND webhook_id LIKE $2`, shop, runID+"-%").
			Scan(&res.Stored, &res.Processed, &first, &last)
		if err == nil && last.Valid {
			res.Lag = max(0, last.Time.Sub(lastAck))
			if d := last.Time.Sub(first.Time); d > 0 {
				res.ProcessedPerSecond = float64(res.Processed) / d.Seconds()
			}
		}
		if err == nil && res.Processed >= unique {
			res.Complete = true
			break
		}
		if err != nil || time.Now().After(deadline) || !sleepCtx(ctx, 200*time.Millisecond) {
			if err != nil {
				res.FirstError = err.Error()
			}
			break
		}
	}
	db.QueryRowContext(ctx, `SELECT count(*) FROM orders o JOIN shops s ON s.id = o.shop_id
		WHERE s.domain = $1 AND o.shopify_id >= 7000000000 AND o.shopify_id < 7000000000 + $2`, shop, unique).Scan(&res.Orders)
}
