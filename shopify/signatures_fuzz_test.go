package shopify

import (
	"errors"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"testing"
	"time"
)

// maxErrorLen bounds what a refusal says: errors are logged, and a hostile
// request must not be able to write megabytes into the logs through them.
const maxErrorLen = 512

// fuzzNow is the clock of the fuzz targets.
var fuzzNow = time.Unix(1_780_000_000, 0)

// checkRefusal fails unless err is non-nil, wraps one of wants and is of
// bounded length.
func checkRefusal(t *testing.T, what string, err error, wants ...error) {
	t.Helper()
	if len(what) > 200 {
		what = what[:200] + "…"
	}
	if err == nil {
		t.Fatalf("%s: accepted", what)
	}
	if len(err.Error()) > maxErrorLen {
		t.Fatalf("%s: error of %d bytes", what, len(err.Error()))
	}
	for _, w := range wants {
		if errors.Is(err, w) {
			return
		}
	}
	t.Fatalf("%s: %v wraps none of %v", what, err, wants)
}

// FuzzVerifyWebhook: a webhook signed by the secret is accepted; the same
// signature over a body with any byte changed, or a header with any byte
// changed, or another secret, is refused.
func FuzzVerifyWebhook(f *testing.F) {
	f.Add([]byte(`{"id":1,"title":"Shirt"}`), "shpss_secret", uint(3), byte(1))
	f.Add([]byte(`{}`), "", uint(0), byte(0x80))
	f.Add([]byte("\x00\xff<script>alert(1)</script>"), "k", uint(100), byte(0x20))
	f.Fuzz(func(t *testing.T, body []byte, secret string, pos uint, flip byte) {
		if len(body) == 0 {
			checkRefusal(t, "empty body", VerifyWebhook(body, SignWebhook(body, secret), secret), ErrInvalidHMAC)
			return
		}
		sig := SignWebhook(body, secret)
		if err := VerifyWebhook(body, sig, secret); err != nil {
			t.Fatalf("signed body refused: %v", err)
		}
		if flip == 0 {
			flip = 1
		}
		changed := slices.Clone(body)
		changed[pos%uint(len(changed))] ^= flip
		checkRefusal(t, "changed body", VerifyWebhook(changed, sig, secret), ErrInvalidHMAC)
		checkRefusal(t, "longer body", VerifyWebhook(append(slices.Clone(body), flip), sig, secret), ErrInvalidHMAC)
		badSig := []byte(sig)
		badSig[pos%uint(len(badSig))] ^= flip
		checkRefusal(t, "changed header", VerifyWebhook(body, string(badSig), secret), ErrInvalidHMAC)
		checkRefusal(t, "other secret", VerifyWebhook(body, sig, secret+"x"), ErrInvalidHMAC)
	})
}

// signedQueryCase turns a fuzzed query string into a query with a fresh
// timestamp, as Shopify sends them.
func signedQueryCase(raw string) url.Values {
	q, _ := url.ParseQuery(raw) // what parsed: a partly broken query is input too
	q.Set("timestamp", strconv.FormatInt(fuzzNow.Unix(), 10))
	return q
}

// mutateQuery changes q in one of several ways chosen by op, at the key
// chosen by pos: a value or a key changed, a parameter added or removed, a
// value split in two, or two adjacent parameters merged into one.
func mutateQuery(q url.Values, op uint8, pos uint, extra string) url.Values {
	m := url.Values{}
	for k, vs := range q {
		m[k] = slices.Clone(vs)
	}
	keys := slices.Sorted(maps.Keys(m))
	k := keys[pos%uint(len(keys))]
	switch op % 6 {
	case 0: // a value changed
		m[k] = append(m[k][:len(m[k]):len(m[k])], extra)
		if len(m[k]) > 1 {
			m[k] = m[k][1:]
		}
	case 1: // a key renamed
		vs := m[k]
		delete(m, k)
		m[k+extra+"_"] = vs
	case 2: // a parameter added
		m.Add("x"+extra, extra)
	case 3: // a parameter removed
		delete(m, k)
	case 4: // a second value for a key
		m.Add(k, extra)
	case 5: // a key and the next merged: "a=1", "b=2" become "a=1b=2"
		next := keys[(pos+1)%uint(len(keys))]
		if next == k {
			m.Set(k, m.Get(k)+extra)
			break
		}
		m.Set(k, m.Get(k)+next+"="+m.Get(next))
		delete(m, next)
	}
	return m
}

