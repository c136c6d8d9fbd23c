package storage

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// CartAttribute is the name of the cart attribute the storefront sets to the
// conversation's id, so that an order carries it in note_attributes.
const CartAttribute = "hubchat_conversation"

// AttributionWindow is how long after a product-card click an order is
// credited to the click's conversation (SPEC §5).
const AttributionWindow = 24 * time.Hour

// ProductClick is a shopper's click on a product card sent in a conversation.
type ProductClick struct {
	ConversationID int64
	ProductID      int64     // the product's Shopify id
	ClickedAt      time.Time // zero: now
}

// SalesTotal is the attributed sales in one currency.
type SalesTotal struct {
	Currency string `db:"currency"`
	Total    string `db:"total"` // a decimal, "123.45"
	Orders   int    `db:"orders"`
}

// Attribution stores product-card clicks and credits orders to the AI
// conversations that drove them.
type Attribution struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewAttribution returns the attribution store.
func NewAttribution(db *sqlx.DB, now func() time.Time) *Attribution {
	return &Attribution{db: db, now: now}
}

// RecordClick records a click and returns its id, with a "product clicked"
// entry in the shopper's history. The clicker is the conversation's
// shopper: the click link names only the conversation, and trusting a
// profile id from it would let one shopper's click credit another's
// orders. A conversation of another shop is not found.
func (s *Attribution) RecordClick(ctx context.Context, shopID int64, c ProductClick) (int64, error) {
	if c.ProductID <= 0 {
		return 0, fmt.Errorf("product id must be positive: %w", ErrInvalid)
	}
	at := c.ClickedAt
	if at.IsZero() {
		at = s.now()
	}
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return 0, fmt.Errorf("record click: %w", err)
	}
	defer tx.Rollback()
	var click struct {
		ID        int64  `db:"id"`
		ProfileID *int64 `db:"profile_id"`
	}
	err = tx.GetContext(ctx, &click, `
		INSERT INTO product_clicks (shop_id, conversation_id, profile_id, shopify_product_id, clicked_at)
		SELECT v.shop_id, v.id, v.profile_id, $3, $4 FROM conversations v WHERE v.shop_id = $1 AND v.id = $2
		RETURNING id, profile_id`, shopID, c.ConversationID, c.ProductID, at)
	if err != nil {
		return 0, notFound(err, "conversation %d", c.ConversationID)
	}
	if click.ProfileID != nil {
		if err := recordProductClicked(ctx, tx, shopID, *click.ProfileID, click.ID, c.ProductID, at); err != nil {
			return 0, err
		}
	}
	return click.ID, tx.Commit()
}

// recordProductClicked adds the click to the shopper's history, named by
// the product's title as the catalog has it ("" before it is imported).
func recordProductClicked(ctx context.Context, tx *sqlx.Tx, shopID, profileID, clickID, productID int64, at time.Time) error {
	var titles []string
	err := tx.SelectContext(ctx, &titles, `SELECT title FROM products WHERE shop_id = $1 AND shopify_id = $2`, shopID, productID)
	if err != nil {
		return fmt.Errorf("title of product %d: %w", productID, err)
	}
	data := eventData{ProductID: productID}
	if len(titles) == 1 {
		data.Name = titles[0]
	}
	return recordEvent(ctx, tx, shopID, profileID, newEvent(EventProductClicked, "click:"+strconv.FormatInt(clickID, 10), at, data))
}

// orderCredit is an order and the touchpoint it is to be credited to, if
// any: a product-card click, or the AI agent's text that reached the
// person (one of ClickID and MessageID).
type orderCredit struct {
	OrderID        int64  `db:"order_id"`
	Total          string `db:"total"`
	Currency       string `db:"currency"`
	ClickID        *int64 `db:"click_id"`
	MessageID      *int64 `db:"message_id"`
	ConversationID *int64 `db:"conversation_id"`
	Channel        string `db:"channel"`
}

