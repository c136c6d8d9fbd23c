package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// NewFAQ is a FAQ to add.
type NewFAQ struct {
	Question, Answer string
	Published        bool
}

// NewArticle is a knowledge article to add.
type NewArticle struct {
	Title, Body string
	Published   bool
}

// Imports imports the merchant's FAQs and articles in bulk, as a
// merchant moving from another helpdesk brings them.
type Imports struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewImports returns the import store.
func NewImports(db *sqlx.DB, now func() time.Time) *Imports { return &Imports{db: db, now: now} }

// Import adds faqs, after the shop's FAQs in their order, and articles
// (all validated by the caller), all of them or, on any failure, none.
func (s *Imports) Import(ctx context.Context, shopID int64, faqs []NewFAQ, articles []NewArticle) error {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("import into shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	now := s.now()
	if err := importFAQs(ctx, tx, shopID, faqs, now); err != nil {
		return err
	}
	if err := importArticles(ctx, tx, shopID, articles, now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import into shop %d: commit: %w", shopID, err)
	}
	return nil
}

// ImportIntoEmpty imports faqs and articles as Import does, but only into a
// shop that has no FAQ and no article yet: imported is false, and nothing
// changes, when it has some. It seeds a new shop once, however often it
// runs, and never over what the merchant wrote or changed since.
func (s *Imports) ImportIntoEmpty(ctx context.Context, shopID int64, faqs []NewFAQ, articles []NewArticle) (imported bool, err error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return false, fmt.Errorf("seed shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	// The shop's row lock makes two seeds at once take turns. The check
	// is a statement of its own, after the lock: in READ COMMITTED a new
	// statement sees what the seed before it committed.
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM shops WHERE id = $1 FOR UPDATE`, shopID); err != nil {
		return false, fmt.Errorf("seed shop %d: %w", shopID, err)
	}
	var hasKnowledge bool
	err = tx.GetContext(ctx, &hasKnowledge, `
		SELECT EXISTS (SELECT 1 FROM faqs WHERE shop_id = s.id) OR EXISTS (SELECT 1 FROM knowledge_articles WHERE shop_id = s.id)
		FROM shops s WHERE s.id = $1`, shopID)
	if err != nil {
		return false, notFound(err, "shop %d", shopID)
	}
	if hasKnowledge {
		return false, nil
	}
	now := s.now()
	if err := importFAQs(ctx, tx, shopID, faqs, now); err != nil {
		return false, err
	}
	if err := importArticles(ctx, tx, shopID, articles, now); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("seed shop %d: commit: %w", shopID, err)
	}
	return true, nil
}

// importFAQs appends the FAQs in one statement, numbered after the last.
func importFAQs(ctx context.Context, tx *sqlx.Tx, shopID int64, faqs []NewFAQ, now time.Time) error {
	if len(faqs) == 0 {
		return nil
	}
	questions, answers, published := make([]string, len(faqs)), make([]string, len(faqs)), make([]bool, len(faqs))
	for i, f := range faqs {
		questions[i], answers[i], published[i] = f.Question, f.Answer, f.Published
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO faqs (shop_id, question, answer, published, position, created_at, updated_at)
		SELECT $1, f.question, f.answer, f.published,
			(SELECT coalesce(max(position), 0) FROM faqs WHERE shop_id = $1) + f.n, $5, $5
		FROM unnest($2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS f(question, answer, published, n)
		ORDER BY f.n`, shopID, pq.Array(questions), pq.Array(answers), pq.Array(published), now)
	if err != nil {
		return fmt.Errorf("import %d FAQs into shop %d: %w", len(faqs), shopID, err)
	}
	return nil
}

// importArticles adds the articles in one statement.
func importArticles(ctx context.Context, tx *sqlx.Tx, shopID int64, articles []NewArticle, now time.Time) error {
	if len(articles) == 0 {
		return nil
	}
	titles, bodies, published := make([]string, len(articles)), make([]string, len(articles)), make([]bool, len(articles))
	for i, a := range articles {
		titles[i], bodies[i], published[i] = a.Title, a.Body, a.Published
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO knowledge_articles (shop_id, title, body, published, created_at, updated_at)
		SELECT $1, a.title, a.body, a.published, $5, $5
		FROM unnest($2::text[], $3::text[], $4::boolean[]) WITH ORDINALITY AS a(title, body, published, n)
		ORDER BY a.n`, shopID, pq.Array(titles), pq.Array(bodies), pq.Array(published), now)
	if err != nil {
		return fmt.Errorf("import %d articles into shop %d: %w", len(articles), shopID, err)
	}
	return nil
}
