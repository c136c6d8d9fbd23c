package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Backfill statuses: a run is running until it has saved its last page
// (done) or its job has used up its attempts (failed).
const (
	BackfillRunning = "running"
	BackfillDone    = "done"
	BackfillFailed  = "failed"
)

// Backfill resources: what a run imports.
const (
	BackfillOrders   = "orders"
	BackfillProducts = "products"
)

// Backfill is the current or latest import of one resource of a shop.
type Backfill struct {
	ShopID   int64  `db:"shop_id"`
	Resource string `db:"resource"`
	Status   string `db:"status"`
	// Since is the run's lower bound on updated_at; nil imports everything.
	Since *time.Time `db:"since"`
	// Cursor is the Admin API's endCursor after the last page saved: where
	// the run continues ("" before its first page).
	Cursor        string     `db:"cursor"`
	Pages         int        `db:"pages"`
	Fetched       int        `db:"fetched"`
	LastUpdatedAt *time.Time `db:"last_updated_at"` // of the last record saved
	LastError     string     `db:"last_error"`
	StartedAt     time.Time  `db:"started_at"`
	FinishedAt    *time.Time `db:"finished_at"`
	// CompletedSince is when the last finished run started, the bound a
	// reconcile starts from (nil until a run finished); CompletedAt is when
	// that run finished.
	CompletedSince *time.Time `db:"completed_since"`
	CompletedAt    *time.Time `db:"completed_at"`
}

// Backfills records the imports' progress, so that a run resumes from its
// cursor and the admin shows how far it got.
type Backfills struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewBackfills returns the progress records in db, reading time from now.
func NewBackfills(db *sqlx.DB, now func() time.Time) *Backfills {
	return &Backfills{db: db, now: now}
}

const backfillColumns = `shop_id, resource, status, since, cursor, pages, fetched, last_updated_at,
	last_error, started_at, finished_at, completed_since, completed_at`

// Start begins a run of resource from since (nil: everything) unless one is
// running, which is returned as it stands so that it resumes at its cursor.
// A finished or failed run is replaced by the new one.
func (s *Backfills) Start(ctx context.Context, shopID int64, resource string, since *time.Time) (Backfill, error) {
	var rows []Backfill
	err := s.db.SelectContext(ctx, &rows, `INSERT INTO backfills (shop_id, resource, status, since, started_at)
		VALUES ($1, $2, 'running', $3, $4)
		ON CONFLICT (shop_id, resource) DO UPDATE SET status = 'running', since = EXCLUDED.since, cursor = '',
			pages = 0, fetched = 0, last_updated_at = NULL, last_error = '', started_at = EXCLUDED.started_at,
			finished_at = NULL
		WHERE backfills.status <> 'running'
		RETURNING `+backfillColumns, shopID, resource, since, s.now())
	if err != nil {
		return Backfill{}, fmt.Errorf("start backfill of %s: %w", resource, err)
	}
	if len(rows) == 1 {
		return rows[0], nil
	}
	return s.Get(ctx, shopID, resource)
}

// Get returns the shop's latest run of resource, or a not-found error.
func (s *Backfills) Get(ctx context.Context, shopID int64, resource string) (Backfill, error) {
	var b Backfill
	err := s.db.GetContext(ctx, &b, `SELECT `+backfillColumns+` FROM backfills WHERE shop_id = $1 AND resource = $2`, shopID, resource)
	if err != nil {
		return Backfill{}, notFound(err, "backfill of %s", resource)
	}
	return b, nil
}

// List returns the shop's runs, orders first.
func (s *Backfills) List(ctx context.Context, shopID int64) ([]Backfill, error) {
	var list []Backfill
	err := s.db.SelectContext(ctx, &list, `SELECT `+backfillColumns+` FROM backfills WHERE shop_id = $1 ORDER BY resource`, shopID)
	if err != nil {
		return nil, fmt.Errorf("list backfills: %w", err)
	}
	return list, nil
}

// SavePage records a page of n records saved, the last updated at
// lastUpdated, and moves the running run's cursor from prev to next. It
// reports false, changing nothing, when the run is no longer at prev (or
// no longer running): another worker got there first, and this one stops.
func (s *Backfills) SavePage(ctx context.Context, shopID int64, resource, prev, next string, n int, lastUpdated time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE backfills SET cursor = $4, pages = pages + 1, fetched = fetched + $5,
			last_updated_at = COALESCE($6, last_updated_at), last_error = ''
		WHERE shop_id = $1 AND resource = $2 AND status = 'running' AND cursor = $3`,
		shopID, resource, prev, next, n, nullTime(lastUpdated))
	if err != nil {
		return false, fmt.Errorf("save backfill page of %s: %w", resource, err)
	}
	rows, err := res.RowsAffected()
	return rows == 1, err
}

// Finish marks the running run done and remembers when it started: every
// change since then is for the next reconcile.
func (s *Backfills) Finish(ctx context.Context, shopID int64, resource string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE backfills SET status = 'done', finished_at = $3, completed_at = $3,
			completed_since = started_at, last_error = ''
		WHERE shop_id = $1 AND resource = $2 AND status = 'running'`, shopID, resource, s.now())
	if err != nil {
		return fmt.Errorf("finish backfill of %s: %w", resource, err)
	}
	return nil
}

// Fail records why the running run stopped; final marks it failed (its job
// has no attempts left), otherwise it stays running and will be retried.
func (s *Backfills) Fail(ctx context.Context, shopID int64, resource, reason string, final bool) error {
	_, err := s.db.ExecContext(ctx, `UPDATE backfills SET last_error = $3,
			status = CASE WHEN $4 THEN 'failed' ELSE status END,
			finished_at = CASE WHEN $4 THEN $5 ELSE finished_at END
		WHERE shop_id = $1 AND resource = $2 AND status = 'running'`, shopID, resource, reason, final, s.now())
	if err != nil {
		return fmt.Errorf("fail backfill of %s: %w", resource, err)
	}
	return nil
}

// ShopsWithoutReconcile are the installed shops with no job of kind
// (the daily reconcile) queued or running: their chain of reconciles was
// broken, by a parked job say, and needs a new start.
func (s *Backfills) ShopsWithoutReconcile(ctx context.Context, kind string) ([]Shop, error) {
	var shops []Shop
	err := s.db.SelectContext(ctx, &shops, `SELECT s.id, s.domain FROM shops s
		WHERE s.uninstalled_at IS NULL AND NOT EXISTS (SELECT 1 FROM jobs j
			WHERE j.shop_id = s.id AND j.kind = $1 AND j.status IN ('queued', 'running'))
		ORDER BY s.id`, kind)
	if err != nil {
		return nil, fmt.Errorf("shops without a reconcile: %w", err)
	}
	return shops, nil
}
