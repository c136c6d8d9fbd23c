package shopify

import (
	"bytes"
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// sessionClaims mirrors the payload of Shopify's session tokens. It is its
// own jwt.Claims rather than jwt.RegisteredClaims so that the JSON types are
// as strict as Shopify's library (jose): aud must be a single string, which
// the library compares with === against the API key, and the dates must be
// JSON numbers, where jwt.NumericDate would also take "123" or null.
type sessionClaims struct {
	Issuer    string    `json:"iss,omitempty"`
	Subject   string    `json:"sub,omitempty"`
	Audience  string    `json:"aud,omitempty"`
	ExpiresAt claimDate `json:"exp,omitzero"`
	NotBefore claimDate `json:"nbf,omitzero"`
	IssuedAt  claimDate `json:"iat,omitzero"`
	ID        string    `json:"jti,omitempty"`
	Dest      string    `json:"dest,omitempty"`
	Sid       string    `json:"sid,omitempty"`
}

func (c sessionClaims) GetExpirationTime() (*jwt.NumericDate, error) { return c.ExpiresAt.date, nil }
func (c sessionClaims) GetNotBefore() (*jwt.NumericDate, error)      { return c.NotBefore.date, nil }
func (c sessionClaims) GetIssuedAt() (*jwt.NumericDate, error)       { return c.IssuedAt.date, nil }
func (c sessionClaims) GetIssuer() (string, error)                   { return c.Issuer, nil }
func (c sessionClaims) GetSubject() (string, error)                  { return c.Subject, nil }

func (c sessionClaims) GetAudience() (jwt.ClaimStrings, error) {
	if c.Audience == "" {
		return nil, nil
	}
	return jwt.ClaimStrings{c.Audience}, nil
}

// claimDate is a NumericDate that must be a JSON number when present.
// Being a value, not a pointer, its UnmarshalJSON also sees a null.
type claimDate struct{ date *jwt.NumericDate }

func (d *claimDate) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || (b[0] != '-' && (b[0] < '0' || b[0] > '9')) {
		return fmt.Errorf("date claim %s is not a number", b)
	}
	d.date = new(jwt.NumericDate)
	return d.date.UnmarshalJSON(b)
}

// MarshalJSON is only reached for a set date: the fields are omitzero.
func (d claimDate) MarshalJSON() ([]byte, error) {
	if d.date == nil {
		return []byte("null"), nil
	}
	return d.date.MarshalJSON()
}
