package faults

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
	"hubchat/app/loadtest"
	"hubchat/app/twilio/twiliotest"
	"hubchat/shopify"
)

// The merchant's accounts at the outside services, as Settings takes them.
const (
	modelKey        = "fault-model-key"
	zendeskEmail    = "agent@shop.example"
	zendeskToken    = "fault-zendesk-token"
	twilioAccount   = "AC" + "fa017fa017fa017fa017fa017fa017fa"
	twilioToken     = "fa017fa017fa017fa017fa017fa017fa"
	twilioNumber    = "+15555550142"
	teamAddress     = "team@shop.example"
	shopperQuestion = "how long does shipping take?"
)

// outside is every service hubchat calls, run by the test process on
// loopback: the local fakes (the OpenAI-compatible model, Twilio, Zendesk)
// each behind a front that can make it fail, and an SMTP server. hubchat
// reaches them by the settings it has: SMTP_URL, TWILIO_URL and
// ZENDESK_URL, and the model's base URL the merchant enters.
type outside struct {
	model   *modelserver.Server
	twilio  *twiliotest.Twilio
	zendesk *helpdesktest.Zendesk
	mail    *mailServer
	// The fronts hubchat is pointed at.
	modelFront, twilioFront, zendeskFront *front
}

func startOutside(t *testing.T) *outside {
	t.Helper()
	o := &outside{mail: startMailServer(t), zendesk: helpdesktest.NewZendesk(zendeskEmail, zendeskToken)}
	// The model quotes the passage found, as `hubchat dev`'s stand-in does.
	o.model = modelserver.New(modelKey, modelserver.Quote)
	modelSrv := httptest.NewServer(o.model)
	t.Cleanup(func() { modelSrv.CloseClientConnections(); modelSrv.Close() })
	zendeskSrv := httptest.NewServer(o.zendesk)
	t.Cleanup(zendeskSrv.Close)
	var err error
	o.twilio, err = twiliotest.Start(twiliotest.Config{AccountSID: twilioAccount, AuthToken: twilioToken, Numbers: []string{twilioNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(o.twilio.Close)
	o.modelFront, o.twilioFront, o.zendeskFront = startFront(t, modelSrv.URL), startFront(t, o.twilio.URL()), startFront(t, zendeskSrv.URL)
	return o
}

// env is hubchat's environment for the services.
func (o *outside) env() []string {
	return []string{"SMTP_URL=" + o.mail.URL(), "TWILIO_URL=" + o.twilioFront.URL, "ZENDESK_URL=" + o.zendeskFront.URL}
}

// merchant changes the shop's settings through the admin's forms, as the
// merchant does in the embedded admin.
type merchant struct {
	t      *testing.T
	base   string
	client *http.Client
}

func (m merchant) post(path string, form url.Values) string {
	m.t.Helper()
	tok, err := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: loadtest.DemoShop, APIKey: config.DevAPIKey,
		UserID: "4242", SessionID: "faults-merchant", IssuedAt: time.Now()}, config.DevAPISecret)
	if err != nil {
		m.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, m.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("HX-Request", "true")
	resp, err := m.client.Do(req)
	if err != nil {
		m.t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		m.t.Fatalf("POST %s: %d %s", path, resp.StatusCode, body[:min(len(body), 400)])
	}
	return string(body)
}

// connect sets the shop up with every service: the AI agent on, answering
// with the model and handing off to Zendesk; texts through Twilio, answered
// by the team; new tickets emailed to the team.
func (o *outside) connect(r *rig, base string) {
	r.t.Helper()
	m := merchant{t: r.t, base: base, client: r.client}
	m.post("/app/settings/ai-agent", url.Values{"enabled": {"on"}, "handoff": {"zendesk"}, "zendesk_subdomain": {"shop"},
		"zendesk_agent_email": {zendeskEmail}, "zendesk_api_token": {zendeskToken}})
	m.post("/app/settings/ai-agent/engine", url.Values{"engine": {"openai"}, "base_url": {o.modelFront.URL + "/v1"},
		"model": {"stand-in"}, "api_key": {modelKey}})
	m.post("/app/settings/sms", url.Values{"enabled": {"on"}, "account_sid": {twilioAccount}, "auth_token": {twilioToken}, "sender": {twilioNumber}})
	m.post("/app/settings/notifications", url.Values{"email": {teamAddress}})
	var ok bool
	err := r.db.QueryRow(`SELECT a.enabled AND a.handoff = 'zendesk' AND e.engine = 'openai' AND s.enabled
		AND EXISTS (SELECT 1 FROM notification_recipients n WHERE n.shop_id = a.shop_id)
		FROM ai_settings a JOIN ai_engine_settings e USING (shop_id) JOIN sms_settings s USING (shop_id)`).Scan(&ok)
	if err != nil || !ok {
		r.t.Fatalf("the shop's settings were not saved as posted (%v)", err)
	}
	if err := o.twilio.SetWebhook(twilioNumber, base+"/twilio/"+loadtest.DemoShop+"/messages"); err != nil {
		r.t.Fatal(err)
	}
}

// text sends an SMS to the shop from phone, as a customer does.
func (o *outside) text(t *testing.T, phone, body string) {
	t.Helper()
	if _, err := o.twilio.Text(phone, twilioNumber, body, nil); err != nil {
		t.Fatal(err)
	}
}

// textsTo counts the messages the shop texted to phone.
func (o *outside) textsTo(phone string) int {
	n := 0
	for _, m := range o.twilio.Messages() {
		if m.To == phone && m.Direction == "outbound-api" {
			n++
		}
	}
	return n
}

// awaitClosed waits for ch, failing the test after within.
func awaitClosed(t *testing.T, ch <-chan struct{}, within time.Duration, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(within):
		t.Fatalf("%s did not happen within %s", what, within)
	}
}

// eventually polls cond until true, failing after within.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(within); ; time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s", what, within)
		}
	}
}

// count runs a count query on the rig's database.
func (r *rig) count(query string, args ...any) int {
	r.t.Helper()
	var n int
	if err := r.db.QueryRow(query, args...).Scan(&n); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return n
}
