package shopify

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzVerifySessionToken: a session token App Bridge would send is
// accepted and names its shop and staff member; the same token with any
// one character changed is refused, and so is any string the fuzzer
// invents, since it cannot know the secret.
func FuzzVerifySessionToken(f *testing.F) {
	f.Add("a-shop.myshopify.com", "42", uint(10), byte(1), "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.")
	f.Add("b.myshopify.com", "1", uint(200), byte(2), "eyJhbGciOiJIUzI1NiJ9.e30.AAAA")
	f.Add("c.myshopify.com", "9007199254740993", uint(1), byte(0x20), "..")
	f.Fuzz(func(t *testing.T, shop, userID string, pos uint, flip byte, forged string) {
		const key, secret = "api-key", "api-secret"
		now := fixedClock(fuzzNow)
		_, err := VerifySessionToken(forged, key, secret, now)
		checkRefusal(t, "forged token", err, ErrInvalidSessionToken)

		token, err := SignSessionToken(SessionTokenParams{Shop: shop, APIKey: key, UserID: userID, SessionID: "sid",
			IssuedAt: fuzzNow.Add(-time.Second)}, secret)
		if err != nil {
			return // not a shop domain: nothing to sign
		}
		st, err := VerifySessionToken(token, key, secret, now)
		if err != nil {
			checkRefusal(t, "signed token", err, ErrInvalidSessionToken)
			if !strings.Contains(err.Error(), "sub") {
				t.Fatalf("a token signed for shop %q user %q refused: %v", shop, userID, err)
			}
			return
		}
		if st.Shop != asciiLower(shop) || !ValidShopDomain(st.Shop) {
			t.Fatalf("token for %q names shop %q", shop, st.Shop)
		}
		if flip == 0 {
			flip = 1
		}
		b := []byte(token)
		b[pos%uint(len(b))] ^= flip
		if _, err := VerifySessionToken(string(b), key, secret, now); err == nil {
			t.Fatalf("token changed at %d (%q → %q) accepted", pos%uint(len(b)), token, b)
		}
	})
}

// A session token verifies spelt only as it was signed: every other last
// digit of its signature is refused (the fuzz target changes one byte at a
// time; this tries them all, for several tokens).
func TestSessionTokenHasOneSpelling(t *testing.T) {
	const key, secret = "api-key", "api-secret"
	for user := range 20 {
		token, err := SignSessionToken(SessionTokenParams{Shop: "a.myshopify.com", APIKey: key, UserID: strconv.Itoa(user + 1),
			IssuedAt: fuzzNow.Add(-time.Second)}, secret)
		if err != nil {
			t.Fatal(err)
		}
		for _, other := range otherSpellings(token) {
			if _, err := VerifySessionToken(other, key, secret, fixedClock(fuzzNow)); err == nil {
				t.Fatalf("token %q accepted spelt %q", token, other)
			}
		}
	}
}

// otherSpellings is token with its last character replaced by each other
// base64url digit: the last digit of an HS256 signature carries bits that
// must be zero, so a lenient decoder reads some of these as the same
// signature.
func otherSpellings(token string) []string {
	const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	var out []string
	for _, d := range digits {
		if last := token[len(token)-1:]; string(d) != last {
			out = append(out, token[:len(token)-1]+string(d))
		}
	}
	return out
}

// FuzzShopDomain: what NormalizeShopDomain accepts is a canonical
// myshopify.com domain it returns unchanged a second time; what it refuses
// it refuses with ErrInvalidShop in a bounded message.
func FuzzShopDomain(f *testing.F) {
	for _, s := range []string{"a-shop.myshopify.com", "A-SHOP.MYSHOPIFY.COM", "shop.myshopify.com.evil.com",
		"https://a.myshopify.com", "\u212aelvin.myshopify.com", "a.myshopify.com.", "-a.myshopify.com",
		strings.Repeat("a", 64) + ".myshopify.com", strings.Repeat("x", 5000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		shop, err := NormalizeShopDomain(s)
		if err != nil {
			checkRefusal(t, "shop "+s, err, ErrInvalidShop)
			return
		}
		if !strings.HasSuffix(shop, ".myshopify.com") || strings.ContainsAny(shop, "/:@?#% \t\r\n") || shop != asciiLower(shop) {
			t.Fatalf("%q normalised to %q", s, shop)
		}
		if again, err := NormalizeShopDomain(shop); err != nil || again != shop {
			t.Fatalf("normalising %q again gave %q, %v", shop, again, err)
		}
	})
}

