package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/config"
)

// An agent's request while the shops table cannot be read in time (here a
// lock held past the request's deadline; PostgreSQL restarting does the
// same) is answered 503 "try again", not 403 "hubchat is not installed on
// this shop": the fault suite's PostgreSQL restart found that refusal.
func TestAdminRequestWhileTheDatabaseIsAwayIsToldToRetry(t *testing.T) {
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.RequestTimeout = 500 * time.Millisecond }})
	env.Install(t)
	ctx := context.Background()
	tx, err := env.DB.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`LOCK TABLE shops IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", env.URL+"/app/settings/notifications", strings.NewReader(url.Values{"email": {"ops@team.example"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	req.Header.Set("HX-Request", "true")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q: want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}
