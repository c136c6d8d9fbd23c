package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

const (
	smsPath    = "/app/settings/sms"
	smsAccount = "AC5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e"
	smsToken   = "7b3e9c2a1f4d6e8b0c5a7d9e2f4b6a8c"
	smsNumber  = "+15555550199"
)

// startSMSEnv is the app pointed at a local Twilio, with the demo shop
// installed.
func startSMSEnv(t *testing.T) (settingsEnv, *twiliotest.Twilio) {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: smsAccount, AuthToken: smsToken, Numbers: []string{smsNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return settingsEnv{Env: env, t: t, shopID: shopID}, tw
}

func smsForm(enabled bool, sid, token, sender string) url.Values {
	f := url.Values{"account_sid": {sid}, "auth_token": {token}, "sender": {sender}}
	if enabled {
		f.Set("enabled", "on")
	}
	return f
}

func (e settingsEnv) smsSettings() storage.SMSSettings {
	e.t.Helper()
	s, err := storage.NewSMSSettings(e.DB, e.Keys, time.Now).Get(context.Background(), e.shopID)
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// The form says what is wrong with each field, and a refusal by Twilio
// beside the field it is about; nothing is saved.
func TestSMSSettingsValidation(t *testing.T) {
	t.Parallel()
	e, _ := startSMSEnv(t)
	cases := []struct {
		name   string
		form   url.Values
		status int
		says   []string
	}{
		{"on with nothing", smsForm(true, "", "", ""), 422, []string{"Enter your Twilio Account SID", "Enter your Twilio auth token", "Enter the Twilio number or Messaging Service"}},
		{"malformed", smsForm(false, "AC12", "secret", "555-0199"), 422, []string{"AC followed by 32", "32 letters and digits", "international format"}},
		{"a bad service SID", smsForm(true, smsAccount, smsToken, "MG123"), 422, []string{"MG followed by 32"}},
		{"a wrong token", smsForm(true, smsAccount, strings.Repeat("0", 32), smsNumber), 422, []string{"Twilio did not accept this Account SID and auth token"}},
	}
	for _, c := range cases {
		resp, frag := e.post(smsPath, c.form, true)
		wantStatus(t, c.name, resp, frag, c.status)
		text := html.UnescapeString(frag)
		for _, s := range c.says {
			if !strings.Contains(text, s) {
				t.Errorf("%s: the form does not say %q:\n%.2000s", c.name, s, text)
			}
		}
	}
	var rows int
	if err := e.DB.Get(&rows, `SELECT count(*) FROM sms_settings`); err != nil || rows != 0 {
		t.Fatalf("%d rows saved (%v)", rows, err)
	}
}

// Checked with Twilio, the settings are saved with the token sealed and
// never shown back; the page shows the shop's webhook URL to paste into
// Twilio; a save that leaves the token empty keeps it without asking
// Twilio again; a Twilio that cannot answer saves nothing and says so.
func TestSMSSettingsCheckedSavedAndShown(t *testing.T) {
	t.Parallel()
	e, tw := startSMSEnv(t)
	resp, body := e.post(smsPath, smsForm(true, smsAccount, smsToken, " +1 555 555 0199 "), false)
	wantRedirect(t, "save", resp, smsPath+"?done=Settings+saved")
	got := e.smsSettings()
	if !got.Enabled || got.AccountSID != smsAccount || got.FromNumber != smsNumber || !got.HasAuthToken {
		t.Fatalf("saved %+v (%s)", got, body)
	}
	var raw string
	if err := e.DB.Get(&raw, `SELECT auth_token_sealed FROM sms_settings`); err != nil || strings.Contains(raw, smsToken) {
		t.Fatalf("stored token %q (%v)", raw, err)
	}
	resp, page := e.page(smsPath)
	wantStatus(t, "page", resp, page, http.StatusOK)
	if strings.Contains(page, smsToken) {
		t.Fatal("the page shows the auth token")
	}
	var domain string
	if err := e.DB.Get(&domain, `SELECT domain FROM shops WHERE id = $1`, e.shopID); err != nil {
		t.Fatal(err)
	}
	if want := `value="` + e.Config.AppURL.String() + "/twilio/" + domain + `/messages"`; !strings.Contains(page, want) {
		t.Fatalf("the page lacks the webhook URL %s", want)
	}
	for _, s := range []string{`data-copy="#sms-incoming-url"`, `data-testid="sms-auth-token-set"`, `data-testid="settings-sms"`} {
		if !strings.Contains(page, s) {
			t.Errorf("the page lacks %s", s)
		}
	}

	// Twilio down: a save with the token left empty needs no check and
	// goes through; one with a new token cannot be checked and is refused.
	tw.FailNext(4, http.StatusServiceUnavailable)
	resp, frag := e.post(smsPath, smsForm(true, smsAccount, "", "MG0123456789abcdef0123456789abcdef"), true)
	wantStatus(t, "keep the token", resp, frag, http.StatusOK)
	if got := e.smsSettings(); got.MessagingServiceSID == "" || got.FromNumber != "" || !got.HasAuthToken {
		t.Fatalf("after keeping the token: %+v", got)
	}
	resp, frag = e.post(smsPath, smsForm(true, smsAccount, strings.Repeat("a", 32), smsNumber), true)
	wantStatus(t, "Twilio down", resp, frag, http.StatusServiceUnavailable)
	if !strings.Contains(html.UnescapeString(frag), "Twilio could not be reached to check your credentials. Nothing was saved") {
		t.Fatalf("the form does not say Twilio was unreachable:\n%.2000s", frag)
	}
	if got := e.smsSettings(); got.FromNumber != "" {
		t.Fatalf("saved while Twilio was down: %+v", got)
	}
}
