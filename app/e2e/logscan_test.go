package e2e_test

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"io"
	stdlog "log"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/helpdesk/helpdesktest"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// leakSecrets are the values of one run that its log must never carry.
type leakSecrets map[string]string // what it is -> its value

// encodings are the forms a secret takes when a line quotes it raw, in a
// URL, in a header or dumped as bytes.
func encodings(v string) []string {
	return []string{v, url.QueryEscape(v), url.PathEscape(v), base64.StdEncoding.EncodeToString([]byte(v)),
		base64.RawURLEncoding.EncodeToString([]byte(v)), hex.EncodeToString([]byte(v))}
}

// leaksIn lists the secrets found in log, in any of their encodings, and
// any JSON Web Token at all (session and shopper tokens are JWTs).
func leaksIn(log string, secrets leakSecrets) []string {
	var found []string
	for what, v := range secrets {
		for _, enc := range encodings(v) {
			if enc != "" && strings.Contains(log, enc) {
				found = append(found, what+" ("+enc+")")
				break
			}
		}
	}
	if strings.Contains(log, "eyJ") {
		found = append(found, "a JSON Web Token")
	}
	return found
}

// The app's log over a whole run — install through OAuth, a signed-in
// shopper's chat and photo, the agent's reply, SMS in and out through the
// local Twilio, the built-in AI agent handing off to the local Zendesk
// with the visitor's email, the model engine through its local server,
// the team's email through an SMTP server with a password — carries none
// of the run's secrets, capability tokens, message bodies, emails or
// phone numbers, in any common encoding.
func TestLogsOfAFullRunCarryNoSecrets(t *testing.T) {
	t.Parallel()
	const (
		twAccount, twToken, twNumber, phone = "AC1eaf5ca1ab1e5ca1ab1e5ca1ab1e5ca1", "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d", "+15555550177", "+15555550166"
		zdEmail, zdToken                    = "agent@demo-shop.example", "ZDTOKEN-logscan-7c1e9a3b5d"
		modelKey                            = "sk-logscan-8d2f6a4c1e"
		smtpUser, smtpPassword              = "hubchat-mailer", "smtp-pass-5e7a9c1b3d"
		teamEmail                           = "team.logscan@demo-shop.example"
		chatBody                            = "My hoodie arrived torn, card 4242 4242 4242 4242"
		agentBody                           = "Sorry about that Ada, a new one ships today"
		smsBody, smsReply                   = "Texting about parcel 77123, is it lost?", "It is on its way, tracking follows"
		visitorEmail                        = "jane.logscan@example.com"
		modelAnswer                         = "Yes, we ship to Canada in five to seven working days."
	)
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: twAccount, AuthToken: twToken, Numbers: []string{twNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	zendesk := httptest.NewServer(helpdesktest.NewZendesk(zdEmail, zdToken))
	t.Cleanup(zendesk.Close)
	model := modelserver.Start(modelKey)
	t.Cleanup(model.Close)
	mail := startPasswordMailServer(t, smtpUser, smtpPassword)
	env := apptest.Start(t, apptest.Options{Shopify: apptest.WithCustomerHub(t), Config: func(c *config.Config) {
		c.TwilioURL, c.ZendeskURL = tw.URL(), zendesk.URL
		c.SMTP = config.SMTP{Host: "127.0.0.1", Port: mail.Port, Username: smtpUser, Password: smtpPassword, From: "hubchat@example.com"}
	}})
	ctx := context.Background()
	stderr := captureStandardLog(t)
	t.Cleanup(func() {
		if t.Failed() {
			var jobs []string
			env.DB.Select(&jobs, `SELECT kind || ' ' || status || ' after ' || attempts || ': ' || last_error FROM jobs WHERE last_error <> ''`)
			t.Logf("jobs that failed: %q", jobs)
		}
	})

	admin := apptest.Browser(t)
	installThroughOAuth(t, admin, env, "logscan-install")
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	e := shopEnv{Env: env, shopID: shopID}
	if _, err := storage.NewNotificationRecipients(env.DB, time.Now).Add(ctx, shopID, teamEmail, 10); err != nil {
		t.Fatal(err)
	}

	// The signed-in shopper writes and sends a photo; the agent answers.
	shopper := apptest.Browser(t)
	e.signIn(t, shopper, "/products/trailhead-merino-hoodie")
	openChat(t, shopper)
	send(t, shopper, chatBody)
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, chatBody)
	if err := chromedp.Do(shopper, chromedp.SetUploadFiles(chromedp.CSS(`.hc-composer input[type=file]`), []string{testPNG(t)})); err != nil {
		t.Fatalf("choose the photo: %v", err)
	}
	tkCount(t, admin, `[data-testid="message-image"]`, 1)
	appSetValue(t, admin, `[data-testid="composer-body"]`, agentBody)
	appClick(t, admin, `[data-testid="composer-send"]`)
	threadText(t, shopper, agentBody)
	shopperToken := mustSession(t, shopper)

	// SMS in and out through the local Twilio.
	if _, err := storage.NewSMSSettings(env.DB, env.Keys, time.Now).Save(ctx,
		storage.SMSSettings{ShopID: shopID, Enabled: true, AccountSID: twAccount, FromNumber: twNumber}, twToken); err != nil {
		t.Fatal(err)
	}
	if err := tw.SetWebhook(twNumber, env.URL+"/twilio/"+env.Shop()+"/messages"); err != nil {
		t.Fatal(err)
	}
	handset := apptest.Browser(t)
	err = chromedp.Do(handset, chromedp.Navigate(tw.PhoneURL()),
		chromedp.SetValue(chromedp.CSS(`[data-testid="me"]`), phone),
		chromedp.SetValue(chromedp.CSS(`[data-testid="body"]`), smsBody), chromedp.Click(chromedp.CSS(`[data-testid="send"]`)))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkCount(t, admin, `.inbox-row__channel[title="SMS"]`, 1)
	openTicket(t, admin) // the newest row: the SMS ticket
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, smsBody)
	appSetValue(t, admin, `[data-testid="composer-body"]`, smsReply)
	appClick(t, admin, `[data-testid="composer-send"]`)
	apptest.Eventually(t, 30*time.Second, "the reply to reach Twilio", func() bool {
		for _, m := range tw.Messages() {
			if m.Body == smsReply {
				return true
			}
		}
		return false
	})

	// The built-in AI agent hands a visitor off to Zendesk with their email;
	// then the model engine answers through its local server.
	e.settings(t, func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	e.aiOn(t, storage.AISettings{Handoff: storage.HandoffZendesk, ZendeskSubdomain: "demo-shop", ZendeskAgentEmail: zdEmail},
		storage.HelpdeskSecrets{ZendeskAPIToken: zdToken})
	visitor := apptest.Browser(t)
	if err := chromedp.Do(visitor, chromedp.Navigate(env.Shopify.StorefrontURL+"/")); err != nil {
		t.Fatal(err)
	}
	openChat(t, visitor)
	ask(t, visitor, unanswerable, "Leave your email address")
	shown(t, visitor, ".hc-email input[type=email]", 1)
	if err := chromedp.Do(visitor, chromedp.SetValue(chromedp.CSS(`.hc-email input`), visitorEmail), chromedp.Click(chromedp.CSS(`.hc-email button`))); err != nil {
		t.Fatal(err)
	}
	threadText(t, visitor, visitorEmail)
	env.WaitForJobs(t)
	if _, err := storage.NewAIEngines(env.DB, env.Keys, time.Now).Save(ctx, storage.AIEngineSettings{ShopID: shopID,
		Engine: storage.AIEngineOpenAI, BaseURL: model.URL, Model: "small-model"}, modelKey); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewFAQs(env.DB, time.Now).Create(ctx, shopID, "Do you ship to Canada?", "Yes: Canada in 5 to 7 working days.", true); err != nil {
		t.Fatal(err)
	}
	model.Reply(modelserver.Text(modelAnswer))
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, admin, `[data-testid="settings-card-ai-agent"]`)
	appSetValue(t, admin, `#try-question`, "can you send it to canada")
	appClick(t, admin, `[data-testid="try-ask"]`)
	if got := appText(t, admin, `[data-testid="try-answer-text"]`); got != modelAnswer {
		t.Fatalf("the model's answer: %q", got)
	}
	env.WaitForJobs(t)
	waitForEmail(t, e, mail)

	secrets := runSecrets(t, e)
	for what, v := range map[string]string{"the Twilio auth token": twToken, "the Zendesk API token": zdToken,
		"the model's API key": modelKey, "the SMTP password": smtpPassword, "the team's email": teamEmail,
		"the shopper's message": chatBody, "the agent's reply": agentBody, "the SMS": smsBody, "the SMS reply": smsReply,
		"the texting phone": phone, "the visitor's email": visitorEmail, "the model's answer": modelAnswer,
		"the shopper's token": shopperToken} {
		secrets[what] = v
	}
	log := env.Logs.String() + stderr.String()
	if !strings.Contains(log, "msg=request") {
		t.Fatalf("the run logged no requests: the scan would prove nothing:\n%s", log)
	}
	if found := leaksIn(log, secrets); len(found) > 0 {
		t.Fatalf("the app's log carries %s", strings.Join(found, ", "))
	}
}

