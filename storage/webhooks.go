package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// JobProcessWebhook is the kind of the job that processes one delivery.
const JobProcessWebhook = "webhook.process"

// NewDelivery is a webhook request whose HMAC was verified.
type NewDelivery struct {
	ShopDomain  string
	Topic       string
	WebhookID   string
	EventID     string // "" when Shopify sent none
	APIVersion  string
	TriggeredAt time.Time // zero when Shopify sent none
	Body        []byte
}

// Delivery is a stored webhook delivery.
type Delivery struct {
	ID          int64        `db:"id"`
	ShopDomain  string       `db:"shop_domain"`
	Topic       string       `db:"topic"`
	WebhookID   string       `db:"webhook_id"`
	EventID     *string      `db:"event_id"`
	APIVersion  string       `db:"api_version"`
	TriggeredAt sql.NullTime `db:"triggered_at"`
	Body        []byte       `db:"body"`
	ReceivedAt  time.Time    `db:"received_at"`
	ProcessedAt sql.NullTime `db:"processed_at"`
}

// DeliveryJob is the payload of a JobProcessWebhook job.
type DeliveryJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Webhooks is the durable intake of Shopify's webhooks. Like the job queue
// it is keyed by shop domain and not scoped to a shop id: deliveries arrive
// for shops that have no row yet, or no longer.
type Webhooks struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewWebhooks returns the webhook intake store.
func NewWebhooks(db *sqlx.DB, now func() time.Time) *Webhooks {
	return &Webhooks{db: db, now: now}
}

// Record stores a delivery and queues its processing in one transaction, so
// an acknowledged delivery is always processed. It returns isNew false, and
// stores nothing, when the same delivery (webhook id) or the same event
// (event id and topic) was received before: Shopify retries and duplicates.
func (w *Webhooks) Record(ctx context.Context, d NewDelivery) (id int64, isNew bool, err error) {
	tx, err := w.db.BeginTxx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("record webhook: %w", err)
	}
	defer tx.Rollback()
	err = tx.GetContext(ctx, &id, `
		INSERT INTO webhook_deliveries (shop_domain, topic, webhook_id, event_id, api_version, triggered_at, body, received_at)
		VALUES ($1, $2, $3, NULLIF($4, ''), $5, $6, $7, $8)
		ON CONFLICT DO NOTHING
		RETURNING id`,
		d.ShopDomain, d.Topic, d.WebhookID, d.EventID, d.APIVersion, nullTime(d.TriggeredAt), d.Body, w.now())
	if err == sql.ErrNoRows {
		return 0, false, nil // a duplicate: already stored and queued
	}
	if err != nil {
		return 0, false, fmt.Errorf("record webhook %s: %w", d.Topic, err)
	}
	if _, err := enqueueJob(ctx, tx, w.now(), NewJob{Kind: JobProcessWebhook, Payload: DeliveryJob{DeliveryID: id}}); err != nil {
		return 0, false, fmt.Errorf("queue webhook %s: %w", d.Topic, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("record webhook %s: commit: %w", d.Topic, err)
	}
	return id, true, nil
}

// Delivery returns a stored delivery by id, for the job that processes it.
func (w *Webhooks) Delivery(ctx context.Context, id int64) (Delivery, error) {
	var d Delivery
	err := w.db.GetContext(ctx, &d, `SELECT id, shop_domain, topic, webhook_id, event_id, api_version,
		triggered_at, body, received_at, processed_at FROM webhook_deliveries WHERE id = $1`, id)
	if err != nil {
		return Delivery{}, notFound(err, "webhook delivery %d", id)
	}
	return d, nil
}

// MarkProcessed records that a delivery was acted on and drops its body,
// which may hold customer data hubchat has no further use for.
func (w *Webhooks) MarkProcessed(ctx context.Context, id int64) error {
	_, err := w.db.ExecContext(ctx, `UPDATE webhook_deliveries SET processed_at = $2, body = NULL WHERE id = $1`, id, w.now())
	if err != nil {
		return fmt.Errorf("mark webhook delivery %d processed: %w", id, err)
	}
	return nil
}

// DeleteReceivedBefore forgets deliveries older than t. Kept meanwhile so
// that duplicates, which Shopify may send up to days late, are recognised.
func (w *Webhooks) DeleteReceivedBefore(ctx context.Context, t time.Time) (int64, error) {
	res, err := w.db.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE received_at < $1 AND processed_at IS NOT NULL`, t)
	if err != nil {
		return 0, fmt.Errorf("delete old webhook deliveries: %w", err)
	}
	return res.RowsAffected()
}
