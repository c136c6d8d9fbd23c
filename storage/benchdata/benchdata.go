// Package benchdata fills a shop with the large data sets the performance
// budgets are measured on (DESIGN §7), in SQL: a Go loop would take an
// hour. The storage benchmarks and the load tool (app/loadtest) share it,
// so both measure the same shapes. Bulk runs the fills with the tables'
// indexes and foreign keys set aside; InboxShop and DashboardShop fill one
// shop each that way.
package benchdata

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"
)

// InboxShop fills shopID as Inbox does, on its own (Bulk).
func InboxShop(ctx context.Context, db *sqlx.DB, shopID int64, n int) error {
	return Bulk(ctx, db, nil, Inbox(shopID, n))
}

// Inbox gives shopID n customers, a ticket each (open, snoozed or closed,
// one in four of each of the last two), and five messages per ticket, whose
// words make some searches rare and some common.
func Inbox(shopID int64, n int) Fill {
	return Fill{name: "inbox shop", ordered: []statement{
		{"profiles", `INSERT INTO profiles (shop_id, shopify_customer_id, first_name, last_name, email)
			SELECT $1, 100000 + g, 'Customer', 'Number' || g, 'c' || g || '@example.com' FROM generate_series(1, $2::int) g`,
			[]any{shopID, n}},
		{"tickets", `INSERT INTO conversations (shop_id, profile_id, status, first_message, last_message_preview, message_count,
				last_message_at, created_at, updated_at)
			SELECT $1, p.id, (ARRAY['open','open','snoozed','closed'])[1 + p.id % 4], 'hello', 'hello', 5,
				now() - (p.id || ' minutes')::interval, now(), now()
			FROM profiles p WHERE p.shop_id = $1 AND p.shopify_customer_id > 100000`, []any{shopID}},
	}, messages: statement{"messages", `INSERT INTO messages (shop_id, conversation_id, profile_id, author, body, created_at)
			SELECT $1, c.id, c.profile_id, 'shopper', 'message ' || g || ' about order ' || (c.id * 7 + g) || ' and parcel ' || md5(c.id::text || g), now()
			FROM conversations c, generate_series(1, 5) g WHERE c.shop_id = $1`, []any{shopID}},
	}
}

// DashboardProfiles is how many customers DashboardShop's conversations
// belong to.
const DashboardProfiles = 100_000

// DashboardShop fills shopID as Dashboard does, on its own (Bulk).
func DashboardShop(ctx context.Context, db *sqlx.DB, shopID int64, now time.Time, n int) error {
	return Bulk(ctx, db, nil, Dashboard(shopID, now, n))
}

// Dashboard gives shopID n AI conversations with three messages each,
// started over the 180 days before now (so the last 90 days and the 90
// before them hold all of them), one in 50 with a product click and an
// attributed order. Conversation g belongs to customer g mod
// DashboardProfiles; only the newest of each is still going on. Status,
// handoff, tag and who spoke last vary with g, so every status and tag
// occurs.
func Dashboard(shopID int64, now time.Time, n int) Fill {
	return Fill{name: "dashboard shop", ordered: []statement{
		{"profiles", `INSERT INTO profiles (shop_id, shopify_customer_id, first_name, last_name, email)
			SELECT $1, 100000 + g, 'Customer', 'Number' || g, 'c' || g || '@example.com' FROM generate_series(1, $2::int) g`,
			[]any{shopID, DashboardProfiles}},
		{"conversations", `INSERT INTO conversations (shop_id, profile_id, status, closed_at, closed_by, first_message,
				last_message_preview, message_count, last_message_at, created_at, updated_at, ai_involved, ai_answering,
				handoff, handoff_at, tag, last_author)
			SELECT $1, p.id, CASE WHEN g > $3::int - $4::int THEN 'open' ELSE 'closed' END,
				CASE WHEN g <= $3::int - $4::int THEN t + interval '1 hour' END,
				CASE WHEN g <= $3::int - $4::int THEN 'inactivity' END,
				'question ' || g, 'answer ' || g, 3, t + interval '2 minutes', t, t + interval '2 minutes', true,
				g % 5 <> 0, CASE WHEN g % 5 = 0 THEN 'inbox' ELSE 'none' END, CASE WHEN g % 5 = 0 THEN t END,
				(ARRAY['order_status','shipping','returns_refunds','product_question','discounts','account','other'])[1 + g % 7],
				CASE WHEN g % 3 = 0 THEN 'shopper' ELSE 'ai' END
			FROM generate_series(1, $3::int) g
			CROSS JOIN LATERAL (SELECT $2::timestamptz - (($3::int - g) * interval '180 days' / $3::int) AS t) at
			JOIN profiles p ON p.shop_id = $1 AND p.shopify_customer_id = 100000 + 1 + g % $4::int`,
			[]any{shopID, now, n, DashboardProfiles}},
		{"clicks", `INSERT INTO product_clicks (shop_id, conversation_id, profile_id, shopify_product_id, clicked_at)
			SELECT shop_id, id, profile_id, 9, created_at + interval '1 minute' FROM conversations WHERE shop_id = $1 AND id % 50 = 0`,
			[]any{shopID}},
		{"orders", `INSERT INTO orders (shop_id, shopify_id, profile_id, total, currency, created_at, updated_at)
			SELECT k.shop_id, k.id, k.profile_id, 20 + k.id % 100, 'USD', k.clicked_at + interval '10 minutes', k.clicked_at
			FROM product_clicks k WHERE k.shop_id = $1`, []any{shopID}},
		{"attributions", `INSERT INTO order_attributions (order_id, shop_id, conversation_id, click_id, amount, currency, attributed_at,
				conversation_started_at)
			SELECT o.id, o.shop_id, k.conversation_id, k.id, o.total, o.currency, o.created_at, k.clicked_at - interval '1 minute'
			FROM orders o JOIN product_clicks k ON k.id = o.shopify_id AND k.shop_id = o.shop_id WHERE o.shop_id = $1`, []any{shopID}},
	}, messages: statement{"messages", `INSERT INTO messages (shop_id, conversation_id, author, profile_id, body, created_at)
			SELECT $1, c.id, (ARRAY['shopper','ai','shopper'])[k], CASE WHEN k <> 2 THEN c.profile_id END,
				CASE k WHEN 1 THEN c.first_message ELSE 'message ' || k || ' about order ' || (c.id * 7 + k) || ' ' || md5(c.id::text || k) END,
				c.created_at + k * interval '30 seconds'
			FROM conversations c, generate_series(1, 3) k WHERE c.shop_id = $1`, []any{shopID}},
	}
}
