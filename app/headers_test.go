package app_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/shopify/shopifytest"
)

// Over https, every answer tells browsers to stay on https (HSTS); admin
// pages, which carry customers' data, are never cached; a media link's
// token (its permission) never reaches the access log.
func TestHeadersAndLogsProtectWhatTheyCarry(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) {
		c.AppURL, _ = url.Parse("https://hubchat.example.com")
	}})
	env.Install(t)
	resp, err := http.Get(env.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if hsts := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=") {
		t.Errorf("Strict-Transport-Security %q over https", hsts)
	}

	req, _ := http.NewRequest("GET", env.URL+"/app/inbox/rows", nil)
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, shopifytest.DemoStaff()[0].ID))
	req.Header.Set("HX-Request", "true")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("inbox rows: %d, Cache-Control %q; want 200 and no-store", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}

	const token = "Zm9vYmFyYmF6cXV4cXV1eA"
	if resp, err := http.Get(env.URL + "/media/" + token); err == nil {
		resp.Body.Close()
	}
	if logs := env.Logs.String(); strings.Contains(logs, token) || !strings.Contains(logs, "/media/…") {
		t.Errorf("the access log shows a media token, or no media request:\n%s", logs)
	}
}

// Plain http (the local setup) sends no HSTS: it would lock a developer's
// localhost onto https.
func TestNoHSTSOverPlainHTTP(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	resp, err := http.Get(env.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if hsts := resp.Header.Get("Strict-Transport-Security"); hsts != "" {
		t.Errorf("Strict-Transport-Security %q over http", hsts)
	}
}

// Each route refuses a body over its limit before anything decodes it, and
// says the limit in words; a body within it is taken.
func TestBodiesOverTheirRoutesLimitAreRefused(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	token := env.ShopperToken(t, 8201)
	cases := []struct {
		path string
		size int
		want int
	}{
		{"/seen", 4<<10 + 1, 413},
		{"/end", 4<<10 + 1, 413},
		{"/messages", 64<<10 + 1, 413},
		{"/seen", 4 << 10, 204}, // at the limit
	}
	for _, c := range cases {
		const open, end = `{"up_to_id": 1, "pad": "`, `"}`
		body := open + strings.Repeat("x", c.size-len(open)-len(end)) + end
		req, _ := http.NewRequest("POST", env.URL+"/api/storefront"+c.path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("POST %s with %d bytes: %d, want %d", c.path, c.size, resp.StatusCode, c.want)
		}
	}
}
