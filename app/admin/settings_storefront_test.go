package admin_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/shopify"
)

// shopperSession opens a chat session as the storefront's app proxy does,
// signed by Shopify; customer "" is a visitor who is not signed in.
func (e settingsEnv) shopperSession(customer string) (int, string, map[string]any) {
	e.t.Helper()
	q := url.Values{"shop": {e.Shop()}, "path_prefix": {"/apps/hubchat"}, "logged_in_customer_id": {customer},
		"timestamp": {strconv.FormatInt(time.Now().Unix(), 10)}, "return_to": {"/"}}
	q.Set("signature", shopify.SignAppProxy(q, e.Config.ShopifyAPISecret))
	resp, err := http.Post(e.URL+"/proxy/session?"+q.Encode(), "application/json", nil)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var s struct {
		Token string         `json:"token"`
		State map[string]any `json:"state"`
	}
	json.NewDecoder(resp.Body).Decode(&s)
	return resp.StatusCode, s.Token, s.State
}

// firstMessage sends a shopper's first message and returns the automatic
// replies it got.
func (e settingsEnv) firstMessage(token string) []any {
	e.t.Helper()
	body, _ := json.Marshal(map[string]string{"client_id": "a0000000-0000-4000-8000-" + fmt.Sprintf("%012d", time.Now().UnixNano()%1e12), "body": "Hello?"})
	req, _ := http.NewRequest("POST", e.URL+"/api/storefront/messages", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out struct {
		Automatic []any `json:"automatic"`
	}
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != 201 {
		e.t.Fatalf("message: %d %s", resp.StatusCode, raw)
	}
	return out.Automatic
}

func (e settingsEnv) metafield() map[string]any {
	e.t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(e.Shopify.AdminAPI.AppMetafields(e.Shop())["hubchat"]["chat"].Value), &v); err != nil {
		e.t.Fatal(err)
	}
	return v
}

// Saved settings change what the storefront does: the metafield the Liquid
// reads, and the chat the widget's session gives a shopper.
func TestSavedSettingsChangeTheStorefront(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	if status, _, _ := e.shopperSession(""); status != 403 {
		t.Fatalf("a visitor's session before the change: %d, want 403 (logged-in users only)", status)
	}
	if _, token, _ := e.shopperSession("7001"); len(e.firstMessage(token)) != 0 {
		t.Fatal("automatic reply with no office hours")
	}

	form := webChatForm()
	form.Set("welcome_message", "Welcome to the shop!")
	form.Set("during_hours_message", "A teammate is on the way.")
	form.Set("oh_action", "copy:mon")
	form.Set("oh_mon_start", "00:00")
	form.Set("oh_mon_end", "00:00")
	// The editor copies Monday's hours (the whole day) to every day; the page
	// it gives back is then saved as it stands.
	_, page := e.post("/app/settings/web-chat", form, false)
	for _, day := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		form["oh_"+day+"_start"], form["oh_"+day+"_end"] = inputValues(page, "oh_"+day+"_start"), inputValues(page, "oh_"+day+"_end")
	}
	form.Del("oh_action")
	resp, body := e.post("/app/settings/web-chat", form, true)
	wantStatus(t, "save", resp, body, 200)
	e.WaitForJobs(t)

	mf := e.metafield()
	if mf["login_status"] != "all" || mf["welcome_message"] != "Welcome to the shop!" || mf["color"] != "#00aa77" ||
		mf["icon"] != "help" || mf["position"] != "left" || mf["enabled"] != true {
		t.Fatalf("metafield after saving: %v", mf)
	}
	status, _, state := e.shopperSession("")
	if status != 200 || state["settings"].(map[string]any)["welcome_message"] != "Welcome to the shop!" {
		t.Fatalf("a visitor's session after All users: %d %v", status, state)
	}
	_, token, _ := e.shopperSession("7002")
	if auto := e.firstMessage(token); len(auto) != 1 || auto[0].(map[string]any)["body"] != "A teammate is on the way." {
		t.Fatalf("automatic replies in office hours: %v", auto)
	}

	// Open only tomorrow (in the shop's time zone): a new conversation now
	// gets the outside-hours reply.
	loc, _ := time.LoadLocation("America/New_York")
	tomorrow := chat.DayKey(time.Now().In(loc).AddDate(0, 0, 1).Weekday())
	closed := webChatForm()
	closed.Del("oh_mon_start")
	closed.Del("oh_mon_end")
	closed.Set("oh_"+tomorrow+"_start", "00:00")
	closed.Set("oh_"+tomorrow+"_end", "00:00")
	closed.Set("outside_hours_message", "We're closed, leave your email.")
	resp, body = e.post("/app/settings/web-chat", closed, false)
	wantRedirect(t, "save closed", resp, "/app/settings/web-chat?done=Settings+saved")
	_, token, _ = e.shopperSession("7003")
	if auto := e.firstMessage(token); len(auto) != 1 || auto[0].(map[string]any)["body"] != "We're closed, leave your email." {
		t.Fatalf("automatic replies outside office hours: %v", auto)
	}

	// The General links reach the metafield and the session too.
	resp, body = e.post("/app/settings/general", url.Values{"privacy_url": {"https://shop.example/privacy"}}, true)
	wantStatus(t, "save links", resp, body, 200)
	e.WaitForJobs(t)
	if mf := e.metafield(); mf["privacy_url"] != "https://shop.example/privacy" {
		t.Fatalf("privacy link in the metafield: %v", mf["privacy_url"])
	}

	// A published FAQ is what the storefront shows first; a draft is not.
	e.post("/app/settings/faqs", url.Values{"question": {"Draft?"}, "answer": {"Not yet."}}, true)
	e.post("/app/settings/faqs", url.Values{"question": {"Do you ship abroad?"}, "answer": {"Yes."}, "published": {"true"}}, true)
	_, _, state = e.shopperSession("")
	faqs := state["faqs"].([]any)
	if len(faqs) != 1 || faqs[0].(map[string]any)["question"] != "Do you ship abroad?" ||
		state["settings"].(map[string]any)["privacy_url"] != "https://shop.example/privacy" {
		t.Fatalf("storefront state: %v", state)
	}
}
