package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
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
	// intake writes the deliveries that arrive together in one statement
	// (see combiner): at a thousand a second, one commit each was the
	// limit.
	intake *combiner[NewDelivery, recorded]
}

// recorded is what Record answers.
type recorded struct {
	id    int64
	isNew bool
}

// Bounds of one intake batch: a batch holds the deliveries that arrived
// while the one before was written.
const (
	maxIntakeBatch     = 500
	intakeBatchTimeout = 10 * time.Second
)

// NewWebhooks returns the webhook intake store.
func NewWebhooks(db *sqlx.DB, now func() time.Time) *Webhooks {
	w := &Webhooks{db: db, now: now}
	w.intake = &combiner[NewDelivery, recorded]{write: w.recordBatch, maxBatch: maxIntakeBatch, timeout: intakeBatchTimeout}
	return w
}

// Record stores a delivery and queues its processing in one commit, so an
// acknowledged delivery is always processed; it returns once that commit
// is done. It returns isNew false, and stores nothing, when the same
// delivery (webhook id) or the same event (event id and topic) was
// received before: Shopify retries and duplicates. Deliveries recorded at
// once share a commit (see combiner); a delivery that cannot be stored
// fails alone.
func (w *Webhooks) Record(ctx context.Context, d NewDelivery) (id int64, isNew bool, err error) {
	r, err := w.intake.do(ctx, d)
	if err != nil {
		return 0, false, fmt.Errorf("record webhook %s: %w", d.Topic, err)
	}
	return r.id, r.isNew, nil
}

// recordBatch is recordAll with each delivery's answer, in order. Of two
// deliveries of the batch with the same webhook id, the first is stored.
func (w *Webhooks) recordBatch(ctx context.Context, ds []NewDelivery) ([]recorded, error) {
	stored, err := w.recordAll(ctx, ds)
	if err != nil {
		return nil, err
	}
	out := make([]recorded, len(ds))
	for i, d := range ds {
		k := deliveryKey{d.ShopDomain, d.WebhookID}
		if id, ok := stored[k]; ok {
			out[i] = recorded{id: id, isNew: true}
			delete(stored, k) // a later one of the batch is its duplicate
		}
	}
	return out, nil
}

// deliveryKey names one delivery: a shop's webhook ids are unique.
type deliveryKey struct{ shopDomain, webhookID string }

// recordAll stores the deliveries that are new and queues a processing job
// for each, in one statement (one commit), and returns the ids of those it
// stored. A duplicate, of an earlier delivery or of another in ds, is left
// out. Any error stores none of them.
func (w *Webhooks) recordAll(ctx context.Context, ds []NewDelivery) (map[deliveryKey]int64, error) {
	cols := make([][]string, 6)
	bodies := make([][]byte, len(ds))
	for i, d := range ds {
		triggered := ""
		if !d.TriggeredAt.IsZero() {
			triggered = d.TriggeredAt.UTC().Format(time.RFC3339Nano)
		}
		for c, v := range []string{d.ShopDomain, d.Topic, d.WebhookID, d.EventID, d.APIVersion, triggered} {
			cols[c] = append(cols[c], v)
		}
		bodies[i] = d.Body
	}
	now := w.now()
	// The fence holds the enqueuers' lock for the wake-up (see wakeup);
	// the deliveries go in the order given, and so do their jobs.
	rows, err := w.db.QueryxContext(ctx, `WITH fence AS MATERIALIZED (SELECT `+holdTxKeySQL+`),
		stored AS (
			INSERT INTO webhook_deliveries (shop_domain, topic, webhook_id, event_id, api_version, triggered_at, body, received_at)
			SELECT i.shop_domain, i.topic, i.webhook_id, NULLIF(i.event_id, ''), i.api_version,
				NULLIF(i.triggered_at, '')::timestamptz, i.body, $9
			FROM fence, unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[])
				WITH ORDINALITY AS i(shop_domain, topic, webhook_id, event_id, api_version, triggered_at, body, ord)
			ORDER BY i.ord
			ON CONFLICT DO NOTHING
			RETURNING id, shop_domain, webhook_id),
		queued AS (
			INSERT INTO jobs (kind, payload, max_attempts, run_at, created_at, updated_at)
			SELECT $10, jsonb_build_object('delivery_id', id), $11, $9, $9, $9 FROM stored ORDER BY id)
		SELECT id, shop_domain, webhook_id FROM stored`,
		enqueuersLockSpace, pq.Array(cols[0]), pq.Array(cols[1]), pq.Array(cols[2]), pq.Array(cols[3]),
		pq.Array(cols[4]), pq.Array(cols[5]), pq.ByteaArray(bodies), now, JobProcessWebhook, DefaultMaxAttempts)
	if err != nil {
		return nil, fmt.Errorf("record %d webhook deliveries: %w", len(ds), err)
	}
	defer rows.Close()
	stored := make(map[deliveryKey]int64, len(ds))
	for rows.Next() {
		var id int64
		var k deliveryKey
		if err := rows.Scan(&id, &k.shopDomain, &k.webhookID); err != nil {
			return nil, fmt.Errorf("record webhook deliveries: %w", err)
		}
		stored[k] = id
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("record %d webhook deliveries: %w", len(ds), err)
	}
	jobsWakeup.mark()
	return stored, nil
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
// which may hold customer data hubchat has no further use for. It is the
// processing job's bookkeeping, so its commit waits for no WAL flush, as a
// job's completion does (unflushedCTE): lost to a crash, it is lost with
// the completion after it, and the job processes the delivery again.
func (w *Webhooks) MarkProcessed(ctx context.Context, id int64) error {
	_, err := w.db.ExecContext(ctx, `WITH `+unflushedCTE+`
		UPDATE webhook_deliveries SET processed_at = $2, body = NULL FROM unflushed WHERE id = $1`, id, w.now())
	if err != nil {
		return fmt.Errorf("mark webhook delivery %d processed: %w", id, err)
	}
	return nil
}

// Deliveries returns the stored deliveries among ids, by id, in one
// statement: the processing of several deliveries at once. An id missing
// from the result was erased.
func (w *Webhooks) Deliveries(ctx context.Context, ids []int64) (map[int64]Delivery, error) {
	var ds []Delivery
	err := w.db.SelectContext(ctx, &ds, `SELECT id, shop_domain, topic, webhook_id, event_id, api_version,
		triggered_at, body, received_at, processed_at FROM webhook_deliveries WHERE id = ANY($1)`, pq.Array(ids))
	if err != nil {
		return nil, fmt.Errorf("read %d webhook deliveries: %w", len(ids), err)
	}
	byID := make(map[int64]Delivery, len(ds))
	for _, d := range ds {
		byID[d.ID] = d
	}
	return byID, nil
}

// MarkAllProcessed is MarkProcessed for several deliveries in one
// statement.
func (w *Webhooks) MarkAllProcessed(ctx context.Context, ids []int64) error {
	_, err := w.db.ExecContext(ctx, `WITH `+unflushedCTE+`
		UPDATE webhook_deliveries SET processed_at = $2, body = NULL FROM unflushed WHERE id = ANY($1)`,
		pq.Array(ids), w.now())
	if err != nil {
		return fmt.Errorf("mark %d webhook deliveries processed: %w", len(ids), err)
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
