package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// CustomerOrder is one of a signed-in customer's orders as the AI agent
// tells its status.
type CustomerOrder struct {
	ShopifyID         int64
	Name              string // "#1001"
	FinancialStatus   string // REST spelling: "paid", "refunded", …
	FulfillmentStatus string // "fulfilled", "partial", …; "" while unfulfilled
	CancelledAt       *time.Time
	CreatedAt         time.Time
	Tracking          []Tracking
	// Total is the order's total in the shop's currency ("489.00"), as
	// Shopify's total_price gives it; Currency its ISO code.
	Total    string
	Currency string
	// Items are the titles of its line items, as the order listed them
	// (Shopify sends the first ten): what a shopper names when asking of
	// "the kettle I ordered".
	Items []string
}

// MaxCustomerOrders is the most orders CustomerOrders returns.
const MaxCustomerOrders = 50

// CustomerOrders returns the newest orders (at most limit, at most
// MaxCustomerOrders) of the shop's customer with Shopify id customerID,
// newest first. Only that customer's orders are ever read: a guest order
// with the same email is not theirs to see from a chat.
func (s *Orders) CustomerOrders(ctx context.Context, shopID, customerID int64, limit int) ([]CustomerOrder, error) {
	if customerID <= 0 || limit < 1 {
		return nil, fmt.Errorf("orders of customer %d, %d of them: %w", customerID, limit, ErrInvalid)
	}
	var rows []struct {
		ShopifyID         int64      `db:"shopify_id"`
		Name              string     `db:"name"`
		FinancialStatus   string     `db:"financial_status"`
		FulfillmentStatus string     `db:"fulfillment_status"`
		CancelledAt       *time.Time `db:"cancelled_at"`
		CreatedAt         time.Time  `db:"created_at"`
		Tracking          []byte     `db:"tracking"`
		Total             string     `db:"total"`
		Currency          string     `db:"currency"`
		LineItems         []byte     `db:"line_items"`
	}
	err := s.db.SelectContext(ctx, &rows, `
		SELECT shopify_id, name, financial_status, fulfillment_status, cancelled_at, created_at, tracking,
			total::text AS total, currency, line_items
		FROM orders WHERE shop_id = $1 AND shopify_customer_id = $2
		ORDER BY created_at DESC, shopify_id DESC LIMIT $3`, shopID, customerID, min(limit, MaxCustomerOrders))
	if err != nil {
		return nil, fmt.Errorf("orders of customer %d: %w", customerID, err)
	}
	out := make([]CustomerOrder, 0, len(rows))
	for _, r := range rows {
		o := CustomerOrder{ShopifyID: r.ShopifyID, Name: r.Name, FinancialStatus: r.FinancialStatus,
			FulfillmentStatus: r.FulfillmentStatus, CancelledAt: r.CancelledAt, CreatedAt: r.CreatedAt,
			Total: r.Total, Currency: r.Currency}
		if err := json.Unmarshal(r.Tracking, &o.Tracking); err != nil {
			return nil, fmt.Errorf("tracking of order %d: %w", r.ShopifyID, err)
		}
		if o.Items, err = itemTitles(r.LineItems); err != nil {
			return nil, fmt.Errorf("line items of order %d: %w", r.ShopifyID, err)
		}
		out = append(out, o)
	}
	return out, nil
}

// itemTitles are the titles of an order's stored line items: the REST
// webhook's objects and the backfill's both carry "title".
func itemTitles(lineItems []byte) ([]string, error) {
	var items []struct {
		Title string `json:"title"`
	}
	if err := json.Unmarshal(lineItems, &items); err != nil {
		return nil, err
	}
	var titles []string
	for _, it := range items {
		if it.Title != "" {
			titles = append(titles, it.Title)
		}
	}
	return titles, nil
}

// trackingJSON is t as the tracking column stores it.
func trackingJSON(t []Tracking) []byte {
	if len(t) == 0 {
		return []byte("[]")
	}
	// Marshalling a slice of plain string structs cannot fail.
	b, _ := json.Marshal(t)
	return b
}
