package admin_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// getJSON sends GET path as staff member user, asking for JSON (as
// static/js/alerts.js does), and returns the status and the decoded body.
func (e ticketEnv) getJSON(user int64, path string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.SessionToken(e.t, user))
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if resp.StatusCode == 200 {
		if err := json.Unmarshal(b, &out); err != nil {
			e.t.Fatalf("GET %s: %v in %s", path, err, b)
		}
	}
	return resp.StatusCode, out
}

func (e ticketEnv) alertFor(kind string) (int, map[string]any) {
	e.t.Helper()
	return e.getJSON(9001, e.path("/alert?kind="+kind))
}

// Alerts are off until the staff member turns them on, for them alone:
// the toggle comes back as saved, and the choice is kept on the server.
func TestAlertsAreEachAgentsOwnChoiceAndOffByDefault(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	if code, got := e.getJSON(9001, "/app/alerts"); code != 200 || got["enabled"] != false {
		t.Fatalf("a new agent's alerts: %d %v, want off", code, got)
	}
	if code, _ := e.alertFor("conversation.created"); code != 204 {
		t.Fatalf("an alert with alerts off: %d, want 204", code)
	}
	resp, body := e.post("/app/alerts", url.Values{"enabled": {"true"}})
	wantCode(t, "turn alerts on", resp, body, 200)
	if !strings.Contains(body, `data-alerts-enabled="true"`) || !strings.Contains(body, "checked") {
		t.Fatalf("the toggle after turning on:\n%s", body)
	}
	if code, got := e.getJSON(9001, "/app/alerts"); code != 200 || got["enabled"] != true {
		t.Fatalf("alerts after turning on: %d %v", code, got)
	}
	if code, got := e.getJSON(9002, "/app/alerts"); code != 200 || got["enabled"] != false {
		t.Fatalf("another agent's alerts: %d %v, want still off", code, got)
	}
	var stored bool
	if err := e.DB.Get(&stored, `SELECT enabled FROM agent_alerts WHERE agent_id = $1`, e.agentID()); err != nil || !stored {
		t.Fatalf("the choice is not stored: %v %v", stored, err)
	}
	resp, body = e.post("/app/alerts", url.Values{}) // an unticked box sends nothing
	wantCode(t, "turn alerts off", resp, body, 200)
	if code, got := e.getJSON(9001, "/app/alerts"); code != 200 || got["enabled"] != false {
		t.Fatalf("alerts after turning off: %d %v", code, got)
	}
}

// With alerts on, a new ticket alerts with who and a short preview; a
// message alerts only on a ticket assigned to the agent, while the shopper
// has the last word; another shop's ticket is not found.
func TestAnAlertIsDueForNewTicketsAndMessagesOnMine(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	resp, body := e.post("/app/alerts", url.Values{"enabled": {"true"}})
	wantCode(t, "turn alerts on", resp, body, 200)
	code, got := e.alertFor("conversation.created")
	if code != 200 || got["title"] != "New chat from Jane Cooper" || got["body"] != "Where is my <b>parcel</b>?" ||
		got["path"] != e.path("") {
		t.Fatalf("a new ticket's alert: %d %v", code, got)
	}
	if code, _ := e.alertFor("message.created"); code != 204 {
		t.Fatalf("a message on an unassigned ticket alerted: %d", code)
	}
	if code, _ := e.alertFor("conversation.updated"); code != 204 {
		t.Fatalf("an update alerted: %d", code)
	}
	resp, body = e.post(e.path("/assign"), url.Values{"agent_id": {fmt.Sprint(e.agentID())}})
	wantCode(t, "assign", resp, body, 200)
	long := strings.Repeat("My parcel never came and ", 10)
	e.shopperSays(long)
	code, got = e.alertFor("message.created")
	preview, _ := got["body"].(string)
	if code != 200 || got["title"] != "Jane Cooper wrote" || utf8.RuneCountInString(preview) > 80 ||
		!strings.HasPrefix(preview, "My parcel never came") || !strings.HasSuffix(preview, "…") {
		t.Fatalf("a message on my ticket: %d %v", code, got)
	}
	resp, body = e.reply(e.path("/messages"), "On its way!", "", nil)
	wantCode(t, "reply", resp, body, 200)
	if code, _ := e.alertFor("message.created"); code != 204 {
		t.Fatalf("my own reply alerted: %d", code)
	}
	if code, _ := e.getJSON(9001, fmt.Sprintf("/app/tickets/%d/alert?kind=conversation.created", e.otherShopTicket())); code != 404 {
		t.Fatalf("another shop's ticket: %d, want 404", code)
	}
}
