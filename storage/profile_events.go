package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The kinds of a profile's events. Conversations started and closed are
// not stored here: the ticket page reads them from the conversations
// themselves, which already hold both times.
const (
	EventOrderPlaced    = "order_placed"
	EventOrderPaid      = "order_paid"
	EventOrderFulfilled = "order_fulfilled"
	EventOrderCancelled = "order_cancelled"
	EventOrderRefunded  = "order_refunded"
	EventProductClicked = "product_clicked"
	// An agent snoozed one of the shopper's tickets, or unsnoozed it.
	EventTicketSnoozed   = "ticket_snoozed"
	EventTicketUnsnoozed = "ticket_unsnoozed"
)

// ProfileEvent is one entry of a shopper's history.
type ProfileEvent struct {
	ID         int64     `db:"id"`
	Kind       string    `db:"kind"`
	OccurredAt time.Time `db:"occurred_at"`
	// For order events: the order's Shopify id and name, and the amount
	// (the total; the refund's amount for a refund) in Currency.
	OrderID  int64  `db:"order_id"`
	Name     string `db:"name"`
	Amount   string `db:"amount"`
	Currency string `db:"currency"`
	// For a product card click: the product's Shopify id; its title is in
	// Name.
	ProductID int64 `db:"product_id"`
	// For a ticket's snooze and unsnooze: the ticket, and until when it
	// was snoozed.
	ConversationID int64      `db:"conversation_id"`
	Until          *time.Time `db:"until"`
}

// eventData is the data column of an event.
type eventData struct {
	OrderID   int64  `json:"order_id,omitempty"`
	ProductID int64  `json:"product_id,omitempty"`
	Name      string `json:"name"`
	Amount    string `json:"amount,omitempty"`
	Currency  string `json:"currency,omitempty"`
	// ConversationID and Until: a ticket snoozed, until when.
	ConversationID int64      `json:"conversation_id,omitempty"`
	Until          *time.Time `json:"until,omitempty"`
}

// newProfileEvent is an event to record once, named by its source id.
type newProfileEvent struct {
	kind, sourceID string
	at             time.Time
	data           eventData
}

func newEvent(kind, sourceID string, at time.Time, data eventData) newProfileEvent {
	return newProfileEvent{kind: kind, sourceID: sourceID, at: at, data: data}
}

// recordEvent inserts e unless an event with its source id is recorded.
func recordEvent(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, e newProfileEvent) error {
	data, err := json.Marshal(e.data)
	if err != nil {
		return fmt.Errorf("event %s: %w", e.sourceID, err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO profile_events (shop_id, profile_id, kind, occurred_at, data, source_id) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (shop_id, source_id) DO NOTHING`, shopID, profileID, e.kind, e.at, string(data), e.sourceID)
	if err != nil {
		return fmt.Errorf("record event %s: %w", e.sourceID, err)
	}
	return nil
}

// History returns the profile's recorded events, newest first.
func (s *Profiles) History(ctx context.Context, shopID, profileID int64, limit int) ([]ProfileEvent, error) {
	events := []ProfileEvent{}
	err := s.db.SelectContext(ctx, &events, `
		SELECT id, kind, occurred_at, coalesce((data->>'order_id')::bigint, 0) AS order_id,
			coalesce(data->>'name', '') AS name, coalesce(data->>'amount', '') AS amount,
			coalesce(data->>'currency', '') AS currency, coalesce((data->>'product_id')::bigint, 0) AS product_id,
			coalesce((data->>'conversation_id')::bigint, 0) AS conversation_id, (data->>'until')::timestamptz AS until
		FROM profile_events WHERE shop_id = $1 AND profile_id = $2
		ORDER BY occurred_at DESC, id DESC LIMIT $3`, shopID, profileID, limit)
	if err != nil {
		return nil, fmt.Errorf("history of profile %d: %w", profileID, err)
	}
	return events, nil
}

// SaveCustomer stores what customers/create or customers/update says about
// a customer, creating the profile on first sight (a customer's history
// matters before they ever chat). Details as new or newer than updatedAt
// are kept: synced_at is the moment the stored details are current to, set
// by this and by the Admin API sync alike. applied is false when they were
// kept.
func (s *Profiles) SaveCustomer(ctx context.Context, shopID, customerID int64, d CustomerDetails, updatedAt time.Time) (applied bool, err error) {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO profiles (shop_id, shopify_customer_id, first_name, last_name, email, phone, orders_count,
			total_spent, currency, customer_since, synced_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8::numeric, $9, $10, $11, $12, $12)
		ON CONFLICT (shop_id, shopify_customer_id) DO UPDATE SET first_name = EXCLUDED.first_name,
			last_name = EXCLUDED.last_name, email = EXCLUDED.email, phone = EXCLUDED.phone,
			orders_count = EXCLUDED.orders_count, total_spent = EXCLUDED.total_spent,
			currency = CASE WHEN EXCLUDED.currency = '' THEN profiles.currency ELSE EXCLUDED.currency END,
			customer_since = EXCLUDED.customer_since, synced_at = EXCLUDED.synced_at, updated_at = EXCLUDED.updated_at
		WHERE profiles.synced_at IS NULL OR profiles.synced_at < EXCLUDED.synced_at`,
		shopID, customerID, d.FirstName, d.LastName, d.Email, d.Phone, d.OrdersCount, orZero(d.TotalSpent),
		d.Currency, nullTime(d.CustomerSince), updatedAt, s.now())
	if err != nil {
		return false, fmt.Errorf("save customer %d: %w", customerID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// LastOrderName is the name of the profile's most recently placed order
// ("#1001"), or "" when it has none.
func (s *Profiles) LastOrderName(ctx context.Context, shopID, profileID int64) (string, error) {
	var names []string
	err := s.db.SelectContext(ctx, &names, `SELECT name FROM orders WHERE shop_id = $1 AND profile_id = $2
		ORDER BY created_at DESC, id DESC LIMIT 1`, shopID, profileID)
	if err != nil || len(names) == 0 {
		return "", err
	}
	return names[0], nil
}
