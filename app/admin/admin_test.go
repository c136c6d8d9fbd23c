package admin_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func get(t *testing.T, env *apptest.Env, path string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", env.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestPrivacyRequestsAreListedAndDownloadable(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	_, empty := get(t, env, "/app/privacy")
	if !strings.Contains(empty, `data-testid="privacy-empty"`) {
		t.Fatal("no empty state before any request")
	}
	_, err := env.Shopify.Webhooks.Send(context.Background(), shopifytest.Webhook{Topic: "customers/data_request", Shop: env.Shop(),
		Payload: map[string]any{"customer": map[string]any{"id": 7001, "email": "jane.cooper@example.com"}, "data_request": map[string]any{"id": 5}}})
	if err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)

	_, page := get(t, env, "/app/privacy")
	var id int64
	if err := env.DB.Get(&id, `SELECT id FROM privacy_requests`); err != nil {
		t.Fatal(err)
	}
	exportURL := fmt.Sprintf("/app/privacy/%d/export", id)
	if !strings.Contains(page, `data-download="`+exportURL+`"`) || strings.Count(page, `data-testid="privacy-row"`) != 1 {
		t.Fatalf("privacy page does not offer the export:\n%.1500s", page)
	}
	resp, body := get(t, env, exportURL)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(body, `"id": 7001`) || strings.Contains(body, "customers/data_request") {
		t.Fatalf("export: %d %s %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), body)
	}

	// Another shop's request is not reachable with this shop's session.
	shops := storage.NewShops(env.DB, env.Keys, time.Now)
	other, err := shops.Install(context.Background(), "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := storage.NewPrivacy(env.DB, time.Now).ExportCustomer(context.Background(), other.ID, "x", storage.CustomerRef{ID: 1}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := get(t, env, fmt.Sprintf("/app/privacy/%d/export", theirs.ID)); resp.StatusCode != 404 {
		t.Fatalf("another shop's export: %d, want 404", resp.StatusCode)
	}
	if _, page := get(t, env, "/app/privacy"); strings.Count(page, `data-testid="privacy-row"`) != 1 {
		t.Fatal("the list shows another shop's request")
	}
}
