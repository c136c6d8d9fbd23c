package admin

import (
	"encoding/csv"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/views/i18n"
)

// exportPage is how many rows each keyset read of the export fetches (a
// variable so that tests can make an export span several reads).
var exportPage = 1000

// maxExportRows bounds one export: the file is built in memory, and a shop
// with a million conversations in a year would otherwise hold hundreds of
// megabytes and outrun the request's deadline (500,000 rows took 12 s to
// read on a busy machine, BenchmarkDashboard). Past it the merchant is
// asked to export a shorter range. A variable so that tests can lower it.
var maxExportRows = 100_000

// exportHeader names the export's columns in l: the table's.
func exportHeader(l i18n.Locale) []string {
	out := []string{}
	for _, column := range []string{"first_question", "profile", "status", "tag", "messages", "last_updated"} {
		out = append(out, l.T("dashboard.table."+column))
	}
	return out
}

// DashboardExport serves GET /app/dashboard/export.csv: every row of the
// table the query filters, not only its first page, read page by page by
// keyset, as CSV (RFC 4180). A page's download button fetches it with the
// session token (static/js/admin.js), as every admin download does.
func (h *Handlers) DashboardExport(c *fiber.Ctx) error {
	shop, err := h.Shops.Get(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	in := readDashboardQuery(i18n.FromContext(c.UserContext()), queryParam(c), h.Now(), shop.Location())
	if len(in.Problems) > 0 {
		return apperr.New(apperr.Invalid, "%s", strings.Join(in.Problems, " "))
	}
	in.After = ""
	if err := h.writeExport(c, in, shop.Location()); err != nil {
		c.Response().ResetBody() // the error's page replaces the rows written so far
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+exportName(in.Days)+`"`)
	return nil
}

// writeExport writes the header and every row of the filtered table.
func (h *Handlers) writeExport(c *fiber.Ctx, in dashboardInput, loc *time.Location) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	w := csv.NewWriter(c.Response().BodyWriter())
	w.UseCRLF = true // RFC 4180's line ending
	l := i18n.FromContext(ctx)
	if err := w.Write(exportHeader(l)); err != nil {
		return err
	}
	filter, total := in.filter(exportPage), 0
	for {
		rows, err := h.Overview.Conversations(ctx, shopID, filter)
		if err != nil {
			return err
		}
		if total += len(rows); total > maxExportRows {
			return apperr.New(apperr.Invalid, "%s", l.T("dashboard.export_too_big", "max", maxExportRows))
		}
		for _, r := range rows {
			row := tableRow(l, r, in.dashboardQuery, loc)
			if err := w.Write(guardCells(row.FirstQuestion, row.Profile, row.StatusLabel, row.TagLabel,
				strconv.Itoa(row.Messages), r.UpdatedAt.In(loc).Format("2006-01-02 15:04"))); err != nil {
				return err
			}
		}
		if len(rows) < exportPage {
			break
		}
		last := rows[len(rows)-1]
		filter.AfterAt, filter.AfterID = last.StartedAt, last.ID
	}
	w.Flush()
	return w.Error()
}

// guardCells keeps a spreadsheet from running a cell as a formula: one
// that starts with = + - @, a tab or a carriage return gets a leading ',
// which shows the text as it is.
func guardCells(cells ...string) []string {
	for i, s := range cells {
		if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
			cells[i] = "'" + s
		}
	}
	return cells
}
