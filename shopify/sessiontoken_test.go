package shopify

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	testAPIKey = "0123456789abcdef0123456789abcdef"
	testSecret = "shpss_0123456789abcdef0123456789abcdef"
)

// shopifyClaims returns the claims Shopify puts in a token for my-shop,
// issued at iat, as a map so tests can break any of them.
func shopifyClaims(iat time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss":  "https://my-shop.myshopify.com/admin",
		"dest": "https://my-shop.myshopify.com",
		"aud":  testAPIKey,
		"sub":  "42",
		"exp":  iat.Add(time.Minute).Unix(),
		"nbf":  iat.Unix(),
		"iat":  iat.Unix(),
		"jti":  "f8912129-1af6-4cad-9ca3-76b0f7621087",
		"sid":  "aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685",
	}
}

// signWith signs claims with any method: the way to forge the tokens the
// verifier must refuse.
func signWith(t *testing.T, m jwt.SigningMethod, key any, c jwt.Claims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatalf("sign %s: %v", m.Alg(), err)
	}
	return s
}

// tamperPayload swaps a token's payload for claims while keeping its
// header and signature.
func tamperPayload(t *testing.T, token string, c jwt.MapClaims) string {
	t.Helper()
	other := signWith(t, jwt.SigningMethodHS256, []byte("x"), c)
	p := strings.Split(token, ".")
	p[1] = strings.Split(other, ".")[1]
	return strings.Join(p, ".")
}

