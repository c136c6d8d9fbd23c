package shopauth_test

import (
	"html"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify"
)

// The guard's refusals are worded in the language the request's locale
// parameter names: Polish here, with no trace of the English.
func TestGuardRefusalsInPolish(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	read := reader(t)
	stranger, _ := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: "not-here.myshopify.com", APIKey: env.Config.ShopifyAPIKey,
		UserID: strconv.Itoa(owner), IssuedAt: time.Now()}, env.Config.ShopifyAPISecret)
	page := env.URL + "/app/privacy?locale=pl"
	tests := []struct {
		name, url, token string
		header           []string
		status           int
		polish, english  string
	}{
		{"garbage token", page, "garbage", []string{"HX-Request", "true"}, 401, "Twoja sesja wygasła. Odśwież stronę.", "Your session has expired"},
		{"htmx without token", page, "", []string{"HX-Request", "true"}, 401, "Twoja sesja wygasła. Odśwież stronę.", "Your session has expired"},
		{"a shop without hubchat", page, stranger, nil, 403, "hubchat nie jest zainstalowany w tym sklepie.", "is not installed"},
		{"outside the admin", page, "", nil, 400, "Otwórz hubchat z panelu administracyjnego Shopify.", "Open hubchat from your Shopify admin"},
	}
	for _, tt := range tests {
		resp, body := read(noRedirects().Do(bearer(t, tt.url, tt.token, tt.header...)))
		body = html.UnescapeString(body)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.polish) || strings.Contains(body, tt.english) {
			t.Errorf("%s: %d, want %d with %q and not %q: %.400s", tt.name, resp.StatusCode, tt.status, tt.polish, tt.english, body)
		}
	}
}
