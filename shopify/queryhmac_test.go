package shopify

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fixedClock returns a clock stopped at t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func mustParseQuery(t *testing.T, s string) url.Values {
	t.Helper()
	q, err := url.ParseQuery(s)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", s, err)
	}
	return q
}

// TestVerifyQueryDocumentedExample uses the OAuth example from Shopify's
// documentation (secret "hush").
func TestVerifyQueryDocumentedExample(t *testing.T) {
	q := mustParseQuery(t, "code=0907a61c0c8d55e99db179b68161bc00&hmac=4712bf92ffc2917d15a2f5a273e39f0116667419aa4b6ac0b3baaf26fa3c4d20&shop=some-shop.myshopify.com&timestamp=1337178173")
	if got, want := QueryMessage(q), "code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&timestamp=1337178173"; got != want {
		t.Fatalf("QueryMessage = %q, want %q", got, want)
	}
	if err := VerifyQuery(q, "hush", fixedClock(time.Unix(1337178173+30, 0))); err != nil {
		t.Fatalf("VerifyQuery(documented example) = %v", err)
	}
	if err := VerifyQuery(q, "hush!", fixedClock(time.Unix(1337178173, 0))); !errors.Is(err, ErrInvalidHMAC) {
		t.Fatalf("VerifyQuery(wrong secret) = %v, want ErrInvalidHMAC", err)
	}
}

func TestQueryMessage(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  string
	}{
		{"sorted by byte order", "shop=s&B=2&a=1&a_b=3&a1=4", "B=2&a=1&a1=4&a_b=3&shop=s"},
		{"hmac and signature dropped", "hmac=x&signature=y&z=1", "z=1"},
		{"space is %20", "a=hello+world", "a=hello%20world"},
		{"plus is %2B", "a=1%2B1", "a=1%2B1"},
		{"ampersand and equals escaped", "a%26b=c%3Dd", "a%26b=c%3Dd"},
		{"tilde escaped, star kept", "a=~*-._", "a=%7E*-._"},
		{"slash and colon escaped", "host=https://x/y", "host=https%3A%2F%2Fx%2Fy"},
		{"unicode as UTF-8", "n=caf%C3%A9+%F0%9F%98%80", "n=caf%C3%A9%20%F0%9F%98%80"},
		{"repeated keys joined with comma", "a=1&a=2&b=3", "a=1%2C2&b=3"},
		{"empty value", "a=&b=1", "a=&b=1"},
		{"empty query", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := QueryMessage(mustParseQuery(t, tt.query)); got != tt.want {
				t.Errorf("QueryMessage(%q) = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestVerifyQuery(t *testing.T) {
	const secret = "shpss_test_secret"
	now := time.Unix(1_800_000_000, 0)
	signed := func(q url.Values) url.Values {
		q.Set("hmac", SignQuery(q, secret))
		return q
	}
	base := func() url.Values {
		return url.Values{
			"embedded":  {"1"},
			"host":      {EncodeHost("admin.shopify.com/store/my-shop")},
			"locale":    {"en"},
			"shop":      {"my-shop.myshopify.com"},
			"timestamp": {strconv.FormatInt(now.Unix(), 10)},
		}
	}
	at := func(offset int64) url.Values {
		q := base()
		q.Set("timestamp", strconv.FormatInt(now.Unix()+offset, 10))
		return signed(q)
	}
	tests := []struct {
		name    string
		q       url.Values
		wantErr error
	}{
		{"valid", signed(base()), nil},
		{"valid with unicode, spaces and repeats", signed(func() url.Values {
			q := base()
			q["note"] = []string{"héllo wörld + more & =", "二"}
			return q
		}()), nil},
		{"ts 90 s ago", at(-90), nil},
		{"ts 90 s ahead", at(90), nil},
		{"ts 91 s ago", at(-91), ErrStaleRequest},
		{"ts 91 s ahead", at(91), ErrStaleRequest},
		{"ts a day ago", at(-86400), ErrStaleRequest},
		{"tampered value", func() url.Values { q := signed(base()); q.Set("shop", "other.myshopify.com"); return q }(), ErrInvalidHMAC},
		{"added param", func() url.Values { q := signed(base()); q.Set("x", "1"); return q }(), ErrInvalidHMAC},
		{"removed param", func() url.Values { q := signed(base()); q.Del("locale"); return q }(), ErrInvalidHMAC},
		{"repeat split differently", func() url.Values {
			q := base()
			q.Set("a", "1,2")
			q = signed(q)
			q["a"] = []string{"1", "2"} // the documented comma join makes these equal
			return q
		}(), nil},
		{"uppercase hmac", func() url.Values { q := signed(base()); q.Set("hmac", strings.ToUpper(q.Get("hmac"))); return q }(), ErrInvalidHMAC},
		{"truncated hmac", func() url.Values { q := signed(base()); q.Set("hmac", q.Get("hmac")[:63]); return q }(), ErrInvalidHMAC},
		{"missing hmac", base(), ErrInvalidHMAC},
		{"empty hmac", func() url.Values { q := base(); q.Set("hmac", ""); return q }(), ErrInvalidHMAC},
		{"repeated hmac", func() url.Values { q := signed(base()); q.Add("hmac", q.Get("hmac")); return q }(), ErrInvalidHMAC},
		{"hmac of other secret", func() url.Values { q := base(); q.Set("hmac", SignQuery(q, "other")); return q }(), ErrInvalidHMAC},
		{"missing timestamp", func() url.Values { q := base(); q.Del("timestamp"); return signed(q) }(), ErrStaleRequest},
		{"repeated timestamp", func() url.Values { q := base(); q.Add("timestamp", q.Get("timestamp")); return signed(q) }(), ErrStaleRequest},
		{"non-integer timestamp", func() url.Values { q := base(); q.Set("timestamp", "1.8e9"); return signed(q) }(), ErrStaleRequest},
		{"spaced timestamp", func() url.Values { q := base(); q.Set("timestamp", " 1800000000"); return signed(q) }(), ErrStaleRequest},
		{"signature param ignored", func() url.Values { q := signed(base()); q.Set("signature", "anything"); return q }(), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifyQuery(tt.q, secret, fixedClock(now))
			if tt.wantErr == nil && err != nil {
				t.Fatalf("VerifyQuery = %v, want nil", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("VerifyQuery = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
