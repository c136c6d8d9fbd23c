package admin

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// Privacy lists the shop's customer data requests and erasures, with times
// in the shop's time zone.
func (h *Handlers) Privacy(c *fiber.Ctx) error {
	ctx, shopID := c.UserContext(), web.ShopID(c)
	shop, err := h.Shops.Get(ctx, shopID)
	if err != nil {
		return err
	}
	reqs, err := h.Requests.Requests(ctx, shopID, 200)
	if err != nil {
		return err
	}
	rows := make([]pages.PrivacyRow, 0, len(reqs))
	for _, r := range reqs {
		rows = append(rows, privacyRow(i18n.FromContext(ctx), r, shop.Location()))
	}
	return web.Component(c, fiber.StatusOK, pages.Privacy(h.head(c, i18n.T(ctx, "privacy.title")), nav, rows))
}

func privacyRow(l i18n.Locale, r storage.PrivacyRequest, loc *time.Location) pages.PrivacyRow {
	received := r.ReceivedAt.In(loc)
	row := pages.PrivacyRow{ID: r.ID, Customer: l.T("privacy.unknown_customer"), ReceivedAt: l.DateTime(received) + " " + received.Format("MST")}
	if r.ShopifyCustomerID != nil {
		row.Customer = strconv.FormatInt(*r.ShopifyCustomerID, 10)
	}
	switch {
	case r.Topic == "customers/data_request" && r.Export != nil:
		row.Kind, row.ExportURL = l.T("privacy.kind.data_request"), fmt.Sprintf("/app/privacy/%d/export", r.ID)
	case r.Topic == "customers/data_request":
		row.Kind, row.Summary = l.T("privacy.kind.data_request"), l.T("privacy.erased_since")
	default:
		row.Kind, row.Summary = l.T("privacy.kind.erasure"), erasedSummary(l, r.Erased)
	}
	return row
}

// erasedSummary says how many records an erasure removed.
func erasedSummary(l i18n.Locale, raw []byte) string {
	var counts map[string]int64
	_ = json.Unmarshal(raw, &counts)
	var total int64
	for _, n := range counts {
		total += n
	}
	return l.T("privacy.erased", "count", total)
}

// PrivacyExport downloads a data request's export as a JSON file.
func (h *Handlers) PrivacyExport(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return apperr.New(apperr.NotFound, "no such request")
	}
	r, err := h.Requests.Request(c.UserContext(), web.ShopID(c), id)
	if err != nil {
		return err
	}
	if r.Export == nil {
		return apperr.New(apperr.NotFound, "this request has no data to download")
	}
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSONCharsetUTF8)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="customer-data-%d.json"`, r.ID))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(r.Export)
}
