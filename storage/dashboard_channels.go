package storage

import (
	"context"
	"fmt"
	"slices"

	"github.com/jmoiron/sqlx"
)

// ChannelSales are the AI-generated sales of one channel's conversations in
// a period: web chat's credited by product-card clicks within 24 hours,
// SMS's by the shop's SMS attribution settings.
type ChannelSales struct {
	Channel string `db:"channel"`
	Sales   string `db:"sales"` // a decimal in the shop's currency, "0.00" for none
	Orders  int    `db:"orders"`
}

// dashboardSales sums the credited orders of the conversations started in
// [$2, $4) in one pass over the credits: per period (split at $3: false
// the previous, true the current) over every channel (all_channels 1), and
// per period and channel. Only the agent's conversations have product cards
// and AI texts, so every credit is of one of them. An order cancelled but
// not yet uncredited is left out all the same. The way for a zone other
// than the one the sales' days are kept in.
const dashboardSales = `
	SELECT a.conversation_started_at >= $3 AS current, coalesce(a.channel, '') AS channel,
		GROUPING(a.channel) AS all_channels, sum(a.amount)::numeric(14, 2)::text AS sales, count(*) AS orders
	FROM order_attributions a
	JOIN orders o ON o.id = a.order_id AND o.shop_id = a.shop_id
	WHERE a.shop_id = $1 AND a.conversation_started_at >= $2 AND a.conversation_started_at < $4
		AND o.cancelled_at IS NULL AND a.currency = $5
	GROUP BY GROUPING SETS ((a.conversation_started_at >= $3), (a.conversation_started_at >= $3, a.channel))`

// dashboardSalesDays reads the same from the sales kept per day in the
// shop's zone (migration 0049), the days $6 to $8 included, split at $7:
// a few rows per day, less the credits of cancelled orders not yet
// uncredited, found among the cancelled orders placed since $2 (an order
// is placed after its conversation started).
const dashboardSalesDays = `
	WITH credits AS (
		SELECT d.day >= $7::date AS current, d.channel, d.amount, d.orders
		FROM dashboard_sales_days d
		WHERE d.shop_id = $1 AND d.day >= $6::date AND d.day <= $8::date AND d.currency = $5 AND d.orders <> 0
		UNION ALL
		SELECT a.conversation_started_at >= $3, a.channel, -a.amount, -1
		FROM orders o
		JOIN order_attributions a ON a.order_id = o.id AND a.shop_id = o.shop_id
		WHERE o.shop_id = $1 AND o.cancelled_at IS NOT NULL AND o.created_at >= $2
			AND a.conversation_started_at >= $2 AND a.conversation_started_at < $4 AND a.currency = $5)
	SELECT current, coalesce(channel, '') AS channel, GROUPING(channel) AS all_channels,
		sum(amount)::numeric(14, 2)::text AS sales, sum(orders) AS orders
	FROM credits
	GROUP BY GROUPING SETS ((current), (current, channel))
	HAVING sum(orders) <> 0`

// Channels are the conversations' channels in the order the dashboard
// lists them.
var Channels = []string{ChannelWebChat, ChannelSMS}

// readSales fills out's sales of days and of the period before, and the
// split of days' by channel (every channel of Channels, in its order), from
// one statement in the snapshot tx: from the sales' days when days are in
// the zone they are kept in (daysZone), else from the credits.
func readSales(ctx context.Context, tx *sqlx.Tx, shopID int64, days DashboardDays, currency, daysZone string, out *DashboardFigures) error {
	from, to := days.Bounds()
	prev := days.Previous()
	prevFrom, _ := prev.Bounds()
	var rows []struct {
		Current     bool   `db:"current"`
		Channel     string `db:"channel"`
		AllChannels int    `db:"all_channels"`
		Sales       string `db:"sales"`
		Orders      int    `db:"orders"`
	}
	query, args := dashboardSales, []any{shopID, prevFrom, from, to, currency}
	if days.Zone.String() == daysZone {
		const date = "2006-01-02"
		query, args = dashboardSalesDays, append(args, prev.First.Format(date), days.First.Format(date), days.Last.Format(date))
	}
	if err := tx.SelectContext(ctx, &rows, query, args...); err != nil {
		return fmt.Errorf("dashboard sales of shop %d: %w", shopID, err)
	}
	out.Current.Sales, out.Previous.Sales = "0.00", "0.00"
	out.SalesByChannel = make([]ChannelSales, len(Channels))
	for i, ch := range Channels {
		out.SalesByChannel[i] = ChannelSales{Channel: ch, Sales: "0.00"}
	}
	for _, r := range rows {
		switch {
		case r.AllChannels == 1 && r.Current:
			out.Current.Sales, out.Current.SalesOrders = r.Sales, r.Orders
		case r.AllChannels == 1:
			out.Previous.Sales, out.Previous.SalesOrders = r.Sales, r.Orders
		case r.Current:
			if i := slices.Index(Channels, r.Channel); i >= 0 {
				out.SalesByChannel[i].Sales, out.SalesByChannel[i].Orders = r.Sales, r.Orders
			}
		}
	}
	return nil
}
