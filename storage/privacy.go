package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// This file is the one place that knows where customer data lives. Every
// table is either listed in customerData, with how to export and erase one
// customer's rows, or in tablesWithoutCustomerData with the reason; a test
// fails for a table in neither, so a new table cannot be forgotten.

// customerTable finds one customer's rows in a table. Both statements run
// after customerCTE, so they read the shop id and the customer's Shopify id
// (0 when unknown), email and phone ("" when unknown) from "customer".
type customerTable struct {
	name string
	// export selects a JSON array of the customer's rows, or is "" when the
	// rows are records of the request itself rather than data to hand over.
	export string
	// erase deletes or blanks the customer's rows.
	erase string
}

const customerCTE = `WITH customer AS (
	SELECT $1::bigint AS shop_id, $2::bigint AS id, $3::text AS email, $4::text AS phone) `

// deliveryMatches picks a shop's retained webhook bodies that name the
// customer: by id as a whole number, or by the exact, quoted email or phone.
// The export leaves out the compliance requests themselves (the request being
// answered is one); the erasure does not.
const deliveryMatches = `d.shop_domain = (SELECT domain FROM shops WHERE id = c.shop_id) AND d.body IS NOT NULL AND (
	(c.id <> 0 AND encode(d.body, 'escape') ~ ('\m' || c.id::text || '\M'))
	OR (c.email <> '' AND position('"' || c.email || '"' in encode(d.body, 'escape')) > 0)
	OR (c.phone <> '' AND position('"' || c.phone || '"' in encode(d.body, 'escape')) > 0))`

// profileMatches picks the customer's profiles: by Shopify customer id, email
// or phone.
const profileMatches = `p.shop_id = c.shop_id AND (
	(c.id <> 0 AND p.shopify_customer_id = c.id)
	OR (c.email <> '' AND lower(p.email) = lower(c.email))
	OR (c.phone <> '' AND p.phone = c.phone))`

// orderMatches picks the customer's orders: by Shopify customer id, email,
// or a profile of theirs.
const orderMatches = `o.shop_id = c.shop_id AND (
	(c.id <> 0 AND o.shopify_customer_id = c.id)
	OR (c.email <> '' AND lower(o.email) = lower(c.email))
	OR o.profile_id IN (SELECT p.id FROM profiles p WHERE ` + profileMatches + `))`

// customerConversations are the ids of the customer's conversations.
const customerConversations = `SELECT v.id FROM conversations v JOIN profiles p ON p.id = v.profile_id, customer c WHERE ` + profileMatches

