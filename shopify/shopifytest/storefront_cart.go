package shopifytest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
)

// storefrontCartCookie names the browser's cart, as Shopify's "cart" cookie
// does. Only the cart's attributes are kept: they are what an app sets
// through the Ajax Cart API and what an order carries as note_attributes.
const storefrontCartCookie = "cart"

// maxCartAttributes bounds what one browser can store in the fake.
const maxCartAttributes = 50

// storefrontCarts are the browsers' carts by token.
type storefrontCarts struct {
	mu    sync.Mutex
	carts map[string]map[string]string
}

// cartJSON is the part of the Ajax Cart API's cart object the fake keeps.
type cartJSON struct {
	Token      string            `json:"token"`
	Attributes map[string]string `json:"attributes"`
	ItemCount  int               `json:"item_count"`
	Items      []any             `json:"items"`
}

// handleCart answers GET /cart.js.
func (s *Storefront) handleCart(w http.ResponseWriter, r *http.Request) {
	token := s.carts.token(w, r)
	writeCart(w, token, s.carts.attributes(token))
}

// handleCartUpdate answers POST /cart/update.js: {"attributes": {...}} as
// JSON (or attributes[name]=value as a form) is merged into the cart's
// attributes; an empty value removes one, as at Shopify.
func (s *Storefront) handleCartUpdate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Attributes map[string]string `json:"attributes"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&body); err != nil {
			http.Error(w, `{"status":400,"message":"Bad Request","description":"invalid JSON"}`, http.StatusBadRequest)
			return
		}
	} else {
		r.ParseForm()
		body.Attributes = map[string]string{}
		for k, v := range r.PostForm {
			if name, ok := strings.CutPrefix(k, "attributes["); ok && strings.HasSuffix(name, "]") && len(v) > 0 {
				body.Attributes[strings.TrimSuffix(name, "]")] = v[0]
			}
		}
	}
	token := s.carts.token(w, r)
	attrs, ok := s.carts.update(token, body.Attributes)
	if !ok {
		http.Error(w, `{"status":422,"message":"Cart Error","description":"too many attributes"}`, http.StatusUnprocessableEntity)
		return
	}
	writeCart(w, token, attrs)
}

// CartAttributes returns the attributes of the cart with token.
func (s *Storefront) CartAttributes(token string) map[string]string { return s.carts.attributes(token) }

// token is the browser's cart token, made (and set as the cookie) on the
// first request that needs one.
func (c *storefrontCarts) token(w http.ResponseWriter, r *http.Request) string {
	if ck, err := r.Cookie(storefrontCartCookie); err == nil && len(ck.Value) == 32 {
		return ck.Value
	}
	b := make([]byte, 16)
	rand.Read(b)
	t := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: storefrontCartCookie, Value: t, Path: "/", SameSite: http.SameSiteLaxMode})
	return t
}

// attributes is a copy of the cart's attributes.
func (c *storefrontCarts) attributes(token string) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]string{}
	for k, v := range c.carts[token] {
		out[k] = v
	}
	return out
}

// update merges attrs into the cart, unless the cart would then hold more
// than maxCartAttributes (nothing changes and ok is false).
func (c *storefrontCarts) update(token string, attrs map[string]string) (map[string]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := map[string]string{}
	for k, v := range c.carts[token] {
		next[k] = v
	}
	for k, v := range attrs {
		if v == "" {
			delete(next, k)
		} else {
			next[k] = v
		}
	}
	if len(next) > maxCartAttributes {
		return nil, false
	}
	if c.carts == nil {
		c.carts = map[string]map[string]string{}
	}
	c.carts[token] = next
	return next, true
}

func writeCart(w http.ResponseWriter, token string, attrs map[string]string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(cartJSON{Token: token, Attributes: attrs, Items: []any{}})
}
