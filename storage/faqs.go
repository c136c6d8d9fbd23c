package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
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
