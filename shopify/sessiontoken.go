package shopify

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// SessionTokenLeeway is the clock tolerance on exp and nbf: Shopify's
// library allows 10 s (JWT_PERMITTED_CLOCK_TOLERANCE), and a one-minute
// token leaves no room for more.
const SessionTokenLeeway = 10 * time.Second

// SessionTokenLifetime is how long Shopify's session tokens live; the fake
// issues them with the same lifetime.
const SessionTokenLifetime = time.Minute

// SessionToken is what a verified App Bridge session token says.
type SessionToken struct {
	// Shop is the canonical myshopify.com domain, from dest (and equal to
	// iss's).
	Shop string
	// UserID is sub: the staff member's user id, a positive number.
	UserID int64
	// SessionID is sid: the admin session, stable across tokens.
	SessionID string
	// TokenID is jti, unique per token.
	TokenID   string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// VerifySessionToken verifies an App Bridge session token (SHOPIFY.md §2):
// HS256 only, signed with the client secret; aud equal to apiKey; exp
// required, exp and nbf checked against now() with SessionTokenLeeway; sub
// a staff user id (a positive decimal number, as Shopify issues it); dest
// "https://{shop}" and iss "https://{shop}/admin" for one and the same valid
// shop.
//
// The iss/dest check is the one deliberate difference from Shopify's
// library, which accepts a token whose iss and dest name different shops;
// Shopify's documentation asks for the check, and the shop is the tenant key
// for everything the token authorises. Requiring exp, a valid sub and a valid
// shop is stricter than the library too (it reads sub as any string), but
// Shopify's tokens always satisfy it: a sub of 0, -5 or "abc" names no staff
// member and is refused.
//
// It returns an error wrapping ErrInvalidSessionToken (and, where the JWT
// library found the fault, its error too, e.g. jwt.ErrTokenExpired).
func VerifySessionToken(token, apiKey, secret string, now func() time.Time) (SessionToken, error) {
	if apiKey == "" || secret == "" {
		// An empty key would verify tokens signed with an empty key.
		return SessionToken{}, fmt.Errorf("session token: %w: app credentials not configured", ErrInvalidSessionToken)
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithAudience(apiKey),
		jwt.WithExpirationRequired(),
		jwt.WithLeeway(SessionTokenLeeway),
		jwt.WithTimeFunc(now),
		// One spelling per token: a lenient base64 decoder reads several
		// last digits of the signature as the same bytes.
		jwt.WithStrictDecoding(),
	)
	var c sessionClaims
	_, err := parser.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) {
		return []byte(secret), nil
	})
	if err != nil {
		return SessionToken{}, fmt.Errorf("session token: %w: %w", ErrInvalidSessionToken, err)
	}
	shop, err := tokenShop(c.Dest, c.Issuer)
	if err != nil {
		return SessionToken{}, fmt.Errorf("session token: %w: %w", ErrInvalidSessionToken, err)
	}
	userID, err := staffUserID(c.Subject)
	if err != nil {
		return SessionToken{}, fmt.Errorf("session token: %w: %w", ErrInvalidSessionToken, err)
	}
	st := SessionToken{Shop: shop, UserID: userID, SessionID: c.Sid, TokenID: c.ID}
	if c.IssuedAt.date != nil {
		st.IssuedAt = c.IssuedAt.date.Time
	}
	st.ExpiresAt = c.ExpiresAt.date.Time // required above, so never nil
	return st, nil
}

// staffUserID reads sub: a staff user id in its canonical decimal form,
// greater than zero (no sign, no leading zero).
func staffUserID(sub string) (int64, error) {
	id, err := strconv.ParseInt(sub, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != sub {
		return 0, fmt.Errorf("sub %s is not a staff user id", quoteInput(sub))
	}
	return id, nil
}

// tokenShop returns the shop named by dest after checking that iss names the
// same one. Both must be exactly the origin forms Shopify issues: no path
// on dest, "/admin" on iss, no port, no userinfo.
func tokenShop(dest, iss string) (string, error) {
	d, ok := strings.CutPrefix(dest, "https://")
	if !ok {
		return "", fmt.Errorf("dest %s is not https://{shop}", quoteInput(dest))
	}
	shop, err := NormalizeShopDomain(d)
	if err != nil {
		return "", fmt.Errorf("dest: %w", err)
	}
	i, ok := strings.CutPrefix(iss, "https://")
	i, ok2 := strings.CutSuffix(i, "/admin")
	if !ok || !ok2 {
		return "", fmt.Errorf("iss %s is not https://{shop}/admin", quoteInput(iss))
	}
	issShop, err := NormalizeShopDomain(i)
	if err != nil {
		return "", fmt.Errorf("iss: %w", err)
	}
	if issShop != shop {
		return "", fmt.Errorf("iss names %s but dest names %s", issShop, shop)
	}
	return shop, nil
}

// SessionTokenParams are what the fake Shopify knows when it issues a
// session token.
type SessionTokenParams struct {
	Shop      string    // myshopify.com domain; becomes iss and dest
	APIKey    string    // client id; becomes aud
	UserID    string    // staff user id; becomes sub
	SessionID string    // becomes sid
	IssuedAt  time.Time // iat and nbf; exp is SessionTokenLifetime later
}

// SignSessionToken issues a token shaped like Shopify's: HS256 with the
// client secret, the claims above, a random jti. For the fake Shopify and
// tests only.
func SignSessionToken(p SessionTokenParams, secret string) (string, error) {
	shop, err := NormalizeShopDomain(p.Shop)
	if err != nil {
		return "", fmt.Errorf("sign session token: %w", err)
	}
	jti := make([]byte, 16)
	_, _ = rand.Read(jti) // crypto/rand.Read never fails (Go ≥ 1.24)
	iat := p.IssuedAt.Truncate(time.Second)
	c := sessionClaims{
		Issuer:    "https://" + shop + "/admin",
		Subject:   p.UserID,
		Audience:  p.APIKey,
		ExpiresAt: claimDate{jwt.NewNumericDate(iat.Add(SessionTokenLifetime))},
		NotBefore: claimDate{jwt.NewNumericDate(iat)},
		IssuedAt:  claimDate{jwt.NewNumericDate(iat)},
		ID:        hex.EncodeToString(jti),
		Dest:      "https://" + shop,
		Sid:       p.SessionID,
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(secret))
	if err != nil {
		return "", fmt.Errorf("sign session token: %w", err)
	}
	return s, nil
}
