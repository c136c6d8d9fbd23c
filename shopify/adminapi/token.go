package adminapi

import "context"

// TokenSource supplies the shop's offline access token. Expiring offline
// tokens are refreshed by their owner (SHOPIFY.md §1), not by this client.
type TokenSource interface {
	// Token returns the current token.
	Token(ctx context.Context) (string, error)
	// Refresh is called once when Shopify answered 401 to rejected. It
	// returns a token to retry with: a newer one if another caller already
	// refreshed, otherwise a freshly refreshed one. Passing the rejected
	// token lets concurrent callers share one refresh.
	Refresh(ctx context.Context, rejected string) (string, error)
}

// StaticToken is a TokenSource for a token that never changes (tests, the
// fake Shopify, non-expiring tokens). Refresh returns the same token, so a
// 401 is retried once and then reported as ErrUnauthorized.
type StaticToken string

// Token returns the token.
func (t StaticToken) Token(context.Context) (string, error) { return string(t), nil }

// Refresh returns the token unchanged.
func (t StaticToken) Refresh(context.Context, string) (string, error) { return string(t), nil }
