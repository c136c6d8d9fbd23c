package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
)

// Order is an order as one of Shopify's webhooks describes it.
type Order struct {
	ShopifyID         int64
	Name              string // "#1001"
	CustomerID        int64  // 0 for a guest checkout
	Email             string
	Total, Currency   string
	FinancialStatus   string // as Shopify's REST payloads spell it: "paid", "refunded", …
	FulfillmentStatus string // "" while unfulfilled
	CancelledAt       *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
	NoteAttributes    json.RawMessage // nil: none
	LineItems         json.RawMessage // nil: none
	// Tracking is where its fulfillments that were not cancelled are, as
	// far as Shopify knows (nil: none yet).
	Tracking []Tracking
}

// Tracking is a shipment's tracking: any of its fields may be empty.
type Tracking struct {
	Company string `json:"company,omitempty"`
	Number  string `json:"number,omitempty"`
	URL     string `json:"url,omitempty"`
}

// Refund is a refund of an order (refunds/create).
type Refund struct {
	ShopifyID      int64
	OrderShopifyID int64
	Amount         string
	CreatedAt      time.Time
}

// Orders stores the shops' orders and the events they mean for a profile.
type Orders struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewOrders returns the order store.
func NewOrders(db *sqlx.DB, now func() time.Time) *Orders { return &Orders{db: db, now: now} }

// Save records what Shopify said about an order, in one transaction: the
// customer's profile (created on first sight), the order's state unless the
// stored one is as new or newer (updated_at), and the events it shows (placed,
// paid, fulfilled, cancelled), each recorded once however often and in
// whatever order deliveries come. applied is false when the stored state was
// kept.
func (s *Orders) Save(ctx context.Context, shopID int64, o Order) (applied bool, err error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return false, fmt.Errorf("save order %d: %w", o.ShopifyID, err)
	}
	defer tx.Rollback()
	all, err := saveOrders(ctx, tx, shopID, []Order{o}, s.now())
	if err != nil {
		return false, err
	}
	return all[0], tx.Commit()
}

// SaveAttributed is Save followed by Attribution.AttributeOrder, in the same
// transaction: one commit (one WAL flush) for the order and its credit, and
// never an order stored without its decision. The decision is made even
// when the stored state was newer: deciding is idempotent.
func (s *Orders) SaveAttributed(ctx context.Context, shopID int64, o Order) (applied bool, err error) {
	all, err := s.SaveAllAttributed(ctx, shopID, []Order{o})
	if err != nil {
		return false, err
	}
	return all[0], nil
}

// RecordRefund records a refund as an event of the order's customer. It is
// a not-found error while the order is unknown (its delivery may still come:
// the caller retries); a guest's refund records nothing.
func (s *Orders) RecordRefund(ctx context.Context, shopID int64, r Refund) error {
	var o struct {
		ProfileID *int64 `db:"profile_id"`
		Name      string `db:"name"`
		Currency  string `db:"currency"`
	}
	err := s.db.GetContext(ctx, &o, `SELECT profile_id, name, currency FROM orders WHERE shop_id = $1 AND shopify_id = $2`,
		shopID, r.OrderShopifyID)
	if err != nil {
		return notFound(err, "order %d of refund %d", r.OrderShopifyID, r.ShopifyID)
	}
	if o.ProfileID == nil {
		return nil
	}
	e := newEvent(EventOrderRefunded, "refund:"+strconv.FormatInt(r.ShopifyID, 10), r.CreatedAt,
		eventData{OrderID: r.OrderShopifyID, Name: o.Name, Amount: r.Amount, Currency: o.Currency})
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("record refund %d: %w", r.ShopifyID, err)
	}
	defer tx.Rollback()
	if err := recordEvent(ctx, tx, shopID, *o.ProfileID, e); err != nil {
		return err
	}
	return tx.Commit()
}

// customerProfile is the id of the customer's profile, created on first
// sight: an order tells of a customer before any chat or customers/create.
// Its email fills a profile that has none yet.
func customerProfile(ctx context.Context, tx *sqlx.Tx, shopID, customerID int64, email string, now time.Time) (int64, error) {
	var id int64
	err := tx.GetContext(ctx, &id, `
		INSERT INTO profiles (shop_id, shopify_customer_id, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (shop_id, shopify_customer_id) DO UPDATE
			SET email = CASE WHEN profiles.email = '' THEN EXCLUDED.email ELSE profiles.email END
		RETURNING id`, shopID, customerID, email, now)
	if err != nil {
		return 0, fmt.Errorf("profile of customer %d: %w", customerID, err)
	}
	return id, nil
}

// orderEvents are the events an order's state shows.
func orderEvents(o Order) []newProfileEvent {
	src := "order:" + strconv.FormatInt(o.ShopifyID, 10) + ":"
	data := eventData{OrderID: o.ShopifyID, Name: o.Name, Amount: orZero(o.Total), Currency: o.Currency}
	events := []newProfileEvent{newEvent(EventOrderPlaced, src+"placed", o.CreatedAt, data)}
	switch o.FinancialStatus {
	case "paid", "partially_refunded", "refunded":
		// Shopify's payload does not say when it was paid; the state's
		// time is the closest it tells.
		events = append(events, newEvent(EventOrderPaid, src+"paid", o.UpdatedAt, data))
	}
	if o.FulfillmentStatus == "fulfilled" {
		events = append(events, newEvent(EventOrderFulfilled, src+"fulfilled", o.UpdatedAt, data))
	}
	if o.CancelledAt != nil {
		events = append(events, newEvent(EventOrderCancelled, src+"cancelled", *o.CancelledAt, data))
	}
	return events
}

func jsonOr(b json.RawMessage, empty string) []byte {
	if len(b) == 0 || string(b) == "null" {
		return []byte(empty)
	}
	return b
}