// customerData lists the tables holding a customer's data, erased in this
// order (rows that reference others first).
var customerData = []customerTable{
	{
		// The live-delivery log copies messages into its payloads; the
		// messages themselves are what the export hands over.
		name:  "events",
		erase: `DELETE FROM events e USING profiles p, customer c WHERE e.profile_id = p.id AND ` + profileMatches,
	},
	{
		// A credit names her order or her conversation: a guest order can
		// be credited to her chat through the cart attribute, and the other
		// way round, so either side matches.
		name: "order_attributions",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('order_id', o.shopify_id, 'conversation_id', a.conversation_id,
			'amount', a.amount, 'currency', a.currency, 'attributed_at', a.attributed_at) ORDER BY a.order_id), '[]')
			FROM order_attributions a JOIN orders o ON o.id = a.order_id
			WHERE a.conversation_id IN (` + customerConversations + `)
				OR a.order_id IN (SELECT o.id FROM orders o, customer c WHERE ` + orderMatches + `)`,
		erase: `DELETE FROM order_attributions a WHERE a.conversation_id IN (` + customerConversations + `)
			OR a.order_id IN (SELECT o.id FROM orders o, customer c WHERE ` + orderMatches + `)`,
	},
	{
		// Clicks in her conversations, and any of her profiles' elsewhere.
		name: "product_clicks",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('conversation_id', k.conversation_id,
			'product_id', k.shopify_product_id, 'clicked_at', k.clicked_at) ORDER BY k.id), '[]')
			FROM product_clicks k WHERE k.conversation_id IN (` + customerConversations + `)
				OR k.profile_id IN (SELECT p.id FROM profiles p, customer c WHERE ` + profileMatches + `)`,
		erase: `DELETE FROM product_clicks k WHERE k.conversation_id IN (` + customerConversations + `)
			OR k.profile_id IN (SELECT p.id FROM profiles p, customer c WHERE ` + profileMatches + `)`,
	},
	{
		name: "profile_events",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('kind', e.kind, 'occurred_at', e.occurred_at, 'data', e.data)
			ORDER BY e.id), '[]') FROM profile_events e JOIN profiles p ON p.id = e.profile_id, customer c WHERE ` + profileMatches,
		erase: `DELETE FROM profile_events e USING profiles p, customer c WHERE e.profile_id = p.id AND ` + profileMatches,
	},
	{
		// Guests' orders have no profile: their email names them.
		name: "orders",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('id', o.shopify_id, 'name', o.name, 'email', o.email,
			'total', o.total, 'currency', o.currency, 'financial_status', o.financial_status,
			'fulfillment_status', o.fulfillment_status, 'cancelled_at', o.cancelled_at, 'created_at', o.created_at,
			'line_items', o.line_items, 'note_attributes', o.note_attributes, 'tracking', o.tracking) ORDER BY o.id), '[]')
			FROM orders o, customer c WHERE ` + orderMatches,
		erase: `DELETE FROM orders o USING customer c WHERE ` + orderMatches,
	},
	{
		// The welcome she was shown and the FAQs she read, in her
		// conversations or waiting for her next.
		name: "thread_events",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('conversation_id', t.conversation_id, 'kind', t.kind,
			'text', t.text, 'occurred_at', t.occurred_at) ORDER BY t.id), '[]')
			FROM thread_events t JOIN profiles p ON p.id = t.profile_id, customer c WHERE ` + profileMatches,
		erase: `DELETE FROM thread_events t USING profiles p, customer c WHERE t.profile_id = p.id AND ` + profileMatches,
	},
	{
		name: "messages",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('conversation_id', m.conversation_id, 'author', m.author,
			'body', m.body, 'attachments', m.attachments, 'sent_at', m.created_at) ORDER BY m.id), '[]')
			FROM messages m WHERE m.conversation_id IN (` + customerConversations + `)`,
		erase: `DELETE FROM messages m WHERE m.conversation_id IN (` + customerConversations + `)`,
	},
	{
		// Images agents sent in the customer's tickets. The messages'
		// export carries their URLs, which load the images themselves.
		name: "uploads",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('conversation_id', u.conversation_id,
			'content_type', u.content_type, 'path', '/media/' || u.id, 'sent_at', u.created_at) ORDER BY u.created_at), '[]')
			FROM uploads u WHERE u.conversation_id IN (` + customerConversations + `)`,
		erase: `DELETE FROM uploads u WHERE u.conversation_id IN (` + customerConversations + `)`,
	},
	{
		name: "conversations",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'channel', v.channel, 'status', v.status,
			'started_at', v.created_at, 'closed_at', v.closed_at) ORDER BY v.id), '[]')
			FROM conversations v WHERE v.id IN (` + customerConversations + `)`,
		erase: `DELETE FROM conversations v WHERE v.id IN (` + customerConversations + `)`,
	},
	{
		name: "profiles",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('first_name', p.first_name, 'last_name', p.last_name,
			'email', p.email, 'phone', p.phone, 'orders_count', p.orders_count, 'total_spent', p.total_spent,
			'customer_since', p.customer_since) ORDER BY p.id), '[]') FROM profiles p, customer c WHERE ` + profileMatches,
		erase: `DELETE FROM profiles p USING customer c WHERE ` + profileMatches,
	},
	{
		name: "webhook_deliveries",
		export: `SELECT coalesce(jsonb_agg(jsonb_build_object('topic', d.topic, 'received_at', d.received_at,
			'payload', encode(d.body, 'escape')) ORDER BY d.id), '[]')
			FROM webhook_deliveries d, customer c
			WHERE d.topic NOT IN ('customers/data_request', 'customers/redact') AND ` + deliveryMatches,
		erase: `UPDATE webhook_deliveries d SET body = NULL FROM customer c WHERE ` + deliveryMatches,
	},
	{
		name: "privacy_requests",
		erase: `UPDATE privacy_requests p SET export = NULL FROM customer c
			WHERE p.shop_id = c.shop_id AND c.id <> 0 AND p.shopify_customer_id = c.id AND p.export IS NOT NULL`,
	},
}

// tablesWithoutCustomerData are the tables that hold no shopper's data.
var tablesWithoutCustomerData = map[string]string{
	"schema_migrations":       "the schema's history",
	"shops":                   "the merchant's store and its access",
	"agents":                  "the merchant's staff, erased with the shop",
	"agent_alerts":            "each staff member's choice of alerts, erased with the shop",
	"jobs":                    "payloads name rows by id, never a customer's details",
	"chat_settings":           "the merchant's chat settings",
	"faqs":                    "the merchant's questions and answers",
	"knowledge_articles":      "the merchant's articles for the AI agent",
	"ai_settings":             "the merchant's AI agent settings and sealed helpdesk credentials",
	"ai_engine_settings":      "the merchant's answering engine and its sealed API key",
	"sms_settings":            "the merchant's Twilio account, sender and sealed auth token",
	"sms_ai_settings":         "whether the AI agent answers texts, and the SMS attribution window and touchpoint",
	"notification_recipients": "the merchant's staff addresses for new-ticket emails",
	"notification_settings":   "the merchant's choice of what the new-ticket email shows",
	"side_effects":            "sent-markers: keys name rows by id (an email's conversation, an SMS's message), never a customer's details",
	"macros":                  "the merchant's saved replies",
	"dashboard_counts":        "counts of conversations per quarter hour, channel, status and tag; no shopper is named",
	"dashboard_days":          "the same counts per day in the shop's time zone; no shopper is named",
	"dashboard_changes":       "changes of those counts not yet added to them; no shopper is named",
	"dashboard_sales_days":    "sums of credited sales per day, channel and currency in the shop's time zone; no shopper is named",
	"synonym_groups":          "the merchant's synonyms for the AI agent",
	"products":                "the merchant's catalog",
	"shop_policies":           "the merchant's published policies",
	"backfills":               "the merchant's import progress: cursors and counts, no records",
	"events_pruned":           "how far the shop's event log was pruned: one event id per shop",
	"sms_media_links":         "hashed, expiring links Twilio fetches pictures by; erased with the pictures in uploads",
}

// CustomerRef names a customer as Shopify's compliance webhooks do.
type CustomerRef struct {
	ID    int64  `json:"id"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// PrivacyRequest is a data request or an erasure that was carried out.
