package storefront

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"hubchat/app/apperr"
)

// Shopper is who a shopper token speaks for.
type Shopper struct {
	ShopID int64
	// ProfileID is the shopper's profile; 0 for an anonymous visitor, who
	// may read but not chat.
	ProfileID int64
	// TokenID is the token's own random id (its jti): what an anonymous
	// visitor's requests are counted by, having no profile.
	TokenID string
	// Visitor says the profile is an anonymous visitor's, who may talk to
	// the AI agent but must sign in to reach the team (SPEC §1.1).
	Visitor bool
}

// TokenTTL is how long a shopper token lasts; the widget renews it before.
const TokenTTL = time.Hour

const tokenAudience = "hubchat-storefront"

// Tokens issues and verifies shopper tokens: short-lived JWTs (HS256) the
// widget obtains through the app proxy, where Shopify vouches for the
// customer, and then uses for hubchat's own origin, where EventSource-like
// streams and CORS requests cannot carry Shopify's signature.
type Tokens struct {
	key []byte
	now func() time.Time
}

// NewTokens derives the signing key from the app secret, so a shopper
// token can never pass as any other token signed with the secret.
func NewTokens(appSecret string, now func() time.Time) Tokens {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write([]byte("hubchat shopper token v1"))
	return Tokens{key: m.Sum(nil), now: now}
}

// shopperClaims are a token's claims. Which storefronts may use it is not
// among them: that is the shop's current state, checked on every request
// (Access), so a change of domains applies to tokens already issued.
type shopperClaims struct {
	jwt.RegisteredClaims
	ShopID  int64 `json:"shp"`
	Visitor bool  `json:"vis,omitempty"`
}

// Issue returns a token for s (its TokenID is chosen here) and when it
// expires.
func (t Tokens) Issue(s Shopper) (string, time.Time, error) {
	now := t.now()
	exp := now.Add(TokenTTL)
	sub := ""
	if s.ProfileID != 0 {
		sub = strconv.FormatInt(s.ProfileID, 10)
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return "", time.Time{}, fmt.Errorf("issue shopper token: %w", err)
	}
	c := shopperClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: "hubchat", Subject: sub, Audience: jwt.ClaimStrings{tokenAudience}, ID: hex.EncodeToString(id),
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(exp),
		},
		ShopID: s.ShopID, Visitor: s.Visitor,
	}
	signed, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(t.key)
	if err != nil {
		return "", time.Time{}, fmt.Errorf("issue shopper token: %w", err)
	}
	return signed, exp, nil
}

// Verify checks a token and returns its shopper, or an Unauthorized error.
func (t Tokens) Verify(token string) (Shopper, error) {
	var c shopperClaims
	_, err := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithAudience(tokenAudience), jwt.WithIssuer("hubchat"),
		jwt.WithExpirationRequired(), jwt.WithTimeFunc(t.now), jwt.WithLeeway(5*time.Second),
		jwt.WithStrictDecoding(), // one spelling per token, as it was issued
	).ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return t.key, nil })
	if err != nil || c.ShopID <= 0 || c.ID == "" {
		return Shopper{}, apperr.Wrap(apperr.Unauthorized, err, "Your chat session has expired. Reload the page.")
	}
	s := Shopper{ShopID: c.ShopID, TokenID: c.ID, Visitor: c.Visitor}
	if c.Visitor && c.Subject == "" {
		return Shopper{}, apperr.New(apperr.Unauthorized, "Your chat session is not valid. Reload the page.")
	}
	if c.Subject != "" {
		if s.ProfileID, err = strconv.ParseInt(c.Subject, 10, 64); err != nil || s.ProfileID <= 0 {
			return Shopper{}, apperr.New(apperr.Unauthorized, "Your chat session is not valid. Reload the page.")
		}
	}
	return s, nil
}
