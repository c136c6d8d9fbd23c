package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// FAQ is one of the shop's questions with its answer.
type FAQ struct {
	ID        int64  `db:"id"`
	ShopID    int64  `db:"shop_id"`
	Question  string `db:"question"`
	Answer    string `db:"answer"`
	Position  int    `db:"position"`
	Published bool   `db:"published"`
}

// FAQs stores the shops' FAQs.
type FAQs struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewFAQs returns the FAQ store.
func NewFAQs(db *sqlx.DB, now func() time.Time) *FAQs { return &FAQs{db: db, now: now} }

// Published lists the shop's published FAQs in the merchant's order.
func (s *FAQs) Published(ctx context.Context, shopID int64) ([]FAQ, error) {
	out := []FAQ{}
	err := s.db.SelectContext(ctx, &out, `SELECT id, shop_id, question, answer, position, published FROM faqs
		WHERE shop_id = $1 AND published ORDER BY position, id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("published FAQs of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Create adds a FAQ at the end of the shop's list.
func (s *FAQs) Create(ctx context.Context, shopID int64, question, answer string, published bool) (FAQ, error) {
	var f FAQ
	err := s.db.GetContext(ctx, &f, `
		INSERT INTO faqs (shop_id, question, answer, published, position, created_at, updated_at)
		VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM faqs WHERE shop_id = $1), $5, $5)
		RETURNING id, shop_id, question, answer, position, published`, shopID, question, answer, published, s.now())
	if err != nil {
		return FAQ{}, fmt.Errorf("create FAQ of shop %d: %w", shopID, err)
	}
	return f, nil
}

const faqColumns = `id, shop_id, question, answer, position, published`

// All lists the shop's FAQs, drafts too, in the merchant's order.
func (s *FAQs) All(ctx context.Context, shopID int64) ([]FAQ, error) {
	out := []FAQ{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+faqColumns+` FROM faqs WHERE shop_id = $1 ORDER BY position, id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("FAQs of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Get returns one of the shop's FAQs; another shop's id is NotFound.
func (s *FAQs) Get(ctx context.Context, shopID, id int64) (FAQ, error) {
	var f FAQ
	err := s.db.GetContext(ctx, &f, `SELECT `+faqColumns+` FROM faqs WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return FAQ{}, notFound(err, "FAQ %d", id)
	}
	return f, nil
}

// Update changes one of the shop's FAQs (validated by the caller), keeping
// its place in the list; another shop's id is NotFound.
func (s *FAQs) Update(ctx context.Context, shopID, id int64, question, answer string, published bool) (FAQ, error) {
	var f FAQ
	err := s.db.GetContext(ctx, &f, `UPDATE faqs SET question = $3, answer = $4, published = $5, updated_at = $6
		WHERE shop_id = $1 AND id = $2 RETURNING `+faqColumns, shopID, id, question, answer, published, s.now())
	if err != nil {
		return FAQ{}, notFound(err, "FAQ %d", id)
	}
	return f, nil
}

// SetPublished publishes one of the shop's FAQs, or turns it back into a
// draft; another shop's id is NotFound.
func (s *FAQs) SetPublished(ctx context.Context, shopID, id int64, published bool) (FAQ, error) {
	var f FAQ
	err := s.db.GetContext(ctx, &f, `UPDATE faqs SET published = $3, updated_at = $4
		WHERE shop_id = $1 AND id = $2 RETURNING `+faqColumns, shopID, id, published, s.now())
	if err != nil {
		return FAQ{}, notFound(err, "FAQ %d", id)
	}
	return f, nil
}

// Delete removes one of the shop's FAQs; another shop's id is NotFound.
func (s *FAQs) Delete(ctx context.Context, shopID, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM faqs WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return fmt.Errorf("delete FAQ %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("faq %d: %w", id, ErrNotFound)
	}
	return nil
}

// Move swaps one of the shop's FAQs with its neighbour above (by -1) or
// below (by +1). Moving the first up or the last down changes nothing;
// another shop's id is NotFound.
func (s *FAQs) Move(ctx context.Context, shopID, id int64, by int) error {
	if by != -1 && by != 1 {
		return fmt.Errorf("a FAQ moves one place up or down: %w", ErrInvalid)
	}
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("move FAQ %d: %w", id, err)
	}
	defer tx.Rollback()
	// Locking the shop's list keeps two moves at once from reading the same
	// order and writing clashing positions.
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT id FROM faqs WHERE shop_id = $1 ORDER BY position, id FOR UPDATE`, shopID); err != nil {
		return fmt.Errorf("move FAQ %d: %w", id, err)
	}
	i := slices.Index(ids, id)
	if i < 0 {
		return fmt.Errorf("faq %d: %w", id, ErrNotFound)
	}
	j := i + by
	if j < 0 || j >= len(ids) {
		return nil
	}
	ids[i], ids[j] = ids[j], ids[i]
	// Renumbering the whole list also mends positions that two creations at
	// once may have given twice.
	if _, err := tx.ExecContext(ctx, `UPDATE faqs SET position = o.n, updated_at = $3
		FROM unnest($2::bigint[]) WITH ORDINALITY AS o(id, n)
		WHERE faqs.shop_id = $1 AND faqs.id = o.id AND faqs.position <> o.n`, shopID, pq.Array(ids), s.now()); err != nil {
		return fmt.Errorf("move FAQ %d: %w", id, err)
	}
	return tx.Commit()
}
