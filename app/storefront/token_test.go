package storefront

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"hubchat/app/apperr"
)

func TestShopperTokens(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	tokens := NewTokens("app-secret", clock)
	want := Shopper{ShopID: 3, ProfileID: 42}
	token, exp, err := tokens.Issue(want)
	if err != nil || !exp.Equal(now.Add(TokenTTL)) {
		t.Fatalf("Issue: %v, expires %v", err, exp)
	}
	got, err := tokens.Verify(token)
	if err != nil || got.ShopID != want.ShopID || got.ProfileID != want.ProfileID || len(got.TokenID) != 32 {
		t.Fatalf("Verify = %+v, %v; want %+v with a token id", got, err, want)
	}
	anon, _, _ := tokens.Issue(Shopper{ShopID: 3})
	again, _, _ := tokens.Issue(Shopper{ShopID: 3})
	a, err := tokens.Verify(anon)
	b, _ := tokens.Verify(again)
	if err != nil || a.ProfileID != 0 || a.TokenID == "" || a.TokenID == b.TokenID {
		t.Fatalf("anonymous: %+v, %v; another token's id %q", a, err, b.TokenID)
	}

	// A Shopify session token, or anything else signed with the plain app
	// secret, is not a shopper token.
	plain, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, shopperClaims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "hubchat", Audience: jwt.ClaimStrings{tokenAudience}, ID: "x",
			ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}, ShopID: 3,
	}).SignedString([]byte("app-secret"))
	// A token without an id (as issued before ids existed) is refused, so
	// the widget renews it: every token must be countable.
	noID, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, shopperClaims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "hubchat", Audience: jwt.ClaimStrings{tokenAudience},
			ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}, ShopID: 3,
	}).SignedString(tokens.key)
	later := NewTokens("app-secret", func() time.Time { return now.Add(TokenTTL + time.Minute) })
	parts := strings.Split(token, ".")
	tampered := parts[0] + "." + strings.TrimRight(parts[1], "=") + "x." + parts[2]
	for name, bad := range map[string]string{
		"signed with the app secret": plain, "tampered": tampered, "empty": "", "no token id": noID,
		"other app": func() string { s, _, _ := NewTokens("other", clock).Issue(want); return s }(),
	} {
		if _, err := tokens.Verify(bad); !apperr.Is(err, apperr.Unauthorized) {
			t.Errorf("%s: %v, want Unauthorized", name, err)
		}
	}
	if _, err := later.Verify(token); !apperr.Is(err, apperr.Unauthorized) {
		t.Errorf("expired: %v", err)
	}
}
