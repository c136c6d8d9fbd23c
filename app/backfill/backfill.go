// Package backfill imports a shop's orders (the last 60 days, all that
// read_orders sees) and products from the Admin GraphQL API, page by page,
// saving the cursor after each page so that a run killed midway resumes
// where it stopped, and reconciles periodically from the last finished run
// to repair what webhooks missed.
package backfill

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// OrderWindow is how far back the first import of orders reaches: without
// read_all_orders Shopify returns only the last 60 days.
const OrderWindow = 60 * 24 * time.Hour

// Overlap is how far before the last finished run's start a reconcile
// begins, so that an update committed at Shopify during that run's first
// page, or a clock apart, is not missed. Saving is idempotent.
const Overlap = time.Hour

// DefaultBudget is how long one job runs before it hands over to a
// continuation job, well within the job runner's 2-minute lease.
const DefaultBudget = 90 * time.Second

// ErrStopped is returned by Run when it stopped before the last page to let
// a continuation take over (its budget ran out, or another worker moved the
// cursor first); the caller enqueues the continuation.
var ErrStopped = errors.New("backfill: stopped before the end")

// Source is the part of the Admin API client a run reads.
type Source interface {
	Orders(ctx context.Context, query, after string, first int) (adminapi.OrderPage, error)
	Products(ctx context.Context, query, after string, first int) (adminapi.ProductPage, error)
}

// Progress is where runs record their cursor and counts (storage.Backfills).
type Progress interface {
	Start(ctx context.Context, shopID int64, resource string, since *time.Time) (storage.Backfill, error)
	SavePage(ctx context.Context, shopID int64, resource, prev, next string, n int, lastUpdated time.Time) (bool, error)
	Finish(ctx context.Context, shopID int64, resource string) error
	Fail(ctx context.Context, shopID int64, resource, reason string, final bool) error
	Get(ctx context.Context, shopID int64, resource string) (storage.Backfill, error)
}

// OrderStore saves an order idempotently, keeping the newest updated_at
// (storage.Orders).
type OrderStore interface {
	Save(ctx context.Context, shopID int64, o storage.Order) (applied bool, err error)
}

// ProductStore saves a product idempotently (storage.Products).
type ProductStore interface {
	Save(ctx context.Context, shopID int64, p storage.Product) (applied bool, err error)
}

// Importer runs backfills. Every field but the tuning ones is required.
type Importer struct {
	Progress Progress
	Orders   OrderStore
	Products ProductStore
	Now      func() time.Time
	// OrdersPage is the page size (default adminapi.MaxOrdersPage, 802
	// points); a shop with a smaller bucket needs smaller pages.
	OrdersPage int
	// Budget bounds one Run (default DefaultBudget).
	Budget time.Duration
}

// Run imports resource for shop through src from since (nil: the first
// import, everything the resource's window allows) or resumes the run
// already in progress. It returns nil when the last page is saved,
// ErrStopped when a continuation should take over, or the error that
// stopped it (the run stays resumable; the caller decides whether it is
// final, see Fail).
func (im *Importer) Run(ctx context.Context, shopID int64, src Source, resource string, since *time.Time) error {
	started := im.Now()
	if since == nil && resource == storage.BackfillOrders {
		t := started.Add(-OrderWindow)
		since = &t
	}
	run, err := im.Progress.Start(ctx, shopID, resource, since)
	if err != nil {
		return err
	}
	query := ""
	if run.Since != nil {
		query = adminapi.SearchQuery(adminapi.UpdatedSince(*run.Since))
	}
	budget := im.Budget
	if budget <= 0 {
		budget = DefaultBudget
	}
	for cursor := run.Cursor; ; {
		if im.Now().Sub(started) >= budget {
			return ErrStopped
		}
		next, more, n, last, err := im.page(ctx, shopID, src, resource, query, cursor)
		if err != nil {
			return err
		}
		ok, err := im.Progress.SavePage(ctx, shopID, resource, cursor, next, n, last)
		if err != nil {
			return err
		}
		if !ok {
			return ErrStopped
		}
		if !more {
			return im.Progress.Finish(ctx, shopID, resource)
		}
		cursor = next
	}
}

// page fetches and saves one page after cursor, returning where the next
// begins, whether there is one, how many records it held and the last one's
// updated_at.
func (im *Importer) page(ctx context.Context, shopID int64, src Source, resource, query, cursor string) (next string, more bool, n int, last time.Time, err error) {
	switch resource {
	case storage.BackfillOrders:
		p, err := src.Orders(ctx, query, cursor, sizeOr(im.OrdersPage, adminapi.MaxOrdersPage))
		if err != nil {
			return "", false, 0, time.Time{}, err
		}
		for _, o := range p.Orders {
			if _, err := im.Orders.Save(ctx, shopID, StoredOrder(o)); err != nil {
				return "", false, 0, time.Time{}, fmt.Errorf("backfill order %d: %w", o.NumericID, err)
			}
			last = o.UpdatedAt
		}
		return p.EndCursor, p.HasNextPage, len(p.Orders), last, nil
	case storage.BackfillProducts:
		p, err := src.Products(ctx, query, cursor, adminapi.MaxProductsPage)
		if err != nil {
			return "", false, 0, time.Time{}, err
		}
		for _, pr := range p.Products {
			if _, err := im.Products.Save(ctx, shopID, StoredProduct(pr)); err != nil {
				return "", false, 0, time.Time{}, fmt.Errorf("backfill product %d: %w", pr.NumericID, err)
			}
			last = pr.UpdatedAt
		}
		return p.EndCursor, p.HasNextPage, len(p.Products), last, nil
	default:
		return "", false, 0, time.Time{}, fmt.Errorf("backfill: no importer for %q", resource)
	}
}

func sizeOr(n, max int) int {
	if n <= 0 || n > max {
		return max
	}
	return n
}
