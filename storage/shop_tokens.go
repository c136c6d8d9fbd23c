package storage

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"time"
)

// Refresher trades a shop's refresh token for a new token pair at Shopify.
type Refresher func(ctx context.Context, domain, refreshToken string) (OfflineToken, error)

// refreshLease is how long one caller holds a shop's token refresh. It is
// longer than Shopify's token endpoint is given to answer (15 s), so a live
// refresher keeps its lease to the end, and short enough that the lease of
// a refresher that died lapses soon; the refresh is cut off when it ends.
const refreshLease = 30 * time.Second

// The waits of a caller while another refreshes: short at first, since a
// refresh usually takes a fraction of a second, then longer.
const (
	firstRefreshPoll = 20 * time.Millisecond
	maxRefreshPoll   = 500 * time.Millisecond
)

type tokenRow struct {
	Domain           string         `db:"domain"`
	Access           sql.NullString `db:"access_token_sealed"`
	ExpiresAt        sql.NullTime   `db:"access_token_expires_at"`
	Refresh          sql.NullString `db:"refresh_token_sealed"`
	RefreshExpiresAt sql.NullTime   `db:"refresh_token_expires_at"`
	Scopes           string         `db:"scopes"`
}

// AccessToken returns the shop's offline Admin API token, good for at least
// margin more. A token that expires sooner is refreshed first, through
// refresh, by one caller at a time across instances: that caller takes the
// shop's lease and calls Shopify with no transaction open and no connection
// held; the others wait, holding no connection either, until the new token
// is stored (or the lease of a refresher that died lapses and one of them
// takes over), within ctx. An uninstalled shop, or one whose refresh token
// has expired, has no token: that is an Unauthorized error (the merchant
// must open the app again).
func (s *Shops) AccessToken(ctx context.Context, shopID int64, margin time.Duration, refresh Refresher) (string, error) {
	for wait := firstRefreshPoll; ; wait = min(2*wait, maxRefreshPoll) {
		row, err := s.tokenRow(ctx, shopID)
		if err != nil {
			return "", err
		}
		if s.fresh(row, margin) {
			return s.open(row.Domain, row.Access.String)
		}
		if !row.Refresh.Valid || (row.RefreshExpiresAt.Valid && !s.now().Before(row.RefreshExpiresAt.Time)) {
			return "", fmt.Errorf("the access of shop %s has expired: open the app from the Shopify admin to renew it: %w", row.Domain, ErrUnauthorized)
		}
		holder, err := s.claimRefresh(ctx, shopID, row)
		if err != nil {
			return "", err
		}
		if holder != "" {
			token, stored, err := s.refreshLeased(ctx, shopID, holder, row, refresh)
			if err != nil || stored {
				return token, err
			}
			continue // another pair was stored meanwhile: that one stands
		}
		if err := sleep(ctx, wait); err != nil {
			return "", fmt.Errorf("wait for the token refresh of shop %s: %w", row.Domain, err)
		}
	}
}

// claimRefresh takes the shop's refresh lease if nobody holds it (or its
// holder's time is up) and the token is still the one in row; it returns
// the holder id that proves the lease is ours, or "" when another caller
// refreshes or has just refreshed.
func (s *Shops) claimRefresh(ctx context.Context, shopID int64, row tokenRow) (string, error) {
	holder, err := newLeaseHolder()
	if err != nil {
		return "", err
	}
	now := s.now()
	res, err := s.db.ExecContext(ctx, `
		UPDATE shops SET token_refresh_lease_holder = $3, token_refresh_lease_until = $4
		WHERE id = $1 AND access_token_sealed = $2
			AND (token_refresh_lease_until IS NULL OR token_refresh_lease_until <= $5)`,
		shopID, row.Access.String, holder, now.Add(refreshLease), now)
	if err != nil {
		return "", fmt.Errorf("claim the token refresh of shop %s: %w", row.Domain, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return "", err
	}
	return holder, nil
}

// refreshLeased asks Shopify for a new pair under the lease and stores it,
// unless another pair was stored since row was read (the shop reinstalled,
// uninstalled, or refreshed by a caller that took over a lease that
// lapsed): then stored is false and nothing is changed. The lease ends
// either way.
func (s *Shops) refreshLeased(ctx context.Context, shopID int64, holder string, row tokenRow, refresh Refresher) (token string, stored bool, err error) {
	tok, err := s.askShopify(ctx, row, refresh)
	if err == nil {
		stored, err = s.storeRefreshed(ctx, shopID, row, tok)
	}
	if err != nil || !stored {
		s.releaseRefresh(ctx, shopID, holder)
		return "", false, err
	}
	return tok.AccessToken, true, nil
}

// askShopify is the network call, within the lease's time.
func (s *Shops) askShopify(ctx context.Context, row tokenRow, refresh Refresher) (OfflineToken, error) {
	refreshToken, err := s.open(row.Domain, row.Refresh.String)
	if err != nil {
		return OfflineToken{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, refreshLease)
	defer cancel()
	tok, err := refresh(ctx, row.Domain, refreshToken)
	if err != nil {
		return OfflineToken{}, fmt.Errorf("refresh token of shop %s: %w", row.Domain, err)
	}
	if tok.Scopes == "" {
		tok.Scopes = row.Scopes
	}
	return tok, nil
}

// leaseWriteTimeout bounds storing a refreshed pair and ending a lease,
// which go on after the caller gives up: Shopify has issued the pair, and
// the other callers wait for the lease to end.
const leaseWriteTimeout = 5 * time.Second

// storeRefreshed stores tok and ends the lease, if the refresh token is
// still the one in row; it reports whether it was.
func (s *Shops) storeRefreshed(ctx context.Context, shopID int64, row tokenRow, tok OfflineToken) (bool, error) {
	access, sealedRefresh, err := s.sealPair(row.Domain, tok)
	if err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaseWriteTimeout)
	defer cancel()
	res, err := s.db.ExecContext(ctx, `
		UPDATE shops SET access_token_sealed = $3, access_token_expires_at = $4, refresh_token_sealed = $5,
			refresh_token_expires_at = $6, scopes = $7, token_refreshed_at = $8, updated_at = $8,
			token_refresh_lease_holder = NULL, token_refresh_lease_until = NULL
		WHERE id = $1 AND refresh_token_sealed = $2`, shopID, row.Refresh.String,
		access, nullTime(tok.ExpiresAt), sealedRefresh, nullTime(tok.RefreshExpiresAt), tok.Scopes, s.now())
	if err != nil {
		return false, fmt.Errorf("store refreshed token of shop %s: %w", row.Domain, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// releaseRefresh ends our lease after a refresh that stored nothing, so a
// waiting caller may try at once. A failure is not reported: the lease
// then lapses at its time.
func (s *Shops) releaseRefresh(ctx context.Context, shopID int64, holder string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaseWriteTimeout)
	defer cancel()
	_, _ = s.db.ExecContext(ctx, `UPDATE shops SET token_refresh_lease_holder = NULL, token_refresh_lease_until = NULL
		WHERE id = $1 AND token_refresh_lease_holder = $2`, shopID, holder)
}

// newLeaseHolder makes the random id a refresher proves its lease with.
func newLeaseHolder() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("lease holder id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// sleep waits for d, or less when ctx ends first (its error).
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (s *Shops) tokenRow(ctx context.Context, shopID int64) (tokenRow, error) {
	var row tokenRow
	err := s.db.GetContext(ctx, &row, `SELECT domain, access_token_sealed, access_token_expires_at, refresh_token_sealed,
		refresh_token_expires_at, scopes FROM shops WHERE id = $1`, shopID)
	if err != nil {
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