type PrivacyRequest struct {
	ID                int64     `db:"id"`
	ShopID            int64     `db:"shop_id"`
	Topic             string    `db:"topic"`
	ShopifyRequestID  string    `db:"shopify_request_id"`
	ShopifyCustomerID *int64    `db:"shopify_customer_id"`
	Export            []byte    `db:"export"` // JSON, nil when none
	Erased            []byte    `db:"erased"` // JSON: rows erased per table
	ReceivedAt        time.Time `db:"received_at"`
	CompletedAt       time.Time `db:"completed_at"`
}

// Privacy carries out Shopify's compliance requests.
type Privacy struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewPrivacy returns the privacy store.
func NewPrivacy(db *sqlx.DB, now func() time.Time) *Privacy {
	return &Privacy{db: db, now: now}
}

// CustomerExport is everything hubchat holds on one customer of a shop.
type CustomerExport struct {
	Customer    CustomerRef                `json:"customer"`
	GeneratedAt time.Time                  `json:"generated_at"`
	Tables      map[string]json.RawMessage `json:"tables"`
}

// ExportCustomer gathers what hubchat holds on the customer and keeps it, as
// a completed customers/data_request, for the merchant to download.
func (p *Privacy) ExportCustomer(ctx context.Context, shopID int64, requestID string, c CustomerRef, receivedAt time.Time) (PrivacyRequest, error) {
	tx, err := beginInShop(ctx, p.db, shopID, nil)
	if err != nil {
		return PrivacyRequest{}, fmt.Errorf("export customer: %w", err)
	}
	defer tx.Rollback()
	export := CustomerExport{Customer: c, GeneratedAt: p.now(), Tables: map[string]json.RawMessage{}}
	for _, t := range customerData {
		if t.export == "" {
			continue
		}
		var rows json.RawMessage
		if err := tx.GetContext(ctx, &rows, customerCTE+t.export, shopID, c.ID, c.Email, c.Phone); err != nil {
			return PrivacyRequest{}, fmt.Errorf("export customer from %s: %w", t.name, err)
		}
		export.Tables[t.name] = rows
	}
	body, err := json.Marshal(export)
	if err != nil {
		return PrivacyRequest{}, fmt.Errorf("export customer: %w", err)
	}
	req, err := p.record(ctx, tx, shopID, "customers/data_request", requestID, c, body, nil, receivedAt)
	if err != nil {
		return PrivacyRequest{}, err
	}
	return req, tx.Commit()
}