// latestTouch picks, for a non-cancelled order, its latest touchpoint at
// or before it was placed:
//   - a click on a product card of a web chat, at most AttributionWindow
//     earlier (SPEC §5);
//   - in an SMS conversation, by the shop's SMS attribution settings
//     (sms_ai_settings, else their defaults): a click on a texted product
//     link (touchpoint "click"), or the AI agent's text Twilio took and did
//     not report failed (touchpoint "received"), at most the SMS window
//     earlier.
//
// A click counts when it is the order's customer's, or made in the
// conversation the order's cart attribute names; a text when it went to
// the order's customer. A cart attribute that is not a conversation id of
// this shop matches nothing: touchpoints are read from this shop only.
//
// Every read is an index range: the clicks by their two ways in
// (product_clicks_profile, product_clicks_conversation) over the longer of
// the two windows, each click's channel by its conversation's key, the
// texts by the customer's SMS conversations and the latest in each.
// Written as one filter with OR and joins, PostgreSQL could use no index
// of the clicks and read every click and every conversation of the shop
// for each order (60 ms an order at 100,000 conversations and 200,000
// clicks; 0.3 ms this way). A click found both ways is one candidate
// twice, which LIMIT 1 does not mind.
const latestTouch = `
	WITH sms AS (
		SELECT coalesce(max(attribution_window_hours), 24) AS hours, coalesce(max(attribution_touchpoint), 'click') AS touchpoint
		FROM sms_ai_settings WHERE shop_id = $1)
	SELECT o.id AS order_id, o.total::text AS total, o.currency, t.click_id, t.message_id, t.conversation_id,
		coalesce(t.channel, '') AS channel
	FROM orders o CROSS JOIN sms LEFT JOIN LATERAL (
		SELECT * FROM (
			SELECT k.id AS click_id, NULL::bigint AS message_id, k.conversation_id, k.channel, k.clicked_at AS at, k.id AS tie
			FROM (
				SELECT k.id, k.conversation_id, k.clicked_at,
					(SELECT c.channel FROM conversations c WHERE c.shop_id = k.shop_id AND c.id = k.conversation_id) AS channel
				FROM (
					SELECT id, shop_id, conversation_id, clicked_at FROM product_clicks
					WHERE profile_id = o.profile_id
					UNION ALL
					SELECT id, shop_id, conversation_id, clicked_at FROM product_clicks
					WHERE conversation_id IN (
						SELECT (a->>'value')::bigint
						FROM jsonb_array_elements(CASE jsonb_typeof(o.note_attributes) WHEN 'array' THEN o.note_attributes ELSE '[]' END) a
						WHERE a->>'name' = $4 AND a->>'value' ~ '^[0-9]{1,18}$')
				) k
				WHERE k.shop_id = o.shop_id AND k.clicked_at <= o.created_at
					AND k.clicked_at >= o.created_at - greatest(make_interval(hours => sms.hours), make_interval(secs => $3::float8))
			) k
			WHERE k.clicked_at >= o.created_at - CASE WHEN k.channel = 'sms' THEN make_interval(hours => sms.hours)
					ELSE make_interval(secs => $3::float8) END
				AND (k.channel <> 'sms' OR sms.touchpoint = 'click')
			UNION ALL
			SELECT NULL, m.id, c.id, c.channel, m.created_at, m.id
			FROM conversations c CROSS JOIN LATERAL (
				SELECT m.id, m.created_at FROM messages m
				WHERE m.conversation_id = c.id AND m.shop_id = c.shop_id
					AND m.author = 'ai' AND m.sms_sid IS NOT NULL AND m.sms_status NOT IN ('failed', 'undelivered')
					AND m.created_at <= o.created_at AND m.created_at >= o.created_at - make_interval(hours => sms.hours)
				ORDER BY m.created_at DESC, m.id DESC LIMIT 1) m
			WHERE sms.touchpoint = 'received' AND c.profile_id = o.profile_id AND c.shop_id = o.shop_id AND c.channel = 'sms'
		) touch WHERE o.cancelled_at IS NULL
		ORDER BY at DESC, tie DESC LIMIT 1) t ON true
	WHERE o.shop_id = $1 AND o.shopify_id = ANY($2::bigint[])
	FOR UPDATE OF o`

// AttributeOrder credits the order to a conversation by the rule of
// latestTouch, or removes its credit when nothing (or nothing any more:
// cancelled, its time changed) earns it. It is run whenever the order
// changes; a repeat with nothing new changes nothing. The order row is
// locked so that two deliveries of one order decide one after the other.
// The SMS settings in force when it runs decide an SMS credit.
func (s *Attribution) AttributeOrder(ctx context.Context, shopID, shopifyOrderID int64) error {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("attribute order %d: %w", shopifyOrderID, err)
	}
	defer tx.Rollback()
	if err := attributeOrders(ctx, tx, shopID, []int64{shopifyOrderID}, s.now()); err != nil {
		return err
	}
	return tx.Commit()
}

