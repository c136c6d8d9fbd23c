package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/jmoiron/sqlx"
)

// SaveAllAttributed is SaveAttributed for several of the shop's orders in
// one transaction: one commit for all, one statement writing their states
// and one deciding their attribution. The same order may come more than
// once: its newest state is kept, and each state's events recorded. It
// fails as a whole; a caller that wants one bad order to fail alone saves
// them one by one then. applied[i] is Save's applied for orders[i].
func (s *Orders) SaveAllAttributed(ctx context.Context, shopID int64, orders []Order) (applied []bool, err error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return nil, fmt.Errorf("save %d orders: %w", len(orders), err)
	}
	defer tx.Rollback()
	if applied, err = saveOrders(ctx, tx, shopID, orders, s.now()); err != nil {
		return nil, err
	}
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ShopifyID
	}
	if err := attributeOrders(ctx, tx, shopID, ids, s.now()); err != nil {
		return nil, err
	}
	return applied, tx.Commit()
}

// orderRow is an order's state as saveOrders sends it to PostgreSQL.
type orderRow struct {
	ShopifyID         int64           `json:"shopify_id"`
	Name              string          `json:"name"`
	ProfileID         *int64          `json:"profile_id"`
	CustomerID        *int64          `json:"shopify_customer_id"`
	Email             string          `json:"email"`
	Total             string          `json:"total"`
	Currency          string          `json:"currency"`
	FinancialStatus   string          `json:"financial_status"`
	FulfillmentStatus string          `json:"fulfillment_status"`
	CancelledAt       *time.Time      `json:"cancelled_at"`
	CreatedAt         time.Time       `json:"created_at"`
	UpdatedAt         time.Time       `json:"updated_at"`
	NoteAttributes    json.RawMessage `json:"note_attributes"`
	LineItems         json.RawMessage `json:"line_items"`
	Tracking          json.RawMessage `json:"tracking"`
}

// saveOrders is Save for each of orders inside the caller's transaction:
// the customers' profiles, then every order's state in one statement (the
// newest of each order's states in orders, written in the orders' id
// order, so that two transactions sharing orders lock them in the same
// order and wait rather than deadlock), then the events of each state.
func saveOrders(ctx context.Context, tx *sqlx.Tx, shopID int64, orders []Order, now time.Time) ([]bool, error) {
	profiles := map[int64]int64{} // by customer id
	newest := map[int64]int{}     // index in orders of each order's newest state
	for i, o := range orders {
		if o.CustomerID != 0 {
			if _, ok := profiles[o.CustomerID]; !ok {
				id, err := customerProfile(ctx, tx, shopID, o.CustomerID, o.Email, now)
				if err != nil {
					return nil, err
				}
				profiles[o.CustomerID] = id
			}
		}
		if at, ok := newest[o.ShopifyID]; !ok || orders[at].UpdatedAt.Before(o.UpdatedAt) {
			newest[o.ShopifyID] = i
		}
	}
	rows := make([]orderRow, 0, len(newest))
	for _, i := range newest {
		rows = append(rows, newOrderRow(orders[i], profiles))
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].ShopifyID < rows[b].ShopifyID })
	doc, err := json.Marshal(rows)
	if err != nil {
		return nil, fmt.Errorf("save %d orders: %w", len(rows), err)
	}
	var written []int64
	err = tx.SelectContext(ctx, &written, `
		INSERT INTO orders (shop_id, shopify_id, name, profile_id, shopify_customer_id, email, total, currency,
			financial_status, fulfillment_status, cancelled_at, created_at, updated_at, note_attributes, line_items, tracking)
		SELECT $1, r.shopify_id, r.name, r.profile_id, r.shopify_customer_id, r.email, r.total::numeric, r.currency,
			r.financial_status, r.fulfillment_status, r.cancelled_at, r.created_at, r.updated_at,
			r.note_attributes, r.line_items, r.tracking
		FROM jsonb_to_recordset($2::jsonb) AS r(shopify_id bigint, name text, profile_id bigint, shopify_customer_id bigint,
			email text, total text, currency text, financial_status text, fulfillment_status text, cancelled_at timestamptz,
			created_at timestamptz, updated_at timestamptz, note_attributes jsonb, line_items jsonb, tracking jsonb)
		ORDER BY r.shopify_id
		ON CONFLICT (shop_id, shopify_id) DO UPDATE SET name = EXCLUDED.name,
			profile_id = coalesce(EXCLUDED.profile_id, orders.profile_id),
			shopify_customer_id = coalesce(EXCLUDED.shopify_customer_id, orders.shopify_customer_id),
			email = EXCLUDED.email, total = EXCLUDED.total, currency = EXCLUDED.currency,
			financial_status = EXCLUDED.financial_status, fulfillment_status = EXCLUDED.fulfillment_status,
			cancelled_at = EXCLUDED.cancelled_at, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
			note_attributes = EXCLUDED.note_attributes, line_items = EXCLUDED.line_items, tracking = EXCLUDED.tracking
		WHERE orders.updated_at < EXCLUDED.updated_at
		RETURNING shopify_id`, shopID, string(doc))
	if err != nil {
		return nil, fmt.Errorf("save %d orders: %w", len(rows), err)
	}
	applied := make([]bool, len(orders))
	for _, id := range written {
		applied[newest[id]] = true // a stored state as new or newer kept: not written, not applied
	}
	// Events are facts, not state: a late delivery still shows that the
	// order was paid, say, and the source id keeps each to one row.
	for _, o := range orders {
		if profileID, ok := profiles[o.CustomerID]; ok {
			for _, e := range orderEvents(o) {
				if err := recordEvent(ctx, tx, shopID, profileID, e); err != nil {
					return nil, err
				}
			}
		}
	}
	return applied, nil
}

// newOrderRow is o as saveOrders writes it, with its customer's profile.
func newOrderRow(o Order, profiles map[int64]int64) orderRow {
	r := orderRow{ShopifyID: o.ShopifyID, Name: o.Name, Email: o.Email, Total: orZero(o.Total), Currency: o.Currency,
		FinancialStatus: o.FinancialStatus, FulfillmentStatus: o.FulfillmentStatus, CancelledAt: o.CancelledAt,
		CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, NoteAttributes: jsonOr(o.NoteAttributes, "[]"),
		LineItems: jsonOr(o.LineItems, "[]"), Tracking: trackingJSON(o.Tracking)}
	if id, ok := profiles[o.CustomerID]; ok {
		customer := o.CustomerID
		r.ProfileID, r.CustomerID = &id, &customer
	}
	return r
}
