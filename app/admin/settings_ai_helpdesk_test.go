package admin_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// tablesHolding are the tables with a row whose text holds s.
func (e aiEnv) tablesHolding(s string) []string {
	e.t.Helper()
	var tables []string
	if err := e.DB.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`); err != nil {
		e.t.Fatal(err)
	}
	var found []string
	for _, table := range tables {
		var n int
		if err := e.DB.Get(&n, fmt.Sprintf(`SELECT count(*) FROM %q t WHERE strpos(t::text, $1) > 0`, table), s); err != nil {
			e.t.Fatal(err)
		}
		if n > 0 {
			found = append(found, table)
		}
	}
	return found
}

// Zendesk: wrong credentials are refused by Zendesk and shown beside the
// token, with nothing saved; right ones are saved with the token sealed,
// never shown or logged again; a save that changes no credential makes no
// call; Zendesk failing on its side is said so, and nothing is saved.
func TestZendeskCredentialsAreCheckedOnSave(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	for _, htmx := range []bool{false, true} {
		resp, body := e.post(aiPath, zendeskForm("ZDTOKEN-wrong-0000"), htmx)
		wantStatus(t, "wrong token", resp, body, 422)
		wantFieldError(t, body, "zendesk-api-token", "Zendesk did not accept the agent email and API token.")
		wantFieldError(t, body, "zendesk-api-token", "Nothing was saved.")
		if !strings.Contains(body, `value="demo-shop"`) || strings.Contains(body, "ZDTOKEN-wrong") {
			t.Fatal("the form lost the subdomain, or shows the token back")
		}
	}
	e.zendesk.SetRole("end-user")
	resp, body := e.post(aiPath, zendeskForm(zendeskToken), false)
	wantStatus(t, "end user", resp, body, 422)
	wantFieldError(t, body, "zendesk-agent-email", "Use the email and API token of an agent or admin.")
	if n := e.aiRows(); n != 0 {
		t.Fatal("refused credentials were saved")
	}
	e.zendesk.SetRole("agent")

	resp, _ = e.post(aiPath, zendeskForm(zendeskToken), false)
	wantRedirect(t, "right token", resp, aiPath+"?done=Settings+saved")
	a := e.aiSettings()
	if a.Handoff != "zendesk" || a.ZendeskSubdomain != "demo-shop" || a.ZendeskAgentEmail != zendeskEmail || !a.HasZendeskToken {
		t.Fatalf("saved: %+v", a)
	}
	if tables := e.tablesHolding(zendeskToken); len(tables) > 0 {
		t.Fatalf("the token is in clear in %v", tables)
	}
	resp, page := e.page(aiPath)
	wantStatus(t, "page", resp, page, 200)
	if strings.Contains(page, zendeskToken) || !strings.Contains(page, `data-testid="zendesk-api-token-set"`) {
		t.Fatal("the page shows the token, or not that one is saved")
	}

	// Changing nothing of the account calls nobody: the planned failure
	// waits for the next real call, which a new token makes.
	e.zendesk.FailNext(1, http.StatusServiceUnavailable)
	resp, _ = e.post(aiPath, url.Values{"handoff": {"zendesk"}, "zendesk_subdomain": {"demo-shop"}, "zendesk_agent_email": {zendeskEmail}}, false)
	wantRedirect(t, "turn off, same account", resp, aiPath+"?done=Settings+saved")
	if e.aiSettings().Enabled {
		t.Fatal("not turned off")
	}
	resp, body = e.post(aiPath, zendeskForm(zendeskToken), true)
	wantStatus(t, "Zendesk down", resp, body, 503)
	wantFieldError(t, body, "zendesk-check", "Zendesk had a problem on its side and could not check your credentials. Nothing was saved")
	if e.aiSettings().Enabled {
		t.Fatal("saved while Zendesk could not check")
	}
	if strings.Contains(e.Logs.String(), zendeskToken) {
		t.Fatal("the token is in the log")
	}
}

// Gorgias: the same, with the key; the stored key is used when the field
// is left empty, and a wrong account domain is refused beside it.
func TestGorgiasCredentialsAreCheckedOnSave(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	resp, body := e.post(aiPath, gorgiasForm("GSKEY-wrong-00000"), true)
	wantStatus(t, "wrong key", resp, body, 422)
	wantFieldError(t, body, "gorgias-api-key", "Gorgias did not accept the username and API key.")
	if n := e.aiRows(); n != 0 || strings.Contains(body, "GSKEY-wrong") {
		t.Fatal("refused credentials were saved, or the key shown back")
	}
	resp, _ = e.post(aiPath, gorgiasForm(gorgiasKey), false)
	wantRedirect(t, "right key", resp, aiPath+"?done=Settings+saved")
	if a := e.aiSettings(); a.Handoff != "gorgias" || a.GorgiasDomain != "demo-shop" || !a.HasGorgiasKey || a.Enabled {
		t.Fatalf("saved: %+v", a)
	}
	if tables := e.tablesHolding(gorgiasKey); len(tables) > 0 {
		t.Fatalf("the key is in clear in %v", tables)
	}

	// A new username is checked with the saved key: Gorgias refuses it.
	form := gorgiasForm("")
	form.Set("gorgias_username", "someone@demo-shop.example")
	resp, body = e.post(aiPath, form, true)
	wantStatus(t, "other user", resp, body, 422)
	wantFieldError(t, body, "gorgias-api-key", "Gorgias did not accept the username and API key.")
	if !strings.Contains(body, `data-testid="gorgias-api-key-set"`) || strings.Contains(body, gorgiasKey) {
		t.Fatal("the form does not say a key is saved, or shows it")
	}
	if a := e.aiSettings(); a.GorgiasUsername != gorgiasUser {
		t.Fatalf("a refused username was saved: %+v", a)
	}

	// Switching to the inbox and back keeps the account and its key.
	resp, _ = e.post(aiPath, url.Values{"handoff": {"inbox"}}, false)
	wantRedirect(t, "inbox", resp, aiPath+"?done=Settings+saved")
	resp, _ = e.post(aiPath, gorgiasForm(""), false)
	wantRedirect(t, "back to Gorgias with the saved key", resp, aiPath+"?done=Settings+saved")

	e.gorgias.RateLimitNext(1, 30_000_000_000)
	resp, body = e.post(aiPath, gorgiasForm(gorgiasKey), true)
	wantStatus(t, "rate limited", resp, body, 503)
	wantFieldError(t, body, "gorgias-check", "Gorgias is limiting requests right now, so your credentials could not be checked. Nothing was saved: try again in 30s.")
	if strings.Contains(e.Logs.String(), gorgiasKey) {
		t.Fatal("the key is in the log")
	}
}
