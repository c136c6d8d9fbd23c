package faults

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"hubchat/app/config"
	"hubchat/app/loadtest"
	"hubchat/shopify"
)

// orderEvent is one change of an order, as Shopify reports it.
type orderEvent struct {
	topic, financial string
	fulfillment      any
	after            time.Duration // its updated_at, after the order's creation
	late             bool          // delivered a day after it happened
}

// orderLife is each order's changes: created, authorized, paid (delivered
// a day late) and fulfilled. Its newest state is paid/fulfilled.
var orderLife = []orderEvent{
	{topic: "orders/create", financial: "pending"},
	{topic: "orders/updated", financial: "authorized", after: time.Hour},
	{topic: "orders/paid", financial: "paid", after: 90 * time.Minute, late: true},
	{topic: "orders/updated", financial: "paid", fulfillment: "fulfilled", after: 2 * time.Hour},
}

// webhookDelivery is one POST to /webhooks.
type webhookDelivery struct {
	order              int64
	event              orderEvent
	webhookID, eventID string
}

// Shopify's order webhooks arrive through the real intake of a running
// hubchat shuffled, each delivered twice (a retry with the same webhook
// id), every third again under a new webhook id (one event in two
// deliveries), the payments a day late, from many senders at once: each
// order ends in its newest state and each event is recorded once.
func TestFaultWebhooksReorderedDuplicatedLate(t *testing.T) {
	r := newRig(t, 1)
	target := r.target(r.instances[0])
	const orders = 40
	plan := webhookPlan(orders)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	acked, failed := deliverAll(ctx, target, r.client, plan, 16)
	if failed > 0 {
		t.Fatalf("%d deliveries refused or unanswered", failed)
	}
	shop := r.count(`SELECT id FROM shops WHERE domain = $1`, target.Shop)
	distinct := orders * len(orderLife)
	eventually(t, time.Minute, "every delivery processed", func() bool {
		return r.count(`SELECT count(*) FROM jobs WHERE kind = 'webhook.process' AND status IN ('queued', 'running')`) == 0
	})
	took := time.Since(start)
	stored := r.count(`SELECT count(*) FROM webhook_deliveries WHERE shop_domain = $1 AND webhook_id LIKE 'fault-%'`, target.Shop)
	newest := r.count(`SELECT count(*) FROM orders WHERE shop_id = $1 AND shopify_id >= $2 AND shopify_id < $2 + $3
		AND financial_status = 'paid' AND fulfillment_status = 'fulfilled'`, shop, firstFaultOrder, orders)
	recorded := r.count(`SELECT count(*) FROM (SELECT DISTINCT data->>'order_id', kind FROM profile_events
		WHERE shop_id = $1 AND kind IN ('order_placed', 'order_paid', 'order_fulfilled') AND (data->>'order_id')::bigint >= $2) e`, shop, firstFaultOrder)
	events := r.count(`SELECT count(*) FROM profile_events WHERE shop_id = $1
		AND kind IN ('order_placed', 'order_paid', 'order_fulfilled') AND (data->>'order_id')::bigint >= $2`, shop, firstFaultOrder)
	parked := r.count(`SELECT count(*) FROM jobs WHERE kind = 'webhook.process' AND status = 'parked'`)
	t.Logf("FIGURES | webhooks reordered, duplicated, a day late | sent %d | acknowledged %d | distinct events %d | stored %d | orders in their newest state %d of %d | order events recorded %d (distinct %d, want %d) | parked %d | all processed in %s",
		len(plan), acked, distinct, stored, newest, orders, events, recorded, orders*3, parked, took.Round(100*time.Millisecond))
	if stored != distinct {
		t.Errorf("%d deliveries stored, want the %d distinct events once each", stored, distinct)
	}
	if newest != orders {
		t.Errorf("%d of %d orders in their newest state (paid/fulfilled)", newest, orders)
	}
	if events != orders*3 || recorded != orders*3 {
		t.Errorf("%d order events recorded (%d distinct), want placed, paid and fulfilled once per order: %d", events, recorded, orders*3)
	}
	if parked != 0 {
		t.Errorf("%d deliveries parked", parked)
	}
}

// firstFaultOrder is the first order id of the scenario, far from the
// demo shop's.
const firstFaultOrder = 8_800_000_000

// webhookPlan is every order's events, each delivered twice under its
// webhook id and every third once more under a new one, shuffled.
func webhookPlan(orders int) []webhookDelivery {
	var plan []webhookDelivery
	for o := range orders {
		for i, e := range orderLife {
			d := webhookDelivery{order: firstFaultOrder + int64(o), event: e,
				webhookID: fmt.Sprintf("fault-w%d-%d", o, i), eventID: fmt.Sprintf("fault-e%d-%d", o, i)}
			plan = append(plan, d, d)
			if (o*len(orderLife)+i)%3 == 0 {
				again := d
				again.webhookID += "-again"
				plan = append(plan, again)
			}
		}
	}
	rng := rand.New(rand.NewPCG(16, 13))
	rng.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })
	return plan
}

// deliverAll posts the plan from senders at once and counts the
// deliveries acknowledged (200) and the others.
func deliverAll(ctx context.Context, target loadtest.Target, client *http.Client, plan []webhookDelivery, senders int) (acked, failed int) {
	queue := make(chan webhookDelivery)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range queue {
				err := deliverOrderWebhook(ctx, target, client, d)
				mu.Lock()
				if err != nil {
					failed++
				} else {
					acked++
				}
				mu.Unlock()
			}
		}()
	}
	for _, d := range plan {
		queue <- d
	}
	close(queue)
	wg.Wait()
	return acked, failed
}

// orderCreated is when every order of the scenario was placed.
var orderCreated = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

// deliverOrderWebhook posts one delivery, signed as Shopify signs it.
func deliverOrderWebhook(ctx context.Context, target loadtest.Target, client *http.Client, d webhookDelivery) error {
	body, _ := json.Marshal(map[string]any{
		"id": d.order, "name": fmt.Sprintf("#F%d", d.order%100_000), "email": "ada@example.com", "total_price": "89.00",
		"currency": "USD", "financial_status": d.event.financial, "fulfillment_status": d.event.fulfillment, "cancelled_at": nil,
		"created_at": orderCreated, "updated_at": orderCreated.Add(d.event.after),
		"customer":        map[string]any{"id": 880_000 + d.order%100, "email": "ada@example.com"},
		"note_attributes": []any{},
		"line_items":      []any{map[string]any{"product_id": 1, "title": "Mug", "quantity": 1, "price": "89.00"}},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.Bases[0]+"/webhooks", bytes.NewReader(body))
	if err != nil {
		return err
	}
	triggered := time.Now().UTC()
	if d.event.late {
		triggered = triggered.Add(-24 * time.Hour)
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("X-Shopify-Hmac-Sha256", shopify.SignWebhook(body, config.DevAPISecret))
	h.Set("X-Shopify-Topic", d.event.topic)
	h.Set("X-Shopify-Shop-Domain", target.Shop)
	h.Set("X-Shopify-API-Version", "2026-10")
	h.Set("X-Shopify-Webhook-Id", d.webhookID)
	h.Set("X-Shopify-Event-Id", d.eventID)
	h.Set("X-Shopify-Triggered-At", triggered.Format(time.RFC3339Nano))
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d", d.webhookID, resp.StatusCode)
	}
	return nil
}
