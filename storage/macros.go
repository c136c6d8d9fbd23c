package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Macro is one of the shop's saved replies (Settings → Macros). Body may
// hold variables such as {{customer.first_name}}; the admin checks them when
// the macro is saved and fills them in when an agent inserts it.
type Macro struct {
	ID        int64     `db:"id"`
	ShopID    int64     `db:"shop_id"`
	Name      string    `db:"name"`
	Body      string    `db:"body"`
	CreatedAt time.Time `db:"created_at"`
	UpdatedAt time.Time `db:"updated_at"`
}

// Macros stores the shops' saved replies.
type Macros struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewMacros returns the macro store.
func NewMacros(db *sqlx.DB, now func() time.Time) *Macros { return &Macros{db: db, now: now} }

const macroColumns = `id, shop_id, name, body, created_at, updated_at`

// List returns the shop's macros by name, as agents look them up.
func (s *Macros) List(ctx context.Context, shopID int64) ([]Macro, error) {
	out := []Macro{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+macroColumns+` FROM macros
		WHERE shop_id = $1 ORDER BY lower(name), id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("macros of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Get returns one of the shop's macros; another shop's id is NotFound.
func (s *Macros) Get(ctx context.Context, shopID, id int64) (Macro, error) {
	var m Macro
	err := s.db.GetContext(ctx, &m, `SELECT `+macroColumns+` FROM macros WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return Macro{}, notFound(err, "macro %d", id)
	}
	return m, nil
}

// Create adds a macro (name and body validated by the caller). A name the
// shop already uses, in any capitalisation, is a Conflict.
func (s *Macros) Create(ctx context.Context, shopID int64, name, body string) (Macro, error) {
	var m Macro
	err := s.db.GetContext(ctx, &m, `INSERT INTO macros (shop_id, name, body, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) RETURNING `+macroColumns, shopID, name, body, s.now())
	if err != nil {
		return Macro{}, macroWriteError(err, name, "create macro of shop %d", shopID)
	}
	return m, nil
}

// Update changes one of the shop's macros. Another shop's id is NotFound; a
// name another of the shop's macros uses is a Conflict.
func (s *Macros) Update(ctx context.Context, shopID, id int64, name, body string) (Macro, error) {
	var m Macro
	err := s.db.GetContext(ctx, &m, `UPDATE macros SET name = $3, body = $4, updated_at = $5
		WHERE shop_id = $1 AND id = $2 RETURNING `+macroColumns, shopID, id, name, body, s.now())
	if err != nil {
		return Macro{}, macroWriteError(err, name, "macro %d", id)
	}
	return m, nil
}

// Delete removes one of the shop's macros; another shop's id is NotFound.
func (s *Macros) Delete(ctx context.Context, shopID, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM macros WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return fmt.Errorf("delete macro %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("macro %d: %w", id, ErrNotFound)
	}
	return nil
}

// macroWriteError names a taken name as the Conflict the form shows beside
// the name field; anything else is mapped as usual.
func macroWriteError(err error, name, format string, args ...any) error {
	if isUniqueViolation(err) {
		return fmt.Errorf("a macro with the same name exists: %w", ErrConflict)
	}
	return notFound(err, format, args...)
}
