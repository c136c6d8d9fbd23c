package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// StoredToken is a shop's offline Admin API token as storage holds it, its
// secrets opened. It also carries, unexported, the sealed values it was
// read as: the conditional updates below take effect only while the row
// still holds them, so a token that changed meanwhile (refreshed by another
// caller, reinstalled, uninstalled) is never overwritten by a stale one.
type StoredToken struct {
	Domain           string
	AccessToken      string
	ExpiresAt        time.Time // zero: does not expire
	RefreshToken     string    // "": none (a token that does not expire)
	RefreshExpiresAt time.Time // zero: not known to expire
	Scopes           string

	sealedAccess, sealedRefresh string
}

// Token reads the shop's offline token. An uninstalled shop has none: that
// is ErrUnauthorized (the merchant must open the app again); an unknown
// shop is ErrNotFound.
func (s *Shops) Token(ctx context.Context, shopID int64) (StoredToken, error) {
	var row struct {
		Domain           string         `db:"domain"`
		Access           sql.NullString `db:"access_token_sealed"`
		ExpiresAt        sql.NullTime   `db:"access_token_expires_at"`
		Refresh          sql.NullString `db:"refresh_token_sealed"`
		RefreshExpiresAt sql.NullTime   `db:"refresh_token_expires_at"`
		Scopes           string         `db:"scopes"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT domain, access_token_sealed, access_token_expires_at, refresh_token_sealed,
		refresh_token_expires_at, scopes FROM shops WHERE id = $1`, shopID)
	if err != nil {
		return StoredToken{}, notFound(err, "shop %d", shopID)
	}
	if !row.Access.Valid {
		return StoredToken{}, fmt.Errorf("shop %s has not installed the app: %w", row.Domain, ErrUnauthorized)
	}
	st := StoredToken{
		Domain: row.Domain, ExpiresAt: row.ExpiresAt.Time, RefreshExpiresAt: row.RefreshExpiresAt.Time,
		Scopes: row.Scopes, sealedAccess: row.Access.String, sealedRefresh: row.Refresh.String,
	}
	if st.AccessToken, err = s.open(row.Domain, row.Access.String); err != nil {
		return StoredToken{}, err
	}
	if row.Refresh.Valid {
		if st.RefreshToken, err = s.open(row.Domain, row.Refresh.String); err != nil {
			return StoredToken{}, err
		}
	}
	return st, nil
}

// ClaimTokenRefresh takes the shop's token refresh lease for lease from now,
// if nobody holds it (or its holder's time is up) and the access token is
// still st's. It returns the holder id that proves the lease is the
// caller's, or "" when another caller holds it or the token has changed
// since st was read. The lease makes one caller at a time, across
// instances, ask Shopify for a shop's new token, with no transaction open.
func (s *Shops) ClaimTokenRefresh(ctx context.Context, shopID int64, st StoredToken, lease time.Duration) (string, error) {
	if lease <= 0 || st.sealedAccess == "" {
		return "", fmt.Errorf("claim the token refresh of shop %d: no lease time or no token read: %w", shopID, ErrInvalid)
	}
	holder, err := newLeaseHolder()
	if err != nil {
		return "", err
	}
	now := s.now()
	res, err := s.db.ExecContext(ctx, `
		UPDATE shops SET token_refresh_lease_holder = $3, token_refresh_lease_until = $4
		WHERE id = $1 AND access_token_sealed = $2
			AND (token_refresh_lease_until IS NULL OR token_refresh_lease_until <= $5)`,
		shopID, st.sealedAccess, holder, now.Add(lease), now)
	if err != nil {
		return "", fmt.Errorf("claim the token refresh of shop %s: %w", st.Domain, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return "", err
	}
	return holder, nil
}

// StoreRefreshedToken stores tok, the pair Shopify issued for st's refresh
// token, and ends the shop's refresh lease, if the refresh token is still
// st's; it reports whether it was. When it was not (the shop reinstalled or
// uninstalled, or refreshed by a caller that took over a lapsed lease),
// nothing changes: what was stored since stands. An empty scope in tok
// keeps st's.
func (s *Shops) StoreRefreshedToken(ctx context.Context, shopID int64, st StoredToken, tok OfflineToken) (bool, error) {
	if st.sealedRefresh == "" {
		return false, fmt.Errorf("store the refreshed token of shop %d: no refresh token read: %w", shopID, ErrInvalid)
	}
	access, refresh, err := s.sealPair(st.Domain, tok)
	if err != nil {
		return false, err
	}
	if tok.Scopes == "" {
		tok.Scopes = st.Scopes
	}
	res, err := s.db.ExecContext(ctx, `
		UPDATE shops SET access_token_sealed = $3, access_token_expires_at = $4, refresh_token_sealed = $5,
			refresh_token_expires_at = $6, scopes = $7, token_refreshed_at = $8, updated_at = $8,
			token_refresh_lease_holder = NULL, token_refresh_lease_until = NULL
		WHERE id = $1 AND refresh_token_sealed = $2`, shopID, st.sealedRefresh,
		access, nullTime(tok.ExpiresAt), refresh, nullTime(tok.RefreshExpiresAt), tok.Scopes, s.now())
	if err != nil {
		return false, fmt.Errorf("store the refreshed token of shop %s: %w", st.Domain, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseTokenRefresh ends the shop's refresh lease if holder still holds
// it, so that a waiting caller may refresh at once rather than when the
// lease lapses: after a refresh that failed or stored nothing.
func (s *Shops) ReleaseTokenRefresh(ctx context.Context, shopID int64, holder string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE shops SET token_refresh_lease_holder = NULL, token_refresh_lease_until = NULL
		WHERE id = $1 AND token_refresh_lease_holder = $2`, shopID, holder)
	if err != nil {
		return fmt.Errorf("release the token refresh of shop %d: %w", shopID, err)
	}
	return nil
}

// newLeaseHolder makes the random id a refresher proves its lease with.
func newLeaseHolder() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("lease holder id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

func (s *Shops) open(domain, sealed string) (string, error) {
	b, err := s.keys.Open(sealed, []byte(domain))
	if err != nil {
		return "", fmt.Errorf("open token of shop %s: %w", domain, err)
	}
	return string(b), nil
}
