package storage

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ChannelSales are the AI-generated sales of one channel's conversations in
// a period: web chat's credited by product-card clicks within 24 hours,
// SMS's by the shop's SMS attribution settings.
type ChannelSales struct {
	Channel string `db:"channel"`
	Sales   string `db:"sales"` // a decimal in the shop's currency, "0.00" for none
	Orders  int    `db:"orders"`
}

// dashboardChannelSales splits the credited orders of the conversations
// started in [$2, $3) by channel, every channel listed ($5) even without a
// sale, in that order. It reads the rows dashboardSales sums, by the same
// index.
const dashboardChannelSales = `
	SELECT ch.channel, coalesce(sum(a.amount), 0)::numeric(14, 2)::text AS sales, count(a.order_id) AS orders
	FROM unnest($5::text[]) WITH ORDINALITY ch(channel, n)
	LEFT JOIN (order_attributions a JOIN orders o ON o.id = a.order_id AND o.shop_id = a.shop_id AND o.cancelled_at IS NULL)
		ON a.channel = ch.channel AND a.shop_id = $1 AND a.conversation_started_at >= $2 AND a.conversation_started_at < $3
			AND a.currency = $4
	GROUP BY ch.channel, ch.n ORDER BY ch.n`

// Channels are the conversations' channels in the order the dashboard
// lists them.
var Channels = []string{ChannelWebChat, ChannelSMS}

// channelSales reads the period's sales per channel in the snapshot tx.
func channelSales(ctx context.Context, tx *sqlx.Tx, shopID int64, days DashboardDays, currency string) ([]ChannelSales, error) {
	from, to := days.Bounds()
	out := []ChannelSales{}
	if err := tx.SelectContext(ctx, &out, dashboardChannelSales, shopID, from, to, currency, pq.Array(Channels)); err != nil {
		return nil, fmt.Errorf("dashboard sales per channel of shop %d: %w", shopID, err)
	}
	return out, nil
}
