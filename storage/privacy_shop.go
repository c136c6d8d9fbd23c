package storage

import (
	"context"
	"fmt"
)

// Requests lists the shop's privacy requests, newest first.
func (p *Privacy) Requests(ctx context.Context, shopID int64, limit int) ([]PrivacyRequest, error) {
	var out []PrivacyRequest
	err := p.db.SelectContext(ctx, &out, `SELECT id, shop_id, topic, shopify_request_id, shopify_customer_id,
		export, erased, received_at, completed_at FROM privacy_requests
		WHERE shop_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2`, shopID, limit)
	if err != nil {
		return nil, fmt.Errorf("list privacy requests: %w", err)
	}
	return out, nil
}

// Request returns one of the shop's privacy requests, with its export.
func (p *Privacy) Request(ctx context.Context, shopID, id int64) (PrivacyRequest, error) {
	var r PrivacyRequest
	err := p.db.GetContext(ctx, &r, `SELECT id, shop_id, topic, shopify_request_id, shopify_customer_id,
		export, erased, received_at, completed_at FROM privacy_requests WHERE shop_id = $1 AND id = $2`, shopID, id)
	if err != nil {
		return PrivacyRequest{}, notFound(err, "privacy request %d", id)
	}
	return r, nil
}

// RedactShop erases everything hubchat holds for the shop (shop/redact, sent
// 48 hours after uninstall): its events (which carry no key to the shop:
// migration 0052), its row, and with it, through ON DELETE CASCADE, every
// other row that carries its id; and its webhook deliveries, which are
// keyed by domain. It returns the rows deleted per table it touched. A
// shop hubchat never knew is not an error: there is nothing to erase.
func (p *Privacy) RedactShop(ctx context.Context, domain string) (map[string]int64, error) {
	tx, err := p.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("redact shop: %w", err)
	}
	defer tx.Rollback()
	erased := map[string]int64{}
	for _, step := range []struct{ table, stmt string }{
		{"webhook_deliveries", `DELETE FROM webhook_deliveries WHERE shop_domain = $1`},
		{"events", `DELETE FROM events WHERE shop_id = (SELECT id FROM shops WHERE domain = $1)`},
		{"shops", `DELETE FROM shops WHERE domain = $1`},
	} {
		res, err := tx.ExecContext(ctx, step.stmt, domain)
		if err != nil {
			return nil, fmt.Errorf("redact shop %s from %s: %w", domain, step.table, err)
		}
		erased[step.table], _ = res.RowsAffected()
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("redact shop %s: commit: %w", domain, err)
	}
	return erased, nil
}
