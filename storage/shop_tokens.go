package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Refresher trades a shop's refresh token for a new token pair at Shopify.
type Refresher func(ctx context.Context, domain, refreshToken string) (OfflineToken, error)

// tokenRefreshLockClass namespaces the per-shop advisory lock that
// serialises refreshes (the second key is derived from the shop id).
const tokenRefreshLockClass = 7211

type tokenRow struct {
	Domain           string         `db:"domain"`
	Access           sql.NullString `db:"access_token_sealed"`
	ExpiresAt        sql.NullTime   `db:"access_token_expires_at"`
	Refresh          sql.NullString `db:"refresh_token_sealed"`
	RefreshExpiresAt sql.NullTime   `db:"refresh_token_expires_at"`
	Scopes           string         `db:"scopes"`
}

// AccessToken returns the shop's offline Admin API token. When the token
// expires within margin it is refreshed first, through refresh: one caller
// refreshes while every other caller for the same shop, in this process or
// in another instance, waits on a per-shop lock and then uses the new token.
// An uninstalled shop, or one whose refresh token has expired, has no token:
// that is an Unauthorized error (the merchant must open the app again).
func (s *Shops) AccessToken(ctx context.Context, shopID int64, margin time.Duration, refresh Refresher) (string, error) {
	row, err := s.tokenRow(ctx, s.db, shopID, false)
	if err != nil {
		return "", err
	}
	if s.fresh(row, margin) {
		return s.open(row.Domain, row.Access.String)
	}
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("refresh token of shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1, hashtext($2::text))`,
		tokenRefreshLockClass, shopID); err != nil {
		return "", fmt.Errorf("refresh token of shop %d: lock: %w", shopID, err)
	}
	// Someone may have refreshed while we waited for the lock.
	if row, err = s.tokenRow(ctx, tx, shopID, true); err != nil {
		return "", err
	}
	if s.fresh(row, margin) {
		return s.open(row.Domain, row.Access.String)
	}
	token, err := s.refreshLocked(ctx, tx, shopID, row, refresh)
	if err != nil {
		return "", err
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("refresh token of shop %d: commit: %w", shopID, err)
	}
	return token, nil
}

func (s *Shops) refreshLocked(ctx context.Context, tx *sqlx.Tx, shopID int64, row tokenRow, refresh Refresher) (string, error) {
	if !row.Refresh.Valid || (row.RefreshExpiresAt.Valid && !s.now().Before(row.RefreshExpiresAt.Time)) {
		return "", fmt.Errorf("the access of shop %s has expired: open the app from the Shopify admin to renew it: %w", row.Domain, ErrUnauthorized)
	}
	refreshToken, err := s.open(row.Domain, row.Refresh.String)
	if err != nil {
		return "", err
	}
	tok, err := refresh(ctx, row.Domain, refreshToken)
	if err != nil {
		return "", fmt.Errorf("refresh token of shop %s: %w", row.Domain, err)
	}
	if tok.Scopes == "" {
		tok.Scopes = row.Scopes
	}
	access, sealedRefresh, err := s.sealPair(row.Domain, tok)
	if err != nil {
		return "", err
	}
	_, err = tx.ExecContext(ctx, `
		UPDATE shops SET access_token_sealed = $2, access_token_expires_at = $3, refresh_token_sealed = $4,
			refresh_token_expires_at = $5, scopes = $6, token_refreshed_at = $7, updated_at = $7
		WHERE id = $1`, shopID, access, nullTime(tok.ExpiresAt), sealedRefresh, nullTime(tok.RefreshExpiresAt), tok.Scopes, s.now())
	if err != nil {
		return "", fmt.Errorf("store refreshed token of shop %s: %w", row.Domain, err)
	}
	return tok.AccessToken, nil
}

func (s *Shops) tokenRow(ctx context.Context, q sqlx.QueryerContext, shopID int64, forUpdate bool) (tokenRow, error) {
	query := `SELECT domain, access_token_sealed, access_token_expires_at, refresh_token_sealed,
		refresh_token_expires_at, scopes FROM shops WHERE id = $1`
	if forUpdate {
		query += ` FOR UPDATE`
	}
	var row tokenRow
	if err := sqlx.GetContext(ctx, q, &row, query, shopID); err != nil {
		return tokenRow{}, notFound(err, "shop %d", shopID)
	}
	if !row.Access.Valid {
		return tokenRow{}, fmt.Errorf("shop %s has not installed the app: %w", row.Domain, ErrUnauthorized)
	}
	return row, nil
}

// fresh reports whether the access token is good for at least margin more.
func (s *Shops) fresh(row tokenRow, margin time.Duration) bool {
	return !row.ExpiresAt.Valid || s.now().Add(margin).Before(row.ExpiresAt.Time)
}

func (s *Shops) open(domain, sealed string) (string, error) {
	b, err := s.keys.Open(sealed, []byte(domain))
	if err != nil {
		return "", fmt.Errorf("open token of shop %s: %w", domain, err)
	}
	return string(b), nil
}
