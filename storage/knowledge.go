package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// KnowledgeSnapshot is everything the AI agent answers a shop's shoppers
// from, as it stood at Version: an engine may keep an index of it for as
// long as Knowledge.Version returns the same number.
type KnowledgeSnapshot struct {
	Version  int64
	ShopName string
	// StorefrontURL is the online store's origin (https://host), its
	// primary domain or else its myshopify.com domain.
	StorefrontURL string
	Email         string // the shop's public contact address
	Currency      string // ISO 4217, the catalog's prices are in it
	IANATimezone  string // dates shoppers read are in it
	// Locale is the shop's primary locale (BCP 47: "en", "es", "pt-BR"),
	// the language its data is written in; "" when not known.
	Locale   string
	FAQs     []FAQ        // published only, in the merchant's order
	Articles []Article    // published only
	Policies []ShopPolicy // by type
	Products []Product    // active only, by title
	// Synonyms are the merchant's own synonym groups (Settings → AI agent):
	// words the shop's shoppers use for the same thing.
	Synonyms []SynonymGroup
}

// SynonymGroup is words and phrases that mean the same thing to a shop's
// shoppers ("hoodie, sweatshirt, jumper"), as the merchant wrote them.
type SynonymGroup struct {
	ID    int64          `db:"id"`
	Words pq.StringArray `db:"words"`
}

// Knowledge reads the shops' knowledge snapshots.
type Knowledge struct {
	db *sqlx.DB
}

// NewKnowledge returns the knowledge store.
func NewKnowledge(db *sqlx.DB) *Knowledge { return &Knowledge{db: db} }

// Version is the shop's knowledge version: it changes in the same
// statement as any change to what a snapshot holds, so equal versions mean
// equal snapshots. An unknown shop is NotFound.
func (s *Knowledge) Version(ctx context.Context, shopID int64) (int64, error) {
	var v int64
	err := s.db.GetContext(ctx, &v, `SELECT knowledge_version FROM shops WHERE id = $1`, shopID)
	if err != nil {
		return 0, notFound(err, "shop %d", shopID)
	}
	return v, nil
}

// Snapshot reads the shop's knowledge and its version as of one moment (a
// read-only, repeatable-read transaction), so the version is exactly that
// of the rows read. An unknown shop is NotFound.
func (s *Knowledge) Snapshot(ctx context.Context, shopID int64) (KnowledgeSnapshot, error) {
	tx, err := beginInShop(ctx, s.db, shopID, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return KnowledgeSnapshot{}, fmt.Errorf("knowledge of shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	var k KnowledgeSnapshot
	err = tx.QueryRowxContext(ctx, `
		SELECT knowledge_version, name, 'https://' || coalesce(nullif(primary_domain, ''), domain), email, currency,
			iana_timezone, primary_locale
		FROM shops WHERE id = $1`, shopID).Scan(&k.Version, &k.ShopName, &k.StorefrontURL, &k.Email, &k.Currency, &k.IANATimezone,
		&k.Locale)
	if err != nil {
		return KnowledgeSnapshot{}, notFound(err, "shop %d", shopID)
	}
	k.FAQs = []FAQ{}
	if err := tx.SelectContext(ctx, &k.FAQs, `SELECT `+faqColumns+` FROM faqs
		WHERE shop_id = $1 AND published ORDER BY position, id`, shopID); err != nil {
		return KnowledgeSnapshot{}, fmt.Errorf("FAQs of shop %d: %w", shopID, err)
	}
	k.Articles = []Article{}
	if err := tx.SelectContext(ctx, &k.Articles, `SELECT `+articleColumns+` FROM knowledge_articles
		WHERE shop_id = $1 AND published ORDER BY id`, shopID); err != nil {
		return KnowledgeSnapshot{}, fmt.Errorf("articles of shop %d: %w", shopID, err)
	}
	if k.Policies, err = policies(ctx, tx, shopID); err != nil {
		return KnowledgeSnapshot{}, err
	}
	k.Products = []Product{}
	if err := tx.SelectContext(ctx, &k.Products, `SELECT `+productColumns+`
		FROM products WHERE shop_id = $1 AND lower(status) = 'active' ORDER BY title, shopify_id`, shopID); err != nil {
		return KnowledgeSnapshot{}, fmt.Errorf("products of shop %d: %w", shopID, err)
	}
	if k.Synonyms, err = synonymGroups(ctx, tx, shopID); err != nil {
		return KnowledgeSnapshot{}, err
	}
	return k, tx.Commit()
}