// FuzzDecodeHost: the admin's host parameter decodes only to a Shopify
// admin location, safe to redirect to, and encodes back to the same
// parameter (padding aside).
func FuzzDecodeHost(f *testing.F) {
	for _, s := range []string{EncodeHost("admin.shopify.com/store/a-shop"), EncodeHost("a.myshopify.com/admin"),
		EncodeHost("evil.com/admin"), EncodeHost("admin.shopify.com/store/a/../../evil"), "YWRtaW4===", "!!!",
		EncodeHost("admin.shopify.com/store/a\r\nSet-Cookie: x=1")} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		decoded, err := DecodeHost(host)
		if err != nil {
			checkRefusal(t, "host "+host, err, ErrInvalidHost)
			return
		}
		if !strings.HasPrefix(decoded, "admin.shopify.com/store/") && !strings.HasSuffix(decoded, ".myshopify.com/admin") {
			t.Fatalf("%q decoded to %q", host, decoded)
		}
		if strings.ContainsAny(decoded, "\r\n\t ?#@\\") || strings.Contains(decoded, "..") {
			t.Fatalf("%q decoded to an unsafe location %q", host, decoded)
		}
		if EncodeHost(decoded) != strings.TrimRight(host, "=") {
			t.Fatalf("%q decoded to %q, which encodes as %q", host, decoded, EncodeHost(decoded))
		}
	})
}

// FuzzOrigin: an origin is scheme://host[:port] in lowercase, with no
// path, user info or default port, and is its own origin.
func FuzzOrigin(f *testing.F) {
	for _, s := range []string{"https://Shop.Example:443/path", "http://[::1]:80", "javascript:alert(1)", "null",
		"https://user@shop.example", "HTTPS://shop.example:8443?x#y", "https://shop.example%0d%0a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		origin, ok := Origin(raw)
		if !ok {
			return
		}
		if !strings.HasPrefix(origin, "https://") && !strings.HasPrefix(origin, "http://") {
			t.Fatalf("%q has origin %q", raw, origin)
		}
		rest := origin[strings.Index(origin, "://")+3:]
		if rest == "" || strings.ContainsAny(rest, "/?#@ \r\n") || rest != asciiLower(rest) {
			t.Fatalf("%q has origin %q", raw, origin)
		}
		if again, ok := Origin(origin); !ok || again != origin {
			t.Fatalf("origin %q of %q is not its own origin (%q)", origin, raw, again)
		}
	})
}

// FuzzParseWebhookHeaders: a webhook's headers parse only with every
// required one present and a canonical shop domain; a refusal is
// ErrMissingWebhookHeader in a bounded message.
func FuzzParseWebhookHeaders(f *testing.F) {
	f.Add("orders/create", "a.myshopify.com", "2026-10", "wh-1", "2026-12-05T10:00:00.123Z")
	f.Add(" ", "A.MYSHOPIFY.COM", "x", "y", "yesterday")
	f.Add("t", strings.Repeat("a", 10000)+".myshopify.com", "v", "i", "")
	f.Fuzz(func(t *testing.T, topic, shop, version, id, triggered string) {
		headers := map[string]string{HeaderWebhookTopic: topic, HeaderWebhookShopDomain: shop,
			HeaderWebhookAPIVersion: version, HeaderWebhookID: id, HeaderWebhookTriggeredAt: triggered}
		h, err := ParseWebhookHeaders(func(k string) string { return headers[k] })
		if err != nil {
			checkRefusal(t, "headers", err, ErrMissingWebhookHeader)
			return
		}
		if h.Topic == "" || h.APIVersion == "" || h.WebhookID == "" || !ValidShopDomain(h.ShopDomain) || h.ShopDomain != asciiLower(h.ShopDomain) {
			t.Fatalf("headers %v parsed to %+v", headers, h)
		}
	})
}
