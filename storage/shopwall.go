package storage

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// shopSetting is the setting the shop wall's policies read (migration
// 0044): the shop whose rows a transaction may see and write.
const shopSetting = "hubchat.shop_id"

// beginInShop opens a transaction that sees and writes only shopID's rows
// of every shop-scoped table, whatever its queries say: PostgreSQL's
// row-level security (the shop wall), a second wall behind each query's
// own shop_id condition. The setting is local to the transaction, so the
// connection goes back to the pool without it. Store methods that work on
// one shop open their transactions with it; work that spans shops on
// purpose (claiming jobs, webhooks and Twilio requests routed by domain,
// installs, retention, migrations) opens plain ones, where each query's
// condition alone decides. The wall holds for a role that is neither a
// superuser nor has BYPASSRLS (docs/RELIABILITY.md, Isolation).
func beginInShop(ctx context.Context, db *sqlx.DB, shopID int64, opts *sql.TxOptions) (*sqlx.Tx, error) {
	if shopID <= 0 {
		return nil, fmt.Errorf("begin in shop %d: %w", shopID, ErrInvalid)
	}
	tx, err := db.BeginTxx(ctx, opts)
	if err != nil {
		return nil, err
	}
	// Without parameters, so the pool's connection sends it with the
	// transaction's BEGIN, in one round trip (storage/prepared).
	if _, err := tx.ExecContext(ctx, wallSQL(shopID)); err != nil {
		tx.Rollback()
		return nil, fmt.Errorf("begin in shop %d: %w", shopID, err)
	}
	return tx, nil
}
