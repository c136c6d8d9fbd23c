package shopifytest

import (
	"html"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/shopify"
)

// The staff member's admin language, chosen on the store page as a
// Shopify profile's language setting, is the locale the admin signs onto
// the app's URL; a language the admin does not offer is refused.
func TestTheAdminPassesTheStaffMembersLanguageAsLocale(t *testing.T) {
	s, _ := startWithHub(t)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	store := s.AdminURL + "/store/" + storeHandle(s.Shop.Info().Domain)
	frameLocale := func() url.Values {
		resp, err := client.Get(s.AppHomeURL())
		if err != nil {
			t.Fatal(err)
		}
		src := regexp.MustCompile(`id="app-frame"[^>]*src="([^"]+)"`).FindStringSubmatch(readBody(t, resp))
		if src == nil {
			t.Fatal("no app frame")
		}
		u, err := url.Parse(html.UnescapeString(src[1]))
		if err != nil {
			t.Fatal(err)
		}
		if err := shopify.VerifyQuery(u.Query(), "test-secret", time.Now); err != nil {
			t.Fatalf("the app's URL is not signed: %v", err)
		}
		return u.Query()
	}
	if got := frameLocale().Get("locale"); got != "en" {
		t.Fatalf("default locale %q, want en", got)
	}
	resp, err := client.PostForm(store+"/profile/language", url.Values{"locale": {"pl"}})
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(readBody(t, resp), `<option value="pl" selected>`) {
		t.Fatalf("choosing Polish: %v %v", resp.StatusCode, err)
	}
	if got := frameLocale().Get("locale"); got != "pl" {
		t.Fatalf("locale %q after choosing Polish", got)
	}
	resp, err = client.PostForm(store+"/profile/language", url.Values{"locale": {"xx"}})
	if err != nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown language: %v %v", resp.StatusCode, err)
	}
	if got := frameLocale().Get("locale"); got != "pl" {
		t.Fatalf("locale %q after a refused choice", got)
	}
}
