package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// DashboardDays is the period the dashboard reports on: whole days in the
// shop's time zone, First and Last both included (SPEC §5). Only the year,
// month and day of First and Last are read.
type DashboardDays struct {
	Zone        *time.Location
	First, Last time.Time
}

// NewDashboardDays is the days from first to last in zone; last before first
// is ErrInvalid.
func NewDashboardDays(zone *time.Location, first, last time.Time) (DashboardDays, error) {
	if zone == nil {
		return DashboardDays{}, fmt.Errorf("the period needs a time zone: %w", ErrInvalid)
	}
	d := DashboardDays{Zone: zone, First: midnight(first, zone), Last: midnight(last, zone)}
	if d.Last.Before(d.First) {
		return DashboardDays{}, fmt.Errorf("the period ends before it starts: %w", ErrInvalid)
	}
	return d, nil
}

// midnight is the start of t's calendar day in zone (t's own year, month and
// day, read where t was made).
func midnight(t time.Time, zone *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, zone)
}

// Len is the number of days.
func (d DashboardDays) Len() int {
	// Counted on noon UTC of each date, so a 23- or 25-hour day counts once.
	noon := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC) }
	return int(noon(d.Last).Sub(noon(d.First))/(24*time.Hour)) + 1
}

// Bounds is the period as instants: from the first day's midnight to the
// midnight after the last day, end excluded. A day of 23 or 25 hours (a
// daylight-saving change) is taken whole.
func (d DashboardDays) Bounds() (from, to time.Time) {
	return d.First, time.Date(d.Last.Year(), d.Last.Month(), d.Last.Day()+1, 0, 0, 0, 0, d.Zone)
}

// Previous is the period of the same number of days just before d.
func (d DashboardDays) Previous() DashboardDays {
	n := d.Len()
	first := time.Date(d.First.Year(), d.First.Month(), d.First.Day()-n, 0, 0, 0, 0, d.Zone)
	last := time.Date(d.First.Year(), d.First.Month(), d.First.Day()-1, 0, 0, 0, 0, d.Zone)
	return DashboardDays{Zone: d.Zone, First: first, Last: last}
}

// Dates lists the days, first to last, each at its midnight.
func (d DashboardDays) Dates() []time.Time {
	out := make([]time.Time, 0, d.Len())
	for i := range d.Len() {
		out = append(out, time.Date(d.First.Year(), d.First.Month(), d.First.Day()+i, 0, 0, 0, 0, d.Zone))
	}
	return out
}

// The AI statuses of SPEC §2.1, as conversations store them.
const (
	AIStatusOpen       = "open"
	AIStatusResolved   = "resolved"
	AIStatusUnresolved = "unresolved"
)

// The tags of the agent's conversations (the topic), in the order the
// dashboard lists them.
var Tags = []string{"order_status", "shipping", "returns_refunds", "product_question", "discounts", "account", "other"}

// The dimensions the chart groups by.
const (
	DimensionChannel = "channel"
	DimensionStatus  = "status"
	DimensionTag     = "tag"
)

// DashboardCell counts the agent's conversations started on one day (in the
// shop's time zone) with one value of a dimension: a channel, an AI status,
// or a tag ("" for none yet).
type DashboardCell struct {
	Day       time.Time `db:"day"` // the day's midnight in the period's zone
	Dimension string    `db:"dimension"`
	Value     string    `db:"value"`
	Count     int       `db:"n"`
}

// PeriodFigures are SPEC §5's four metrics over the conversations started in
// a period, whole conversations as they stand now.
type PeriodFigures struct {
	Conversations int
	Resolved      int
	Unresolved    int
	Open          int
	// Sales is the revenue of the orders credited to these conversations,
	// in the shop's currency, cancelled orders left out: a decimal, "0.00"
	// for none.
	Sales       string
	SalesOrders int
}

// ResolutionRate is the share AI resolved, 0 without conversations.
func (p PeriodFigures) ResolutionRate() float64 { return share(p.Resolved, p.Conversations) }

