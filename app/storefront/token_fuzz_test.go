package storefront

import (
	"testing"
	"time"

	"hubchat/app/apperr"
)

// FuzzShopperToken: a token the app issued is accepted and names the same
// shop, profile and visit; the same token with any one byte changed is
// refused, and so is any string the fuzzer invents, or one issued with
// another secret, each as Unauthorized.
func FuzzShopperToken(f *testing.F) {
	f.Add(int64(3), int64(42), false, uint(20), byte(1), "eyJhbGciOiJub25lIn0.eyJzaHAiOjN9.")
	f.Add(int64(1), int64(0), false, uint(0), byte(0x20), "")
	f.Add(int64(9), int64(7), true, uint(1000), byte(0x80), "a.b.c")
	f.Fuzz(func(t *testing.T, shopID, profileID int64, visitor bool, pos uint, flip byte, forged string) {
		now := time.Date(2026, 6, 7, 12, 0, 0, 0, time.UTC)
		clock := func() time.Time { return now }
		tokens := NewTokens("app-secret", clock)
		if _, err := tokens.Verify(forged); !apperr.Is(err, apperr.Unauthorized) {
			t.Fatalf("invented token %q: %v", forged, err)
		}
		if shopID <= 0 || profileID < 0 || (visitor && profileID == 0) {
			return // not a shopper the app issues tokens to
		}
		want := Shopper{ShopID: shopID, ProfileID: profileID, Visitor: visitor}
		token, _, err := tokens.Issue(want)
		if err != nil {
			t.Fatal(err)
		}
		got, err := tokens.Verify(token)
		if err != nil || got.ShopID != shopID || got.ProfileID != profileID || got.Visitor != visitor || got.TokenID == "" {
			t.Fatalf("issued %+v, verified %+v, %v", want, got, err)
		}
		if _, err := NewTokens("other-secret", clock).Verify(token); !apperr.Is(err, apperr.Unauthorized) {
			t.Fatalf("another secret's token: %v", err)
		}
		if flip == 0 {
			flip = 1
		}
		b := []byte(token)
		b[pos%uint(len(b))] ^= flip
		if _, err := tokens.Verify(string(b)); !apperr.Is(err, apperr.Unauthorized) {
			t.Fatalf("token changed at %d accepted (%v):\n%s\n%s", pos%uint(len(b)), err, token, b)
		}
	})
}

// A shopper token verifies spelt only as it was issued: every other last
// digit of its signature is refused (the fuzz target changes one byte at a
// time; this tries them all, for several tokens).
func TestShopperTokenHasOneSpelling(t *testing.T) {
	t.Parallel()
	tokens := NewTokens("app-secret", time.Now)
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for profile := range 20 {
		token, _, err := tokens.Issue(Shopper{ShopID: 3, ProfileID: int64(profile + 1)})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range digits {
			if other := token[:len(token)-1] + string(d); other != token {
				if _, err := tokens.Verify(other); err == nil {
					t.Fatalf("token %s accepted spelt %s", token, other)
				}
			}
		}
	}
}
