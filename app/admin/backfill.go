package admin

import (
	"context"
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
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
		v.Rows = append(v.Rows, backfillRow(b, h.now()))
	}
	head := h.render.EmbeddedHead(c, "Data")
	return h.render.Page(c, fiber.StatusOK, pages.Backfill(head, nav, v), pages.Backfill(head, nav, v))
}

// backfillRow writes a run's progress. Records come oldest update first,
// so the share of the time window covered estimates the total.
func backfillRow(b storage.Backfill, now time.Time) pages.BackfillRow {
	r := pages.BackfillRow{Resource: b.Resource, Status: b.Status}
	switch b.Status {
	case storage.BackfillDone:
		r.Progress = fmt.Sprintf("Imported %s %s", pages.Count(b.Fetched), b.Resource)
		r.Detail = "Finished " + b.FinishedAt.UTC().Format("Jan 2, 15:04 UTC")
	case storage.BackfillFailed:
		r.Progress = fmt.Sprintf("Import of %s stopped after %s", b.Resource, pages.Count(b.Fetched))
		r.Detail = "Failed: " + b.LastError
	default:
		r.Progress = fmt.Sprintf("Importing %s: %s", b.Resource, pages.Count(b.Fetched))
		if total := estimate(b, now); total > b.Fetched {
			r.Progress += " of ~" + pages.Count(total)
		}
		if b.LastError != "" {
			r.Detail = "Retrying after: " + b.LastError
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
