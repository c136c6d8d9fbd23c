package shopifytest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// storefrontSessionCookie carries the signed-in customer on the fake
// storefront's own origin, as Shopify's session cookie does on the shop's.
// The app never sees it: the app proxy strips cookies.
const storefrontSessionCookie = "storefront_customer"

// storefrontSessions signs the session cookie with a key made at start, so
// that nothing the browser sends alone can claim a customer (SPEC.md §1.1)
// and a restart signs everybody out.
type storefrontSessions struct{ key []byte }

func newStorefrontSessions() (storefrontSessions, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return storefrontSessions{}, fmt.Errorf("storefront: session key: %w", err)
	}
	return storefrontSessions{key: key}, nil
}

func (s storefrontSessions) mac(id string) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil))
}

// signIn sets the session cookie for customer id.
func (s storefrontSessions) signIn(w http.ResponseWriter, id int64) {
	v := strconv.FormatInt(id, 10)
	http.SetCookie(w, &http.Cookie{Name: storefrontSessionCookie, Value: v + "." + s.mac(v),
		Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

func (s storefrontSessions) signOut(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: storefrontSessionCookie, Value: "", Path: "/",
		MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
}

// customerID reads a validly signed session cookie.
func (s storefrontSessions) customerID(r *http.Request) (int64, bool) {
	c, err := r.Cookie(storefrontSessionCookie)
	if err != nil {
		return 0, false
	}
	v, sig, ok := strings.Cut(c.Value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(s.mac(v))) {
		return 0, false
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

// returnPath picks where to go after signing in or out: the return_url
// (or the older checkout_url) Shopify's login honours, if it stays on this
// storefront; otherwise fallback. Refusing other hosts keeps the fake from
// being an open redirect.
func returnPath(r *http.Request, fallback string) string {
	for _, name := range []string{"return_url", "checkout_url"} {
		if raw := r.FormValue(name); raw != "" {
			return localURL(r, raw, fallback)
		}
	}
	return fallback
}

// localURL returns raw as a path (with its query) on this storefront, or
// fallback when raw leads anywhere else.
func localURL(r *http.Request, raw, fallback string) string {
	u, err := url.Parse(raw)
	if err != nil || strings.ContainsAny(raw, "\\\r\n") {
		return fallback
	}
	if u.Scheme != "" || u.Host != "" {
		if (u.Scheme != "http" && u.Scheme != "https") || u.Host != r.Host {
			return fallback
		}
		u.Scheme, u.Host, u.User = "", "", nil
	}
	if !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	return u.String()
}
