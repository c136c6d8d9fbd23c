package shopify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strconv"
	"time"
)

// SignatureMaxAge is how far a signed query's timestamp may be from the
// clock, in either direction. It is the tolerance Shopify's own library uses
// (HMAC_TIMESTAMP_PERMITTED_CLOCK_TOLERANCE_SEC = 90) for both admin loads
// and app proxy requests: long enough for clock skew and a slow redirect,
// short enough that a leaked URL stops working quickly.
const SignatureMaxAge = 90 * time.Second

// checkTimestamp requires exactly one integer timestamp (seconds since the
// epoch) within SignatureMaxAge of now. The comparison is on whole seconds,
// as the library does, so the boundaries match it exactly.
func checkTimestamp(q url.Values, now func() time.Time) error {
	ts := q["timestamp"]
	if len(ts) != 1 {
		return fmt.Errorf("%w: want one timestamp, got %d", ErrStaleRequest, len(ts))
	}
	// ParseInt is stricter than the library's Number(): no spaces, no hex,
	// no exponent. Shopify sends plain decimal seconds.
	sec, err := strconv.ParseInt(ts[0], 10, 64)
	if err != nil {
		return fmt.Errorf("%w: timestamp %s is not an integer", ErrStaleRequest, quoteInput(ts[0]))
	}
	age := now().Unix() - sec
	if age > int64(SignatureMaxAge/time.Second) || -age > int64(SignatureMaxAge/time.Second) {
		return fmt.Errorf("%w: timestamp is %d s away from the clock", ErrStaleRequest, age)
	}
	return nil
}

// hmacHex is the lowercase hex HMAC-SHA256 both query signatures use.
func hmacHex(secret, message string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(message))
	return hex.EncodeToString(m.Sum(nil))
}

// equalConstantTime compares a received signature with the expected one
// without leaking, through timing, how many leading bytes matched.
func equalConstantTime(got, want string) bool {
	return hmac.Equal([]byte(got), []byte(want))
}
