package admin

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// BackfillStore is the shop's import progress (storage.Backfills).
type BackfillStore interface {
	List(ctx context.Context, shopID int64) ([]storage.Backfill, error)
}

// Backfill serves Settings → Data: the progress of the import of the
// shop's orders and products.
type Backfill struct {
	store  BackfillStore
	render web.Renderer
	now    func() time.Time
}

// NewBackfill returns the page's handler.
func NewBackfill(store BackfillStore, render web.Renderer, now func() time.Time) *Backfill {
	return &Backfill{store: store, render: render, now: now}
}

// Page shows each resource's latest run.
func (h *Backfill) Page(c *fiber.Ctx) error {
	list, err := h.store.List(c.UserContext(), web.ShopID(c))
	if err != nil {
		return err
	}
	v := pages.BackfillView{}
	for _, b := range list {
		v.Rows = append(v.Rows, backfillRow(i18n.FromContext(c.UserContext()), b, h.now()))
	}
	head := h.render.EmbeddedHead(c, i18n.T(c.UserContext(), "backfill.title"))
	return h.render.Page(c, fiber.StatusOK, pages.Backfill(head, nav, v), pages.Backfill(head, nav, v))
}

// backfillRow writes a run's progress. Records come oldest update first,
// so the share of the time window covered estimates the total.
func backfillRow(l i18n.Locale, b storage.Backfill, now time.Time) pages.BackfillRow {
	r := pages.BackfillRow{Resource: b.Resource, Status: b.Status}
	what := "backfill." + b.Resource // backfill.orders, backfill.products
	switch b.Status {
	case storage.BackfillDone:
		r.Progress = l.T(what+".imported", "count", b.Fetched)
		finished := b.FinishedAt.UTC()
		r.Detail = l.T("backfill.finished", "date", l.DayMonth(finished), "time", l.Time(finished))
	case storage.BackfillFailed:
		r.Progress = l.T(what+".stopped", "count", b.Fetched)
		r.Detail = l.T("backfill.failed", "reason", b.LastError)
	default:
		r.Progress = l.T(what+".importing", "count", b.Fetched)
		if total := estimate(b, now); total > b.Fetched {
			r.Progress = l.T(what+".importing_of", "count", b.Fetched, "total", total)
		}
		if b.LastError != "" {
			r.Detail = l.T("backfill.retrying", "reason", b.LastError)
		}
	}
	return r
}

// estimate extrapolates the run's total from how much of its updated_at
// window the records so far cover; 0 when it cannot tell.
func estimate(b storage.Backfill, now time.Time) int {
	if b.Since == nil || b.LastUpdatedAt == nil || !b.LastUpdatedAt.After(*b.Since) {
		return 0
	}
	covered, window := b.LastUpdatedAt.Sub(*b.Since), now.Sub(*b.Since)
	return int(float64(b.Fetched) * float64(window) / float64(covered))
}
