package shopify

import (
	"errors"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestAppProxyDocumentedExample is the worked example in Shopify's app
// proxy documentation (SHOPIFY.md §3).
func TestAppProxyDocumentedExample(t *testing.T) {
	q := mustParseQuery(t, "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews&timestamp=1317327555")
	const wantMsg = "extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555"
	if got := AppProxyMessage(q); got != wantMsg {
		t.Fatalf("AppProxyMessage = %q, want %q", got, wantMsg)
	}
	sig := SignAppProxy(q, "hush")
	if !strings.HasPrefix(sig, "4c68c862") || !strings.HasSuffix(sig, "5ddb") || len(sig) != 64 {
		t.Fatalf("SignAppProxy = %q, want 4c68c862…5ddb", sig)
	}
	q.Set("signature", sig)
	got, err := VerifyAppProxy(q, "hush", fixedClock(time.Unix(1317327555, 0)))
	if err != nil {
		t.Fatalf("VerifyAppProxy(documented example) = %v", err)
	}
	want := AppProxyRequest{Shop: "shop-name.myshopify.com", LoggedInCustomerID: "1", PathPrefix: "/apps/awesome_reviews"}
	if got != want {
		t.Fatalf("VerifyAppProxy = %+v, want %+v", got, want)
	}
	q.Set("logged_in_customer_id", "2")
	if _, err := VerifyAppProxy(q, "hush", fixedClock(time.Unix(1317327555, 0))); !errors.Is(err, ErrInvalidHMAC) {
		t.Fatalf("VerifyAppProxy(tampered customer) = %v, want ErrInvalidHMAC", err)
	}
}

func TestAppProxyMessage(t *testing.T) {
	tests := []struct{ query, want string }{
		// The documented algorithm sorts "key=value" strings, so "a1=" (digit
		// 0x31) sorts before "a=" (0x3D).
		{"a=1&a1=2", "a1=2a=1"},
		{"b=2&a=1&signature=x", "a=1b=2"},
		{"a=x+y&b=%26%3D%2B", "a=x yb=&=+"},
		{"a=%E2%9C%93&a=", "a=✓,"},
		{"hmac=kept", "hmac=kept"},
		{"logged_in_customer_id=&shop=s", "logged_in_customer_id=shop=s"},
	}
	for _, tt := range tests {
		if got := AppProxyMessage(mustParseQuery(t, tt.query)); got != tt.want {
			t.Errorf("AppProxyMessage(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestVerifyAppProxy(t *testing.T) {
	const secret = "shpss_proxy"
	now := time.Unix(1_800_000_000, 0)
	base := func() url.Values {
		return url.Values{
			"shop":                  {"Shop-1.myshopify.com"},
			"path_prefix":           {"/apps/hubchat"},
			"logged_in_customer_id": {""},
			"timestamp":             {strconv.FormatInt(now.Unix(), 10)},
			"page":                  {"a b+c&d=e", "ü"},
		}
	}
	signed := func(q url.Values) url.Values { q.Set("signature", SignAppProxy(q, secret)); return q }
	edit := func(f func(url.Values)) url.Values { q := base(); f(q); return q }
	editSigned := func(f func(url.Values)) url.Values { q := signed(base()); f(q); return q }
	at := func(off int64) url.Values {
		return signed(edit(func(q url.Values) { q.Set("timestamp", strconv.FormatInt(now.Unix()+off, 10)) }))
	}
	tests := []struct {
		name    string
		q       url.Values
		wantErr error
	}{
		{"valid guest", signed(base()), nil},
		{"valid customer", signed(edit(func(q url.Values) { q.Set("logged_in_customer_id", "42") })), nil},
		{"ts 90 s ago", at(-90), nil},
		{"ts 90 s ahead", at(90), nil},
		{"ts 91 s ago", at(-91), ErrStaleRequest},
		{"ts 91 s ahead", at(91), ErrStaleRequest},
		{"no timestamp", signed(edit(func(q url.Values) { q.Del("timestamp") })), ErrStaleRequest},
		{"bad timestamp", signed(edit(func(q url.Values) { q.Set("timestamp", "soon") })), ErrStaleRequest},
		{"customer id forged", editSigned(func(q url.Values) { q.Set("logged_in_customer_id", "42") }), ErrInvalidHMAC},
		{"shop swapped", editSigned(func(q url.Values) { q.Set("shop", "other.myshopify.com") }), ErrInvalidHMAC},
		{"extra param added", editSigned(func(q url.Values) { q.Set("x", "") }), ErrInvalidHMAC},
		{"repeat value dropped", editSigned(func(q url.Values) { q["page"] = q["page"][:1] }), ErrInvalidHMAC},
		{"no signature", base(), ErrInvalidHMAC},
		{"uppercase signature", editSigned(func(q url.Values) { q.Set("signature", strings.ToUpper(q.Get("signature"))) }), ErrInvalidHMAC},
		{"signature of other secret", edit(func(q url.Values) { q.Set("signature", SignAppProxy(q, "other")) }), ErrInvalidHMAC},
		{"repeated signature", editSigned(func(q url.Values) { q.Add("signature", q.Get("signature")) }), ErrInvalidHMAC},
		{"repeated shop", signed(edit(func(q url.Values) { q.Add("shop", "evil.myshopify.com") })), ErrInvalidHMAC},
		{"repeated customer", signed(edit(func(q url.Values) { q["logged_in_customer_id"] = []string{"1", "2"} })), ErrInvalidHMAC},
		{"repeated timestamp", signed(edit(func(q url.Values) { q.Add("timestamp", q.Get("timestamp")) })), ErrInvalidHMAC},
		{"invalid shop", signed(edit(func(q url.Values) { q.Set("shop", "evil.com") })), ErrInvalidShop},
		{"missing shop", signed(edit(func(q url.Values) { q.Del("shop") })), ErrInvalidShop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := VerifyAppProxy(tt.q, secret, fixedClock(now))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("VerifyAppProxy = %+v, %v; want %v", got, err, tt.wantErr)
				}
				if got != (AppProxyRequest{}) {
					t.Fatalf("VerifyAppProxy returned %+v with an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("VerifyAppProxy = %v", err)
			}
			want := AppProxyRequest{Shop: "shop-1.myshopify.com", LoggedInCustomerID: tt.q.Get("logged_in_customer_id"), PathPrefix: "/apps/hubchat"}
			if got != want {
				t.Fatalf("VerifyAppProxy = %+v, want %+v", got, want)
			}
		})
	}
}
