package shopapi

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hubchat/app/apperr"
	"hubchat/shopify"
	"hubchat/storage"
)

// TokenStore is where the shops' tokens live. Each method is one statement
// on the shop's row, so nothing in it waits on Shopify or on another caller:
// the refresh below orchestrates them.
type TokenStore interface {
	// Token reads the shop's token (storage.ErrUnauthorized when it has none).
	Token(ctx context.Context, shopID int64) (storage.StoredToken, error)
	// ClaimTokenRefresh takes the shop's refresh lease if it is free and the
	// token is still st's: the holder id, or "".
	ClaimTokenRefresh(ctx context.Context, shopID int64, st storage.StoredToken, lease time.Duration) (string, error)
	// StoreRefreshedToken stores the new pair and ends the lease, if the
	// refresh token is still st's.
	StoreRefreshedToken(ctx context.Context, shopID int64, st storage.StoredToken, tok storage.OfflineToken) (bool, error)
	// ReleaseTokenRefresh ends the lease if holder still holds it.
	ReleaseTokenRefresh(ctx context.Context, shopID int64, holder string) error
}

// refreshMargin is how long before expiry a token is renewed, so no request
// is sent with a token that expires on the way.
const refreshMargin = 5 * time.Minute

// refreshLease is how long one caller holds a shop's token refresh, and so
// how long Shopify's token endpoint is given to answer: a live refresher
// ends its work within its lease, and the lease of a refresher that died
// lapses soon.
const refreshLease = 30 * time.Second

// The waits of a caller while another refreshes: short at first, since a
// refresh usually takes a fraction of a second, then longer.
const (
	firstRefreshPoll = 20 * time.Millisecond
	maxRefreshPoll   = 500 * time.Millisecond
)

// leaseWriteTimeout bounds storing a refreshed pair and ending a lease,
// which go on after the caller gives up: Shopify has issued the pair, and
// the other callers wait for the lease to end.
const leaseWriteTimeout = 5 * time.Second

// tokenSource hands the Admin API client the shop's token.
type tokenSource struct {
	c    *Clients
	shop storage.Shop
}

// Token is the shop's token, good for at least refreshMargin more.
func (t tokenSource) Token(ctx context.Context) (string, error) {
	return t.c.accessToken(ctx, t.shop.ID, refreshMargin)
}

// Refresh is called when Shopify refused a token before its expiry (a
// revoked token, or clocks apart): it asks for a token good for longer than
// any token could be, which forces a refresh unless another caller has
// already replaced the refused one.
func (t tokenSource) Refresh(ctx context.Context, rejected string) (string, error) {
	tok, err := t.Token(ctx)
	if err != nil || tok != rejected {
		return tok, err
	}
	return t.c.accessToken(ctx, t.shop.ID, 100*365*24*time.Hour)
}

// accessToken returns the shop's offline token, good for at least margin
// more. A token that expires sooner is refreshed first by one caller at a
// time across instances: that caller claims the shop's lease and asks
// Shopify with no transaction open and no connection held; the others
// wait, holding no connection either, until the new token is stored (or
// the lease of a refresher that died lapses and one of them takes over),
// within ctx. An uninstalled shop, or one whose refresh token has expired,
// has no token: storage.ErrUnauthorized (the merchant must open the app).
func (c *Clients) accessToken(ctx context.Context, shopID int64, margin time.Duration) (string, error) {
	for wait := firstRefreshPoll; ; wait = min(2*wait, maxRefreshPoll) {
		st, err := c.Tokens.Token(ctx, shopID)
		if err != nil {
			return "", err
		}
		fresh, err := c.goodFor(st, margin)
		if err != nil {
			return "", err
		}
		if fresh {
			return st.AccessToken, nil
		}
		holder, err := c.Tokens.ClaimTokenRefresh(ctx, shopID, st, refreshLease)
		if err != nil {
			return "", err
		}
		if holder != "" {
			token, stored, err := c.refreshLeased(ctx, shopID, holder, st)
			if err != nil || stored {
				return token, err
			}
			continue // another pair was stored meanwhile: that one stands
		}
		if err := sleep(ctx, wait); err != nil {
			return "", fmt.Errorf("wait for the token refresh of shop %s: %w", st.Domain, err)
		}
	}
}

// goodFor reports whether st's access token is good for at least margin
// more; when it is not and cannot be refreshed, the error says so.
func (c *Clients) goodFor(st storage.StoredToken, margin time.Duration) (bool, error) {
	now := c.Now()
	if st.ExpiresAt.IsZero() || now.Add(margin).Before(st.ExpiresAt) {
		return true, nil
	}
	if st.RefreshToken == "" || (!st.RefreshExpiresAt.IsZero() && !now.Before(st.RefreshExpiresAt)) {
		return false, fmt.Errorf("the access of shop %s has expired: open the app from the Shopify admin to renew it: %w",
			st.Domain, storage.ErrUnauthorized)
	}
	return false, nil
}

// refreshLeased asks Shopify for a new pair under the lease and stores it,
// unless another pair was stored since st was read (the shop reinstalled,
// uninstalled, or refreshed by a caller that took over a lease that
// lapsed): then stored is false and nothing is changed. The lease ends
// either way, at once.
func (c *Clients) refreshLeased(ctx context.Context, shopID int64, holder string, st storage.StoredToken) (token string, stored bool, err error) {
	tok, err := c.askShopify(ctx, st)
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), leaseWriteTimeout)
	defer cancel()
	if err == nil {
		stored, err = c.Tokens.StoreRefreshedToken(wctx, shopID, st, tok)
	}
	if err != nil || !stored {
		// A release that fails is not reported: the lease then lapses.
		_ = c.Tokens.ReleaseTokenRefresh(wctx, shopID, holder)
		return "", false, err
	}
	return tok.AccessToken, true, nil
}

// askShopify is the network call, cut off when the lease ends.
func (c *Clients) askShopify(ctx context.Context, st storage.StoredToken) (storage.OfflineToken, error) {
	ctx, cancel := context.WithTimeout(ctx, refreshLease)
	defer cancel()
	tok, err := c.OAuth.Refresh(ctx, st.Domain, st.RefreshToken)
	if errors.Is(err, shopify.ErrTokenRejected) {
		// A refused refresh token stays refused: only the merchant opening
		// the app again grants a new one, so jobs stop rather than retry.
		return storage.OfflineToken{}, apperr.Wrap(apperr.Unauthorized, err,
			"Shopify refused to renew the access of shop %s: open the app from the Shopify admin to renew it", st.Domain)
	}
	if err != nil {
		return storage.OfflineToken{}, fmt.Errorf("refresh token of shop %s: %w", st.Domain, err)
	}
	now := c.Now()
	return storage.OfflineToken{
		AccessToken: tok.AccessToken, Scopes: tok.Scope, ExpiresAt: tok.ExpiresAt(now),
		RefreshToken: tok.RefreshToken, RefreshExpiresAt: tok.RefreshExpiresAt(now),
	}, nil
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
