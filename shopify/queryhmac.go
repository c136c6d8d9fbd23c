package shopify

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"
)

// VerifyQuery checks the hmac Shopify adds to the OAuth callback and to every
// admin load (SHOPIFY.md §1): the HMAC-SHA256, in lowercase hex, of the other
// parameters as QueryMessage renders them, keyed with the app's client
// secret. It also requires a timestamp within SignatureMaxAge of now().
//
// It returns nil, or an error wrapping ErrInvalidHMAC or ErrStaleRequest.
// The signature is checked before the timestamp so a forged request is
// reported as forged, not as stale.
func VerifyQuery(q url.Values, secret string, now func() time.Time) error {
	got := q["hmac"]
	if len(got) != 1 || got[0] == "" {
		return fmt.Errorf("query: %w: want one hmac, got %d", ErrInvalidHMAC, len(got))
	}
	if !equalConstantTime(got[0], SignQuery(q, secret)) {
		return fmt.Errorf("query: %w: signature does not match", ErrInvalidHMAC)
	}
	if err := checkTimestamp(q, now); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	return nil
}

// SignQuery returns the hmac value Shopify would send with q: lowercase hex
// HMAC-SHA256 of QueryMessage(q). Any hmac or signature already in q is
// ignored. The fake Shopify uses it to sign redirects and admin loads.
func SignQuery(q url.Values, secret string) string {
	return hmacHex(secret, QueryMessage(q))
}

// QueryMessage renders q as the string Shopify signs for the OAuth callback
// and admin loads: hmac and signature removed, keys sorted, "k=v" pairs
// joined with "&", a repeated key's values joined with "," into one value,
// keys and values percent-encoded as URLSearchParams serialises them with
// "+" turned into "%20" (so a space is "%20" and a literal "+" is "%2B").
//
// Keys are sorted by byte order, as Shopify's servers and its Ruby and PHP
// examples sort. Shopify's Node library sorts with localeCompare instead; the
// two orders agree for every key Shopify actually sends (lowercase ASCII and
// "_") but not, for example, for "a1" against "a_b" or "B" against "a".
func QueryMessage(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k, vs := range q {
		// A key without values never appears on the wire (url.Values.Encode
		// skips it), so it cannot be part of what Shopify signed.
		if k == "hmac" || k == "signature" || len(vs) == 0 {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, k)
		b.WriteByte('=')
		formEncode(&b, strings.Join(q[k], ","))
	}
	return b.String()
}

// formEncode writes s as the WHATWG application/x-www-form-urlencoded
// serializer (URLSearchParams.toString) does, except that a space becomes
// "%20", which is what the library's .replace(/\+/g, '%20') yields. The safe
// set differs from url.QueryEscape: "*" stays, "~" is escaped. Bytes are
// encoded as they are; JavaScript would first replace invalid UTF-8 with
// U+FFFD, which Go's url.ParseQuery never produces from a real request.
func formEncode(b *strings.Builder, s string) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0x0f])
		}
	}
}
