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

// All lists the shop's articles, drafts too, by title.
func (s *Articles) All(ctx context.Context, shopID int64) ([]Article, error) {
	out := []Article{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+articleColumns+` FROM knowledge_articles
		WHERE shop_id = $1 ORDER BY lower(title), id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("articles of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Get returns one of the shop's articles; another shop's id is NotFound.
func (s *Articles) Get(ctx context.Context, shopID, id int64) (Article, error) {
	var a Article
	err := s.db.GetContext(ctx, &a, `SELECT `+articleColumns+` FROM knowledge_articles
		WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return Article{}, notFound(err, "article %d", id)
	}
	return a, nil
}

// Create adds an article (validated by the caller).
func (s *Articles) Create(ctx context.Context, shopID int64, title, body string, published bool) (Article, error) {
	var a Article
	err := s.db.GetContext(ctx, &a, `INSERT INTO knowledge_articles (shop_id, title, body, published, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING `+articleColumns, shopID, title, body, published, s.now())
	if err != nil {
		return Article{}, fmt.Errorf("create article of shop %d: %w", shopID, err)
	}
	return a, nil
}

// Update changes one of the shop's articles (validated by the caller);
// another shop's id is NotFound.
func (s *Articles) Update(ctx context.Context, shopID, id int64, title, body string, published bool) (Article, error) {
	var a Article
	err := s.db.GetContext(ctx, &a, `UPDATE knowledge_articles SET title = $3, body = $4, published = $5, updated_at = $6
		WHERE shop_id = $1 AND id = $2 RETURNING `+articleColumns, shopID, id, title, body, published, s.now())
	if err != nil {
		return Article{}, notFound(err, "article %d", id)
	}
	return a, nil
}

// SetPublished publishes one of the shop's articles, or turns it back into
// a draft; another shop's id is NotFound.
func (s *Articles) SetPublished(ctx context.Context, shopID, id int64, published bool) (Article, error) {
	var a Article
	err := s.db.GetContext(ctx, &a, `UPDATE knowledge_articles SET published = $3, updated_at = $4
		WHERE shop_id = $1 AND id = $2 RETURNING `+articleColumns, shopID, id, published, s.now())
	if err != nil {
		return Article{}, notFound(err, "article %d", id)
	}
	return a, nil
}

// Delete removes one of the shop's articles; another shop's id is NotFound.
func (s *Articles) Delete(ctx context.Context, shopID, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM knowledge_articles WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("article %d: %w", id, ErrNotFound)
	}
	return nil
}
