package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// ShopPolicy is one of the shop's policies as the AI agent answers from it.
type ShopPolicy struct {
	// Type is Shopify's ShopPolicyType: REFUND_POLICY, SHIPPING_POLICY,
	// PRIVACY_POLICY, TERMS_OF_SERVICE, CONTACT_INFORMATION, …
	Type  string `db:"type"`
	Title string `db:"title"`
	// Body is plain text, its paragraphs separated by blank lines.
	Body string `db:"body"`
	URL  string `db:"url"`
}

// replacePolicies makes the shop's stored policies exactly policies:
// changed ones are rewritten, unchanged ones left alone, missing ones
// deleted. Two policies of one type keep the last.
func replacePolicies(ctx context.Context, tx *sqlx.Tx, shopID int64, policies []ShopPolicy, now time.Time) error {
	types := make([]string, 0, len(policies))
	for _, p := range policies {
		if p.Type == "" {
			return fmt.Errorf("a policy of shop %d has no type: %w", shopID, ErrInvalid)
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO shop_policies (shop_id, type, title, body, url, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (shop_id, type) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
				url = EXCLUDED.url, updated_at = EXCLUDED.updated_at
			WHERE (shop_policies.title, shop_policies.body, shop_policies.url)
				IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.body, EXCLUDED.url)`,
			shopID, p.Type, p.Title, p.Body, p.URL, now)
		if err != nil {
			return fmt.Errorf("store policy %s of shop %d: %w", p.Type, shopID, err)
		}
		types = append(types, p.Type)
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM shop_policies WHERE shop_id = $1 AND NOT (type = ANY($2::text[]))`,
		shopID, pq.Array(types))
	if err != nil {
		return fmt.Errorf("delete old policies of shop %d: %w", shopID, err)
	}
	return nil
}

// policies lists the shop's policies by type.
func policies(ctx context.Context, q sqlx.QueryerContext, shopID int64) ([]ShopPolicy, error) {
	out := []ShopPolicy{}
	err := sqlx.SelectContext(ctx, q, &out, `SELECT type, title, body, url FROM shop_policies
		WHERE shop_id = $1 ORDER BY type`, shopID)
	if err != nil {
		return nil, fmt.Errorf("policies of shop %d: %w", shopID, err)
	}
	return out, nil
}
