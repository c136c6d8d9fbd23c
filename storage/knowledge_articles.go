package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Article is one of the merchant's knowledge articles, which the AI agent
// answers from.
type Article struct {
	ID        int64     `db:"id"`
	ShopID    int64     `db:"shop_id"`
	Title     string    `db:"title"`
	Body      string    `db:"body"`
	Published bool      `db:"published"`
	UpdatedAt time.Time `db:"updated_at"`
}

const articleColumns = `id, shop_id, title, body, published, updated_at`

// Articles stores the shops' knowledge articles.
type Articles struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewArticles returns the article store.
func NewArticles(db *sqlx.DB, now func() time.Time) *Articles { return &Articles{db: db, now: now} }

// Published lists the shop's published articles, oldest first.
func (s *Articles) Published(ctx context.Context, shopID int64) ([]Article, error) {
	out := []Article{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+articleColumns+` FROM knowledge_articles
		WHERE shop_id = $1 AND published ORDER BY id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("published articles of shop %d: %w", shopID, err)
	}
	return out, nil
}