// attributeOrders is AttributeOrder for each of the shop's orders
// shopifyOrderIDs, inside the caller's transaction: one statement decides
// them all, one removes the credits no longer earned. It is a not-found
// error when none of the orders is stored.
func attributeOrders(ctx context.Context, tx *sqlx.Tx, shopID int64, shopifyOrderIDs []int64, now time.Time) error {
	var credits []orderCredit
	err := tx.SelectContext(ctx, &credits, latestTouch, shopID, pq.Array(shopifyOrderIDs), AttributionWindow.Seconds(), CartAttribute)
	if err != nil {
		return fmt.Errorf("attribute %d orders: %w", len(shopifyOrderIDs), err)
	}
	if len(credits) == 0 {
		return fmt.Errorf("orders %v: %w", shopifyOrderIDs, ErrNotFound)
	}
	var uncredited []int64
	for _, c := range credits {
		if c.ConversationID == nil {
			uncredited = append(uncredited, c.OrderID)
		} else if err := credit(ctx, tx, shopID, c, now); err != nil {
			return fmt.Errorf("attribute order %d: %w", c.OrderID, err)
		}
	}
	if len(uncredited) > 0 {
		if err := uncredit(ctx, tx, shopID, uncredited); err != nil {
			return fmt.Errorf("attribute %d orders: %w", len(uncredited), err)
		}
	}
	return nil
}

// credit stores the order's credit, with its conversation's start (the
// dashboard sums the credits by it). attributed_at only moves when the
// decision or the amount does, so a repeat leaves the row as it was.
func credit(ctx context.Context, tx *sqlx.Tx, shopID int64, c orderCredit, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO order_attributions (order_id, shop_id, conversation_id, click_id, message_id, channel, amount, currency,
			attributed_at, conversation_started_at)
		SELECT $1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, c.created_at FROM conversations c WHERE c.shop_id = $2 AND c.id = $3
		ON CONFLICT (order_id) DO UPDATE SET conversation_id = EXCLUDED.conversation_id, click_id = EXCLUDED.click_id,
			message_id = EXCLUDED.message_id, channel = EXCLUDED.channel,
			amount = EXCLUDED.amount, currency = EXCLUDED.currency, attributed_at = EXCLUDED.attributed_at,
			conversation_started_at = EXCLUDED.conversation_started_at
		WHERE order_attributions.shop_id = EXCLUDED.shop_id
			AND (order_attributions.click_id, order_attributions.message_id, order_attributions.amount, order_attributions.currency)
				IS DISTINCT FROM (EXCLUDED.click_id, EXCLUDED.message_id, EXCLUDED.amount, EXCLUDED.currency)`,
		c.OrderID, shopID, *c.ConversationID, c.ClickID, c.MessageID, c.Channel, c.Total, c.Currency, now)
	return err
}

// uncredit removes the credits of the shop's orders orderIDs (hubchat's ids).
func uncredit(ctx context.Context, tx *sqlx.Tx, shopID int64, orderIDs []int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM order_attributions WHERE shop_id = $1 AND order_id = ANY($2)`, shopID, pq.Array(orderIDs))
	return err
}

// AttributedSales sums, per currency, the attributed orders placed in
// [from, to) that are not cancelled. A cancellation not yet seen by
// AttributeOrder is left out all the same.
func (s *Attribution) AttributedSales(ctx context.Context, shopID int64, from, to time.Time) ([]SalesTotal, error) {
	totals := []SalesTotal{}
	err := s.db.SelectContext(ctx, &totals, `
		SELECT a.currency, sum(a.amount)::text AS total, count(*) AS orders
		FROM order_attributions a JOIN orders o ON o.id = a.order_id AND o.shop_id = a.shop_id
		WHERE a.shop_id = $1 AND o.cancelled_at IS NULL AND o.created_at >= $2 AND o.created_at < $3
		GROUP BY a.currency ORDER BY a.currency`, shopID, from, to)
	if err != nil {
		return nil, fmt.Errorf("attributed sales of shop %d: %w", shopID, err)
	}
	return totals, nil
}