// sameExceptSignature reports whether a and b hold the same parameters,
// the signatures aside.
func sameExceptSignature(a, b url.Values) bool {
	strip := func(q url.Values) url.Values {
		out := url.Values{}
		for k, vs := range q {
			if k != "hmac" && k != "signature" && len(vs) > 0 {
				out[k] = vs
			}
		}
		return out
	}
	return maps.EqualFunc(strip(a), strip(b), slices.Equal[[]string])
}

// FuzzVerifyQuery: an OAuth/admin query signed by the secret is accepted;
// any change of its parameters keeps the hmac from matching, since
// QueryMessage encodes keys and values unambiguously.
func FuzzVerifyQuery(f *testing.F) {
	f.Add("shop=some-shop.myshopify.com&code=0907a61c", "hush", uint8(0), uint(0), "1")
	f.Add("shop=a.myshopify.com&host=YWRtaW4&state=x%26y%3Dz", "s", uint8(5), uint(1), "")
	f.Add("a=1,2&a=3&b=", "s", uint8(4), uint(2), ",")
	f.Add("%zz=1&&=&x", "s", uint8(1), uint(7), "&")
	f.Fuzz(func(t *testing.T, raw, secret string, op uint8, pos uint, extra string) {
		q := signedQueryCase(raw)
		q.Set("hmac", SignQuery(q, secret))
		if err := VerifyQuery(q, secret, fixedClock(fuzzNow)); err != nil {
			t.Fatalf("signed query %q refused: %v", q.Encode(), err)
		}
		m := mutateQuery(q, op, pos, extra)
		if m.Get("hmac") != q.Get("hmac") {
			m.Set("hmac", q.Get("hmac"))
		}
		err := VerifyQuery(m, secret, fixedClock(fuzzNow))
		if sameExceptSignature(q, m) {
			return
		}
		checkRefusal(t, "changed query "+m.Encode(), err, ErrInvalidHMAC, ErrStaleRequest)
	})
}

// FuzzVerifyAppProxy: a proxied request signed by the secret is accepted,
// and a changed one is accepted only when Shopify's message (parameters
// concatenated with no separator) stays the same, and then still names the
// same shop and customer: a shopper cannot move a boundary to sign in as
// someone else.
func FuzzVerifyAppProxy(f *testing.F) {
	f.Add("shop=a.myshopify.com&path_prefix=/apps/hubchat&logged_in_customer_id=7001", "s", uint8(0), uint(0), "2")
	f.Add("shop=a.myshopify.com&logged_in_customer_id=&extra=1logged_in_customer_id%3D7001", "s", uint8(5), uint(0), "")
	f.Add("shop=a.myshopify.com&logged_in_customer_id=7001&logged_in_customer_id=7002", "s", uint8(4), uint(1), "x")
	f.Add("shop=A.MYSHOPIFY.COM&return_to=%2F%3Cscript%3E", "s", uint8(3), uint(3), "")
	f.Fuzz(func(t *testing.T, raw, secret string, op uint8, pos uint, extra string) {
		q := signedQueryCase(raw)
		q.Set("signature", SignAppProxy(q, secret))
		signed, err := VerifyAppProxy(q, secret, fixedClock(fuzzNow))
		if err != nil {
			checkRefusal(t, "signed request", err, ErrInvalidHMAC, ErrInvalidShop, ErrStaleRequest)
			return
		}
		m := mutateQuery(q, op, pos, extra)
		m.Set("signature", q.Get("signature"))
		got, err := VerifyAppProxy(m, secret, fixedClock(fuzzNow))
		if err != nil {
			checkRefusal(t, "changed request", err, ErrInvalidHMAC, ErrInvalidShop, ErrStaleRequest)
			return
		}
		if AppProxyMessage(m) != AppProxyMessage(q) {
			t.Fatalf("changed request accepted: %q signed as %q", AppProxyMessage(m), AppProxyMessage(q))
		}
		if got.Shop != signed.Shop || got.LoggedInCustomerID != signed.LoggedInCustomerID {
			t.Fatalf("a changed request names shop %q customer %q; the signed one %q %q",
				got.Shop, got.LoggedInCustomerID, signed.Shop, signed.LoggedInCustomerID)
		}
	})
}
