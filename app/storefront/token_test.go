package storefront

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"hubchat/app/apperr"
)

func TestShopperTokens(t *testing.T) {
	now := time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	tokens := NewTokens("app-secret", clock)
	want := Shopper{ShopID: 3, ProfileID: 42, Host: "shop.example.com"}
	token, exp, err := tokens.Issue(want)
	if err != nil || !exp.Equal(now.Add(TokenTTL)) {
		t.Fatalf("Issue: %v, expires %v", err, exp)
	}
	if got, err := tokens.Verify(token); err != nil || got != want {
		t.Fatalf("Verify = %+v, %v; want %+v", got, err, want)
	}
	anon, _, _ := tokens.Issue(Shopper{ShopID: 3, Host: "shop.example.com"})
	if got, err := tokens.Verify(anon); err != nil || got.ProfileID != 0 {
		t.Fatalf("anonymous: %+v, %v", got, err)
	}

	// A Shopify session token, or anything else signed with the plain app
	// secret, is not a shopper token.
	plain, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, shopperClaims{
		RegisteredClaims: jwt.RegisteredClaims{Issuer: "hubchat", Audience: jwt.ClaimStrings{tokenAudience},
			ExpiresAt: jwt.NewNumericDate(now.Add(time.Hour))}, ShopID: 3,
	}).SignedString([]byte("app-secret"))
	later := NewTokens("app-secret", func() time.Time { return now.Add(TokenTTL + time.Minute) })
	parts := strings.Split(token, ".")
	tampered := parts[0] + "." + strings.TrimRight(parts[1], "=") + "x." + parts[2]
	for name, bad := range map[string]string{
		"signed with the app secret": plain, "tampered": tampered, "empty": "",
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