// UnresolvedRate is the share with a handoff, 0 without conversations.
func (p PeriodFigures) UnresolvedRate() float64 { return share(p.Unresolved, p.Conversations) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// DashboardFigures are the metrics of a period and of the one before it,
// and the period's conversations per day for the chart.
type DashboardFigures struct {
	Currency          string // the shop's, that Sales is in
	Current, Previous PeriodFigures
	Cells             []DashboardCell // the current period's, ordered by day, dimension and value
	// SalesByChannel splits the current period's Sales by channel, every
	// channel of Channels listed in its order.
	SalesByChannel []ChannelSales
}

// Dashboard reads the AI agent's overview (SPEC §5).
type Dashboard struct {
	db *sqlx.DB
}

// NewDashboard returns the dashboard's reader.
func NewDashboard(db *sqlx.DB) *Dashboard {
	return &Dashboard{db: db}
}

// dashboardCells sums the counts of the quarter hours in [$2, $3) per day
// in zone $4 and value; before $5 (the period before) only the statuses,
// which its metrics need. 180 days are at most 17,280 quarter hours of a
// few rows each: the way for a zone other than the one the days are kept in.
// The changes not yet folded into the quarter hours (migration 0051) are
// added to them.
const dashboardCells = `
	SELECT (x.slot AT TIME ZONE $4)::date AS day, x.dimension, x.value, sum(x.n) AS n
	FROM (
		SELECT d.slot, d.dimension, d.value, d.n FROM dashboard_counts d
		WHERE d.shop_id = $1 AND d.slot >= $2 AND d.slot < $3 AND (d.slot >= $5 OR d.dimension = 'status')
		UNION ALL
		SELECT p.slot, p.dimension, p.value, p.delta FROM dashboard_changes p
		WHERE p.shop_id = $1 AND p.slot >= $2 AND p.slot < $3 AND (p.slot >= $5 OR p.dimension = 'status')) x
	GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0 ORDER BY 1, 2, 3`

// dashboardDayCells reads the same from the days kept in the shop's zone
// (migration 0048), the days $2 to $3 included, before $4 only the
// statuses: a few rows per day, and the changes not yet folded into them,
// each on its quarter hour's day in that zone ($5).
const dashboardDayCells = `
	SELECT x.day, x.dimension, x.value, sum(x.n) AS n
	FROM (
		SELECT d.day, d.dimension, d.value, d.n FROM dashboard_days d
		WHERE d.shop_id = $1 AND d.day >= $2::date AND d.day <= $3::date AND (d.day >= $4::date OR d.dimension = 'status')
		UNION ALL
		SELECT p.day, p.dimension, p.value, p.delta
		FROM (SELECT (slot AT TIME ZONE $5)::date AS day, dimension, value, delta FROM dashboard_changes WHERE shop_id = $1) p
		WHERE p.day >= $2::date AND p.day <= $3::date AND (p.day >= $4::date OR p.dimension = 'status')) x
	GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0 ORDER BY 1, 2, 3`

// Figures computes the metrics of days and of the period before it, and
// the chart's counts, from one snapshot of the shop's data.
func (s *Dashboard) Figures(ctx context.Context, shopID int64, days DashboardDays) (DashboardFigures, error) {
	if days.Zone == nil {
		return DashboardFigures{}, fmt.Errorf("the dashboard needs a period: %w", ErrInvalid)
	}
	tx, err := beginDashboardRead(ctx, s.db)
	if err != nil {
		return DashboardFigures{}, fmt.Errorf("dashboard of shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	var out DashboardFigures
	var daysZone string
	if err := tx.QueryRowContext(ctx, `SELECT currency, dashboard_zone FROM shops WHERE id = $1`, shopID).Scan(&out.Currency, &daysZone); err != nil {
		return DashboardFigures{}, notFound(err, "shop %d", shopID)
	}
	from, _ := days.Bounds()
	cells, err := dashboardCellsOf(ctx, tx, shopID, days, daysZone)
	if err != nil {
		return DashboardFigures{}, fmt.Errorf("dashboard counts of shop %d: %w", shopID, err)
	}
	for _, c := range cells {
		c.Day = time.Date(c.Day.Year(), c.Day.Month(), c.Day.Day(), 0, 0, 0, 0, days.Zone)
		if c.Day.Before(from) {
			out.Previous.add(c)
			continue
		}
		out.Current.add(c)
		out.Cells = append(out.Cells, c)
	}
	if err := readSales(ctx, tx, shopID, days, out.Currency, daysZone, &out); err != nil {
		return DashboardFigures{}, err
	}
	return out, tx.Commit()
}

// dashboardCellsOf reads the counts of days and of the period before it:
// from the days kept in the shop's zone when days are in that zone
// (daysZone), else from the quarter hours.
func dashboardCellsOf(ctx context.Context, tx *sqlx.Tx, shopID int64, days DashboardDays, daysZone string) ([]DashboardCell, error) {
	var cells []DashboardCell
	from, to := days.Bounds()
	prev := days.Previous()
	if days.Zone.String() == daysZone {
		const date = "2006-01-02"
		err := tx.SelectContext(ctx, &cells, dashboardDayCells, shopID, prev.First.Format(date), days.Last.Format(date), days.First.Format(date), daysZone)
		return cells, err
	}
	prevFrom, _ := prev.Bounds()
	err := tx.SelectContext(ctx, &cells, dashboardCells, shopID, prevFrom, to, days.Zone.String(), from)
	return cells, err
}

// beginDashboardRead opens a read-only snapshot for the dashboard's
// queries, without parallel workers: their start-up on a busy server costs
// more than the few milliseconds these indexed reads take, and the planner,
// which cannot size a prefix search, would otherwise start them.
func beginDashboardRead(ctx context.Context, db *sqlx.DB) (*sqlx.Tx, error) {
	tx, err := db.BeginTxx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `SET LOCAL max_parallel_workers_per_gather = 0`); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

func (p *PeriodFigures) add(c DashboardCell) {
	if c.Dimension != DimensionStatus {
		return
	}
	p.Conversations += c.Count
	switch c.Value {
	case AIStatusResolved:
		p.Resolved += c.Count
	case AIStatusUnresolved:
		p.Unresolved += c.Count
	default:
		p.Open += c.Count
	}
}

// EverOn reports whether the shop's AI agent was ever turned on, and
// whether it is on now: a dashboard of a shop whose agent was never on has
// nothing to show.
func (s *Dashboard) EverOn(ctx context.Context, shopID int64) (everOn, on bool, err error) {
	var row struct {
		Ever bool `db:"ever"`
		On   bool `db:"enabled"`
	}
	err = s.db.GetContext(ctx, &row, `SELECT first_enabled_at IS NOT NULL AS ever, enabled FROM ai_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("AI agent state of shop %d: %w", shopID, err)
	}
	return row.Ever, row.On, nil
}
