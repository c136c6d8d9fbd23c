package admin

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// DashboardReader reads the AI agent's overview (storage.Dashboard).
type DashboardReader interface {
	Figures(ctx context.Context, shopID int64, days storage.DashboardDays) (storage.DashboardFigures, error)
	Conversations(ctx context.Context, shopID int64, f storage.DashboardFilter) ([]storage.DashboardRow, error)
	EverOn(ctx context.Context, shopID int64) (everOn, on bool, err error)
}

// dashboardPage is how many conversations one page of the table shows.
const dashboardPage = 25

// Dashboard serves GET /app/dashboard: the AI agent's overview (SPEC §5),
// drawn from the URL alone so that a view can be bookmarked. A wrong value
// in the URL is named in a message, with status 422, and its default shown
// in its place.
func (h *Handlers) Dashboard(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	everOn, on, err := h.Overview.EverOn(ctx, shopID)
	if err != nil {
		return err
	}
	head := h.head(c, i18n.T(ctx, "dashboard.title"))
	if !everOn {
		return web.Component(c, fiber.StatusOK, pages.DashboardNeverOn(head, nav))
	}
	in := readDashboardQuery(i18n.FromContext(ctx), queryParam(c), h.Now(), shop.Location())
	v, err := h.dashboardOverview(ctx, shop, in)
	if err != nil {
		return err
	}
	return web.Component(c, statusOf(in), pages.Dashboard(head, nav, pages.DashboardPage{AgentOff: !on, Overview: v}))
}

// DashboardOverview serves GET /app/dashboard/overview: the figures, the
// chart and the table for another range or group-by, for htmx. The URL of
// the page it shows becomes the browser's.
func (h *Handlers) DashboardOverview(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	in := readDashboardQuery(i18n.FromContext(ctx), queryParam(c), h.Now(), shop.Location())
	v, err := h.dashboardOverview(ctx, shop, in)
	if err != nil {
		return err
	}
	v.DaysOutOfBand = in.Range != rangeCustom // never while the merchant is typing a day
	pushDashboardURL(c, in.dashboardQuery)
	return web.Component(c, statusOf(in), pages.DashboardOverviewPart(v))
}

// DashboardRows serves GET /app/dashboard/rows: the table for another
// search, filter or page, for htmx.
func (h *Handlers) DashboardRows(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	in := readDashboardQuery(i18n.FromContext(ctx), queryParam(c), h.Now(), shop.Location())
	v, err := h.dashboardTable(ctx, shop, in)
	if err != nil {
		return err
	}
	pushDashboardURL(c, in.dashboardQuery)
	return web.Component(c, statusOf(in), pages.DashboardTablePart(v))
}

// dashboardOverview reads the figures and the table's page the query asks
// for.
func (h *Handlers) dashboardOverview(ctx context.Context, shop storage.Shop, in dashboardInput) (pages.DashboardOverview, error) {
	figures, err := h.Overview.Figures(ctx, shop.ID, in.Days)
	if err != nil {
		return pages.DashboardOverview{}, err
	}
	table, err := h.dashboardTable(ctx, shop, in)
	if err != nil {
		return pages.DashboardOverview{}, err
	}
	table.Problems = nil // the overview names them once, above everything
	l := i18n.FromContext(ctx)
	return pages.DashboardOverview{
		Form: dashboardForm(l, in), Problems: in.Problems, Period: periodText(l, in.Days),
		Metrics: metricCards(l, figures, in.Days), Chart: buildChart(l, figures.Cells, in.Days, in.Group), Table: table,
	}, nil
}

// dashboardTable reads one page of the table.
func (h *Handlers) dashboardTable(ctx context.Context, shop storage.Shop, in dashboardInput) (pages.DashboardTable, error) {
	rows, err := h.Overview.Conversations(ctx, shop.ID, in.filter(dashboardPage+1))
	if err != nil {
		return pages.DashboardTable{}, err
	}
	return tableView(i18n.FromContext(ctx), rows, in, shop.Location()), nil
}

// statusOf is 422 when the URL held a wrong value, which the page names.
func statusOf(in dashboardInput) int {
	if len(in.Problems) > 0 {
		return fiber.StatusUnprocessableEntity
	}
	return fiber.StatusOK
}

// pushDashboardURL tells htmx the address of the view now shown. Inside
// the admin's iframe a page load needs the embedded parameters, so those of
// the current address are kept; the session token is not: a reload fetches
// a fresh one.
func pushDashboardURL(c *fiber.Ctx, q dashboardQuery) {
	v := q.values(true)
	if current, err := url.Parse(c.Get("HX-Current-URL")); err == nil {
		for _, k := range []string{"embedded", "shop", "host", "locale"} {
			if s := current.Query().Get(k); s != "" {
				v.Set(k, s)
			}
		}
	}
	c.Set("HX-Push-Url", "/app/dashboard?"+v.Encode())
	c.Vary("HX-Request")
}

// dashboardHref is the dashboard's address for q.
func dashboardHref(q dashboardQuery, withPage bool) string {
	return "/app/dashboard?" + q.values(withPage).Encode()
}

// threadHref is a conversation's read-only page, remembering the view it
// was opened from.
func threadHref(id int64, q dashboardQuery) string {
	return "/app/dashboard/conversations/" + strconv.FormatInt(id, 10) + "?" + q.values(true).Encode()
}

// queryParam reads the request's query parameters, copied: Fiber reuses
// the request's buffers once the handler returns.
func queryParam(c *fiber.Ctx) func(key string) string {
	return func(key string) string { return strings.Clone(c.Query(key)) }
}