// captureStandardLog copies, for the test, what goes through Go's standard
// logger to a buffer too: slog.Default's lines, and what the HTTP server
// library writes to stderr about failed connections.
func captureStandardLog(t *testing.T) *apptest.Output {
	t.Helper()
	out, before := &apptest.Output{}, stdlog.Writer()
	stdlog.SetOutput(io.MultiWriter(before, out))
	t.Cleanup(func() { stdlog.SetOutput(before) })
	return out
}

// waitForEmail waits for the team's first new-ticket email, saying where
// its job stands if it does not come.
func waitForEmail(t *testing.T, e shopEnv, mail *passwordMailServer) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for mail.Accepted() == 0 {
		if time.Now().After(deadline) {
			var state []string
			e.DB.Select(&state, `SELECT status || ' after ' || attempts || ': ' || last_error FROM jobs WHERE kind = $1`, storage.JobNotifyNewTicket)
			t.Fatalf("no new-ticket email; its jobs: %q", state)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// runSecrets are the secrets the app holds after the run: its API secret,
// the shop's access token, the customer's email and phone, the photos'
// capability tokens.
func runSecrets(t *testing.T, e shopEnv) leakSecrets {
	t.Helper()
	out := leakSecrets{"the Shopify API secret": e.Config.ShopifyAPISecret}
	tok, err := storage.NewShops(e.DB, e.Keys, time.Now).Token(context.Background(), e.shopID)
	if err != nil {
		t.Fatal(err)
	}
	out["the shop's access token"] = tok.AccessToken
	var uploads []string
	if err := e.DB.Select(&uploads, `SELECT id FROM uploads`); err != nil || len(uploads) == 0 {
		t.Fatalf("the run's photos: %v (%v)", uploads, err)
	}
	for _, id := range uploads {
		out["a photo's capability token"] = id
	}
	var contacts []struct {
		Email string `db:"email"`
		Phone string `db:"phone"`
	}
	if err := e.DB.Select(&contacts, `SELECT coalesce(email, '') AS email, coalesce(phone, '') AS phone FROM profiles`); err != nil {
		t.Fatal(err)
	}
	for _, c := range contacts {
		for _, v := range []string{c.Email, c.Phone} {
			if len(v) > 5 {
				out["a customer's contact "+v[:3]+"…"] = v
			}
		}
	}
	return out
}
