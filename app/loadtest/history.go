package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// A live store's past: the chat scenarios run against a shop that has
// served customers before, as every store the budgets speak of has. On the
// database the tool makes afresh for each run, the conversations and
// messages tables start empty and PostgreSQL has no statistics of them;
// the plans it keeps for the app's prepared statements are then made for
// empty tables, and kept for the whole run (the autovacuum's analysis
// comes a minute later, after the scenario): a post's look-up of its
// shopper's ticket, or a ticket's update by id, went through every open
// ticket of the shop in the inbox's index. A shop in production has its
// history, and statistics of it.
//
// Only the tables the past fills are analysed. A table analysed empty (the
// event log, the jobs) is one PostgreSQL then takes to be empty until the
// autovacuum's next analysis, and plans it by a sequential scan: the
// listener's read of the log went through every event of the run. A
// deployment's log is never empty, and a new one's tables, never analysed,
// are planned as having some pages.

// historyTickets is how many closed tickets of earlier customers the
// shop has before the scenarios, each with a question and its answer.
const historyTickets = 20_000

// historyCustomers is the first Shopify customer id of the earlier
// customers, apart from the scenarios' shoppers'.
const historyCustomers = 90_000_001

// SeedHistory gives the shop (by its myshopify.com domain) its past in
// the database at db, then has PostgreSQL gather the statistics of the
// tables it filled. Only for
// the tool's own cluster: never a deployment's database.
func SeedHistory(ctx context.Context, db *sql.DB, shop string) error {
	began := time.Now().Add(-90 * 24 * time.Hour)
	_, err := db.ExecContext(ctx, `
		WITH s AS (SELECT id FROM shops WHERE domain = $1),
		p AS (
			INSERT INTO profiles (shop_id, shopify_customer_id, first_name, email, created_at, updated_at)
			SELECT s.id, $2 + g, 'Earlier', 'earlier' || g || '@example.com', $4, $4
			FROM s, generate_series(0, $3 - 1) g RETURNING id, shop_id),
		c AS (
			INSERT INTO conversations (shop_id, profile_id, status, first_message, last_message_preview, message_count,
				last_message_at, unread, created_at, updated_at, closed_at, closed_by, last_author)
			SELECT p.shop_id, p.id, 'closed', 'Where is my order?', 'It shipped yesterday.', 2,
				$4 + (p.id % 7776000) * interval '1 second', false, $4, $4, $4 + interval '1 day', 'agent', 'agent'
			FROM p RETURNING id, shop_id, profile_id, created_at)
		INSERT INTO messages (shop_id, conversation_id, author, profile_id, body, created_at)
		SELECT c.shop_id, c.id, m.author, CASE WHEN m.author = 'shopper' THEN c.profile_id END, m.body, c.created_at
		FROM c, (VALUES ('shopper', 'Where is my order?'), ('system', 'It shipped yesterday.')) AS m(author, body)`,
		shop, historyCustomers, historyTickets, began)
	if err != nil {
		return fmt.Errorf("the shop's past tickets: %w", err)
	}
	if _, err := db.ExecContext(ctx, `VACUUM ANALYZE profiles, conversations, messages`); err != nil {
		return fmt.Errorf("statistics of the shop's past: %w", err)
	}
	return nil
}