func TestSignAndVerifySessionToken(t *testing.T) {
	iat := time.Unix(1_800_000_000, 0)
	tok, err := SignSessionToken(SessionTokenParams{
		Shop: "My-Shop.myshopify.com", APIKey: testAPIKey, UserID: "42", SessionID: "sid-1", IssuedAt: iat,
	}, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifySessionToken(tok, testAPIKey, testSecret, fixedClock(iat.Add(30*time.Second)))
	if err != nil {
		t.Fatalf("VerifySessionToken = %v", err)
	}
	if got.Shop != "my-shop.myshopify.com" || got.UserID != 42 || got.SessionID != "sid-1" ||
		!got.IssuedAt.Equal(iat) || !got.ExpiresAt.Equal(iat.Add(time.Minute)) || len(got.TokenID) != 32 {
		t.Fatalf("VerifySessionToken = %+v", got)
	}
	again, _ := SignSessionToken(SessionTokenParams{Shop: "my-shop.myshopify.com", APIKey: testAPIKey, UserID: "42", IssuedAt: iat}, testSecret)
	if g2, _ := VerifySessionToken(again, testAPIKey, testSecret, fixedClock(iat)); g2.TokenID == got.TokenID {
		t.Fatal("two tokens share a jti")
	}
	if _, err := SignSessionToken(SessionTokenParams{Shop: "evil.com"}, testSecret); !errors.Is(err, ErrInvalidShop) {
		t.Fatalf("SignSessionToken(bad shop) = %v", err)
	}
}

func TestVerifySessionToken(t *testing.T) {
	iat := time.Unix(1_800_000_000, 0)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	hs := func(c jwt.MapClaims) string { return signWith(t, jwt.SigningMethodHS256, []byte(testSecret), c) }
	with := func(k string, v any) jwt.MapClaims { c := shopifyClaims(iat); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := shopifyClaims(iat); delete(c, k); return c }
	good := hs(shopifyClaims(iat))
	sig := strings.Split(good, ".")[2]
	mid := len(sig) / 2
	// Change a middle character: the last one may only carry padding bits.
	repl := byte('A')
	if sig[mid] == 'A' {
		repl = 'B'
	}
	badSig := good[:len(good)-len(sig)] + sig[:mid] + string(repl) + sig[mid+1:]
	none := signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, shopifyClaims(iat))

	tests := []struct {
		name   string
		token  string
		at     time.Time
		wantOK bool
		also   error // a jwt error that must be in the chain too
	}{
		{"valid", good, iat.Add(30 * time.Second), true, nil},
		{"valid, mixed-case shop", hs(with("dest", "https://My-Shop.myshopify.com")), iat, true, nil},
		{"valid, no nbf", hs(without("nbf")), iat, true, nil},
		{"valid, no sid", hs(without("sid")), iat, true, nil},
		{"expired 9 s ago (leeway)", good, iat.Add(69 * time.Second), true, nil},
		{"expired 9.999 s ago (leeway)", good, iat.Add(70*time.Second - time.Millisecond), true, nil},
		{"expired 10 s ago", good, iat.Add(70 * time.Second), false, jwt.ErrTokenExpired},
		{"expired long ago", good, iat.Add(time.Hour), false, jwt.ErrTokenExpired},
		{"nbf 10 s ahead (leeway)", good, iat.Add(-10 * time.Second), true, nil},
		{"nbf 11 s ahead", good, iat.Add(-11 * time.Second), false, jwt.ErrTokenNotValidYet},
		{"no exp", hs(without("exp")), iat, false, jwt.ErrTokenRequiredClaimMissing},
		{"wrong aud", hs(with("aud", "someone-else")), iat, false, jwt.ErrTokenInvalidAudience},
		{"aud as array", hs(with("aud", []string{testAPIKey})), iat, false, nil},
		{"no aud", hs(without("aud")), iat, false, jwt.ErrTokenRequiredClaimMissing},
		{"wrong secret", signWith(t, jwt.SigningMethodHS256, []byte("other"), shopifyClaims(iat)), iat, false, jwt.ErrTokenSignatureInvalid},
		{"alg none", none, iat, false, jwt.ErrTokenSignatureInvalid},
		{"alg HS512", signWith(t, jwt.SigningMethodHS512, []byte(testSecret), shopifyClaims(iat)), iat, false, jwt.ErrTokenSignatureInvalid},
		{"alg HS384", signWith(t, jwt.SigningMethodHS384, []byte(testSecret), shopifyClaims(iat)), iat, false, jwt.ErrTokenSignatureInvalid},
		{"alg RS256", signWith(t, jwt.SigningMethodRS256, rsaKey, shopifyClaims(iat)), iat, false, jwt.ErrTokenSignatureInvalid},
		{"payload swapped", tamperPayload(t, good, with("dest", "https://other.myshopify.com")), iat, false, jwt.ErrTokenSignatureInvalid},
		{"signature changed", badSig, iat, false, jwt.ErrTokenSignatureInvalid},
		{"signature dropped", good[:len(good)-len(sig)], iat, false, nil},
		{"iss and dest on different shops", hs(with("iss", "https://other.myshopify.com/admin")), iat, false, nil},
		{"no iss", hs(without("iss")), iat, false, nil},
		{"iss without /admin", hs(with("iss", "https://my-shop.myshopify.com")), iat, false, nil},
		{"no dest", hs(without("dest")), iat, false, nil},
		{"dest over http", hs(with("dest", "http://my-shop.myshopify.com")), iat, false, nil},
		{"dest with path", hs(with("dest", "https://my-shop.myshopify.com/x")), iat, false, nil},
		{"dest with port", hs(with("dest", "https://my-shop.myshopify.com:443")), iat, false, nil},
		{"dest not a shop", func() string {
			c := with("dest", "https://evil.com")
			c["iss"] = "https://evil.com/admin"
			return hs(c)
		}(), iat, false, nil},
		{"no sub", hs(without("sub")), iat, false, nil},
		{"sub 0", hs(with("sub", "0")), iat, false, nil},
		{"sub negative", hs(with("sub", "-5")), iat, false, nil},
		{"sub not a number", hs(with("sub", "abc")), iat, false, nil},
		{"sub with a sign", hs(with("sub", "+42")), iat, false, nil},
		{"sub with a leading zero", hs(with("sub", "042")), iat, false, nil},
		{"sub empty", hs(with("sub", "")), iat, false, nil},
		{"sub beyond int64", hs(with("sub", "9223372036854775808")), iat, false, nil},
		{"sub as a number", hs(with("sub", 42)), iat, false, nil},
		{"exp as string", hs(with("exp", "2100000000")), iat, false, nil},
		{"exp null", hs(with("exp", nil)), iat, false, nil},
		{"nbf null", hs(with("nbf", nil)), iat, false, nil},
		{"iat as string", hs(with("iat", "1800000000")), iat, false, nil},
		{"exp fractional", hs(with("exp", float64(iat.Unix())+60.5)), iat, true, nil},
		{"empty", "", iat, false, nil},
		{"garbage", "a.b.c", iat, false, nil},
		{"padded segments", strings.Replace(good, ".", "=.", 1), iat, false, nil},
		{"base64 std in payload", strings.Split(good, ".")[0] + "." + base64.StdEncoding.EncodeToString([]byte(`{"a":"?>?"}`)) + "." + sig, iat, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifySessionToken(tt.token, testAPIKey, testSecret, fixedClock(tt.at))
			if tt.wantOK {
				if err != nil {
					t.Fatalf("VerifySessionToken = %v, want ok", err)
				}
				if got.Shop != "my-shop.myshopify.com" || got.UserID != 42 {
					t.Fatalf("VerifySessionToken = %+v", got)
				}
				return
			}
			if !errors.Is(err, ErrInvalidSessionToken) {
				t.Fatalf("VerifySessionToken = %+v, %v; want ErrInvalidSessionToken", got, err)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Fatalf("VerifySessionToken = %v; want it to wrap %v", err, tt.also)
			}
			if got != (SessionToken{}) {
				t.Fatalf("VerifySessionToken returned %+v with an error", got)
			}
		})
	}

	for _, cfg := range [][2]string{{"", testSecret}, {testAPIKey, ""}} {
		if _, err := VerifySessionToken(good, cfg[0], cfg[1], fixedClock(iat)); !errors.Is(err, ErrInvalidSessionToken) {
			t.Errorf("VerifySessionToken with api key %q, secret %q = %v; want error", cfg[0], cfg[1], err)
		}
	}
	emptyKeyTok := signWith(t, jwt.SigningMethodHS256, []byte(""), shopifyClaims(iat))
	if _, err := VerifySessionToken(emptyKeyTok, testAPIKey, "", fixedClock(iat)); err == nil {
		t.Error("a token signed with an empty key verified against an empty secret")
	}
}
