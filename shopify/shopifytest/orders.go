package shopifytest

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// OrderPayload is o as Shopify's orders/* webhooks carry it: the REST JSON
// (lower-case statuses, a null fulfillment_status while unfulfilled, no
// customer for a guest).
func (s *DemoShop) OrderPayload(o DemoOrder) map[string]any {
	info := s.Info()
	lines := make([]map[string]any, 0, len(o.LineItems))
	for _, li := range o.LineItems {
		lines = append(lines, map[string]any{"product_id": li.ProductID, "title": li.Title, "quantity": li.Quantity, "price": li.Price})
	}
	p := map[string]any{
		"id": o.ID, "name": o.Name(), "order_number": o.Number, "total_price": o.Total(), "currency": info.Currency,
		"financial_status": strings.ToLower(o.FinancialStatus), "fulfillment_status": nil,
		"created_at": o.CreatedAt.Format(time.RFC3339), "updated_at": o.UpdatedAt.Format(time.RFC3339),
		"cancelled_at": nil, "line_items": lines, "note_attributes": []any{}, "email": "",
		"fulfillments": orderFulfillments(o),
	}
	if o.FulfillmentStatus != "UNFULFILLED" {
		p["fulfillment_status"] = strings.ToLower(o.FulfillmentStatus)
	}
	if o.CancelledAt != nil {
		p["cancelled_at"] = o.CancelledAt.Format(time.RFC3339)
	}
	if c, ok := s.Customer(o.CustomerID); ok {
		p["email"] = c.Email
		p["customer"] = map[string]any{"id": c.ID, "email": c.Email, "first_name": c.FirstName, "last_name": c.LastName}
	}
	return p
}

// orderFulfillments are o's fulfillments in the REST JSON: each with its
// tracking both as the first value and as lists, null or empty when none.
func orderFulfillments(o DemoOrder) []map[string]any {
	out := []map[string]any{}
	for i, f := range o.Fulfillments {
		v := map[string]any{"id": o.ID*100 + int64(i) + 1, "order_id": o.ID, "status": "success",
			"created_at": o.UpdatedAt.Format(time.RFC3339), "updated_at": o.UpdatedAt.Format(time.RFC3339),
			"shipment_status": nil, "tracking_company": nil, "tracking_number": nil, "tracking_numbers": []string{},
			"tracking_url": nil, "tracking_urls": []string{}}
		if f.TrackingCompany != "" {
			v["tracking_company"] = f.TrackingCompany
		}
		if f.TrackingNumber != "" {
			v["tracking_number"], v["tracking_numbers"] = f.TrackingNumber, []string{f.TrackingNumber}
		}
		if f.TrackingURL != "" {
			v["tracking_url"], v["tracking_urls"] = f.TrackingURL, []string{f.TrackingURL}
		}
		out = append(out, v)
	}
	return out
}

// PlaceOrder does what a checkout does: it adds a paid, unfulfilled order
// of the customer (0: a guest) to the demo shop and, like Shopify, delivers
// orders/create and then orders/paid to the app.
func (s *Shopify) PlaceOrder(ctx context.Context, customerID int64, items []DemoLineItem) (DemoOrder, error) {
	now := s.cfg.Now().UTC().Truncate(time.Second)
	o, err := s.Shop.AddOrder(DemoOrder{CustomerID: customerID, CreatedAt: now, UpdatedAt: now,
		FinancialStatus: "PAID", FulfillmentStatus: "UNFULFILLED", LineItems: items})
	if err != nil {
		return DemoOrder{}, err
	}
	payload := s.Shop.OrderPayload(o)
	for _, topic := range []string{"orders/create", "orders/paid"} {
		if _, err := s.Webhooks.Send(ctx, Webhook{Topic: topic, Shop: s.Shop.Info().Domain, Payload: payload, TriggeredAt: now}); err != nil {
			return o, fmt.Errorf("place order %s: %w", o.Name(), err)
		}
	}
	return o, nil
}
