package shopifytest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestCartAttributesAreKeptPerBrowser(t *testing.T) {
	sf, err := NewStorefront(newTestConfig(&testShopData{}, copyFixture(t, "hub-ext")))
	if err != nil {
		t.Fatal(err)
	}
	do := func(cookie *http.Cookie, req *http.Request) (*http.Response, cartJSON) {
		t.Helper()
		if cookie != nil {
			req.AddCookie(cookie)
		}
		w := httptest.NewRecorder()
		sf.ServeHTTP(w, req)
		var c cartJSON
		if w.Code == 200 {
			if err := json.Unmarshal(w.Body.Bytes(), &c); err != nil {
				t.Fatal(err)
			}
		}
		return w.Result(), c
	}
	jsonUpdate := func(body string) *http.Request {
		r := httptest.NewRequest("POST", "/cart/update.js", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return r
	}

	resp, cart := do(nil, jsonUpdate(`{"attributes":{"hubchat_conversation":"12","gift":"yes"}}`))
	cookies := resp.Cookies()
	if len(cookies) != 1 || cookies[0].Name != "cart" || cart.Attributes["hubchat_conversation"] != "12" || cart.Token != cookies[0].Value {
		t.Fatalf("first update: %v %+v", cookies, cart)
	}
	mine := cookies[0]
	form := httptest.NewRequest("POST", "/cart/update.js", strings.NewReader(url.Values{"attributes[gift]": {""}, "attributes[note]": {"hi"}}.Encode()))
	form.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, cart = do(mine, form); len(cart.Attributes) != 2 || cart.Attributes["note"] != "hi" || cart.Attributes["gift"] != "" {
		t.Fatalf("form update (an empty value removes): %+v", cart.Attributes)
	}
	if _, cart = do(nil, httptest.NewRequest("GET", "/cart.js", nil)); len(cart.Attributes) != 0 {
		t.Fatalf("another browser sees %v", cart.Attributes)
	}
	if resp, _ := do(mine, jsonUpdate(`{"attributes":`)); resp.StatusCode != 400 {
		t.Fatalf("malformed JSON: %d", resp.StatusCode)
	}
	many := map[string]string{}
	for i := range maxCartAttributes {
		many[fmt.Sprint("k", i)] = "v"
	}
	b, _ := json.Marshal(map[string]any{"attributes": many})
	if resp, _ := do(mine, jsonUpdate(string(b))); resp.StatusCode != 422 {
		t.Fatalf("too many attributes: %d", resp.StatusCode)
	}
	if got := sf.CartAttributes(mine.Value); len(got) != 2 || got["hubchat_conversation"] != "12" {
		t.Fatalf("a refused update changed the cart: %v", got)
	}
}