// RedactCustomer erases the customer's data from every table that holds
// some, in one transaction, and records how many rows each table lost.
func (p *Privacy) RedactCustomer(ctx context.Context, shopID int64, requestID string, c CustomerRef, receivedAt time.Time) (PrivacyRequest, error) {
	tx, err := beginInShop(ctx, p.db, shopID, nil)
	if err != nil {
		return PrivacyRequest{}, fmt.Errorf("redact customer: %w", err)
	}
	defer tx.Rollback()
	erased := map[string]int64{}
	for _, t := range customerData {
		res, err := tx.ExecContext(ctx, customerCTE+t.erase, shopID, c.ID, c.Email, c.Phone)
		if err != nil {
			return PrivacyRequest{}, fmt.Errorf("redact customer in %s: %w", t.name, err)
		}
		erased[t.name], _ = res.RowsAffected()
	}
	counts, _ := json.Marshal(erased)
	// The record keeps the customer's id (to answer "was it done?") but not
	// the email or phone.
	req, err := p.record(ctx, tx, shopID, "customers/redact", requestID, CustomerRef{ID: c.ID}, nil, counts, receivedAt)
	if err != nil {
		return PrivacyRequest{}, err
	}
	return req, tx.Commit()
}

func (p *Privacy) record(ctx context.Context, tx *sqlx.Tx, shopID int64, topic, requestID string, c CustomerRef,
	export, erased []byte, receivedAt time.Time) (PrivacyRequest, error) {
	var customerID *int64
	if c.ID != 0 {
		customerID = &c.ID
	}
	var req PrivacyRequest
	err := tx.GetContext(ctx, &req, `
		INSERT INTO privacy_requests (shop_id, topic, shopify_request_id, shopify_customer_id, export, erased, received_at, completed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		RETURNING id, shop_id, topic, shopify_request_id, shopify_customer_id, export, erased, received_at, completed_at`,
		shopID, topic, requestID, customerID, nullJSON(export), nullJSON(erased), receivedAt, p.now())
	if err != nil {
		return PrivacyRequest{}, fmt.Errorf("record %s: %w", topic, err)
	}
	return req, nil
}

// nullJSON is b for a jsonb column: NULL for nil, else text (the pool
// sends []byte parameters in binary format, which is bytea's: db.go).
func nullJSON(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}
