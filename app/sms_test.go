package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

const (
	smsAccount = "AC0123456789abcdef0123456789abcdef"
	smsToken   = "0123456789abcdef0123456789abcdef"
	smsNumber  = "+15005550006"
)

// smsShop starts the app on a pool of maxConns connections (0: default),
// installs it and turns SMS on with a Twilio account; it returns the app and
// the shop's id.
func smsShop(t *testing.T, maxConns int) (*apptest.Env, int64) {
	t.Helper()
	return smsShopWith(t, apptest.Options{MaxConns: maxConns})
}

// smsShopWith is smsShop with the app's options.
func smsShopWith(t *testing.T, opts apptest.Options) (*apptest.Env, int64) {
	t.Helper()
	env := apptest.Start(t, opts)
	env.Install(t)
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	_, err := storage.NewSMSSettings(env.DB, env.Keys, time.Now).Save(context.Background(),
		storage.SMSSettings{ShopID: shopID, Enabled: true, AccountSID: smsAccount, FromNumber: smsNumber}, smsToken)
	if err != nil {
		t.Fatal(err)
	}
	return env, shopID
}

// textForm is Twilio's incoming-message webhook for a text from a number.
func textForm(sid, from, body string) url.Values {
	return url.Values{"MessageSid": {sid}, "AccountSid": {smsAccount}, "From": {from}, "To": {smsNumber},
		"Body": {body}, "NumMedia": {"0"}}
}

// smsSID is a message SID made from n.
func smsSID(n int) string { return fmt.Sprintf("SM%032x", n) }

// postText posts form to the shop's incoming webhook, signed with token
// over the URL as called ("" sends no signature).
func postText(t *testing.T, env *apptest.Env, form url.Values, token string) *http.Response {
	t.Helper()
	u := env.URL + "/twilio/" + env.Shop() + "/messages"
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		req.Header.Set(twilio.SignatureHeader, twilio.Signature(twilio.AuthToken(token), u, form))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

func count(t *testing.T, env *apptest.Env, query string, args ...any) int {
	t.Helper()
	var n int
	if err := env.DB.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

// Twilio retries a webhook it got no answer to: the same MessageSid twice
// is one message in one SMS ticket.
func TestDuplicateSMSWebhookCreatesOneMessage(t *testing.T) {
	t.Parallel()
	env, _ := smsShop(t, 0)
	form := textForm(smsSID(1), "+14155550101", "Is my order on its way?")
	for range 2 {
		if res := postText(t, env, form, smsToken); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/xml") {
			t.Fatalf("webhook: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		env.WaitForJobs(t)
	}
	if n := count(t, env, `SELECT count(*) FROM messages WHERE body = 'Is my order on its way?'`); n != 1 {
		t.Fatalf("%d messages stored, want 1", n)
	}
	if n := count(t, env, `SELECT count(*) FROM conversations WHERE channel = 'sms' AND status = 'open'`); n != 1 {
		t.Fatalf("%d open SMS tickets, want 1", n)
	}
}

// A webhook without Twilio's signature, or signed with another token, or
// whose form was changed after signing, is refused and stores nothing.
func TestUnsignedOrForgedSMSWebhookIsRefused(t *testing.T) {
	t.Parallel()
	env, _ := smsShop(t, 0)
	form := textForm(smsSID(2), "+14155550102", "hello")
	for name, token := range map[string]string{"absent": "", "forged": "fedcba9876543210fedcba9876543210"} {
		if res := postText(t, env, form, token); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s signature: %d, want 401", name, res.StatusCode)
		}
	}
	u := env.URL + "/twilio/" + env.Shop() + "/messages"
	signed := twilio.Signature(twilio.AuthToken(smsToken), u, form)
	form.Set("Body", "tampered")
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set(twilio.SignatureHeader, signed)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("tampered form: %d, want 401", res.StatusCode)
	}
	env.WaitForJobs(t)
	if n := count(t, env, `SELECT count(*) FROM jobs WHERE kind = 'sms.receive'`) + count(t, env, `SELECT count(*) FROM messages`); n != 0 {
		t.Fatalf("%d jobs and messages stored from unsigned webhooks", n)
	}
}

// A text from a synced customer's phone (however Shopify spaced it) opens
// an SMS ticket of that customer's profile, beside their web-chat ticket.
func TestSMSTicketBesideTheSameProfilesWebChat(t *testing.T) {
	t.Parallel()
	env, shopID := smsShop(t, 0)
	ctx := context.Background()
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, _ := profiles.ForCustomer(ctx, shopID, 8101)
	if err := profiles.UpdateDetails(ctx, shopID, p.ID, storage.CustomerDetails{FirstName: "Ada", Phone: "+1 415-555-0103"}); err != nil {
		t.Fatal(err)
	}
	web, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000001", Body: "hi", Preview: "hi"})
	if err != nil {
		t.Fatal(err)
	}
	postText(t, env, textForm(smsSID(3), "+14155550103", "texting you too"), smsToken)
	env.WaitForJobs(t)
	var sms storage.Conversation
	if err := env.DB.Get(&sms, `SELECT profile_id, channel FROM conversations WHERE id <> $1`, web.Conversation.ID); err != nil {
		t.Fatal(err)
	}
	if sms.ProfileID != p.ID || sms.Channel != storage.ChannelSMS {
		t.Fatalf("SMS ticket of profile %d on %q, want profile %d on sms", sms.ProfileID, sms.Channel, p.ID)
	}
	if n := count(t, env, `SELECT count(*) FROM conversations WHERE profile_id = $1 AND status = 'open'`, p.ID); n != 2 {
		t.Fatalf("%d open tickets of the profile, want web chat and SMS", n)
	}
	// The customer's web chat stream learns nothing of the texts.
	events, err := storage.NewEvents(env.DB, time.Now).AfterForProfile(ctx, shopID, p.ID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.ConversationID != web.Conversation.ID {
			t.Fatalf("the web chat stream got %s of the SMS ticket", e.Kind)
		}
	}
}

// Many webhooks at once on a small pool, every message delivered twice and
// several numbers new to the shop: each message is stored once, each number
// has one profile and one SMS ticket.
func TestManySMSWebhooksAtOnce(t *testing.T) {
	t.Parallel()
	env, _ := smsShop(t, 4)
	const numbers, perNumber = 5, 8
	var wg sync.WaitGroup
	codes := make(chan int, numbers*perNumber*2)
	for i := range numbers * perNumber * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := i / 2
			form := textForm(smsSID(100+n), fmt.Sprintf("+1415555%04d", n%numbers), fmt.Sprintf("message %d", n))
			codes <- postText(t, env, form, smsToken).StatusCode
		}()
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("webhook answered %d", code)
		}
	}
	env.WaitForJobs(t)
	if n := count(t, env, `SELECT count(*) FROM messages WHERE author = 'shopper'`); n != numbers*perNumber {
		t.Errorf("%d messages, want %d", n, numbers*perNumber)
	}
	if n := count(t, env, `SELECT count(*) FROM profiles WHERE phone LIKE '+1415555%'`); n != numbers {
		t.Errorf("%d profiles, want %d", n, numbers)
	}
	if n := count(t, env, `SELECT count(*) FROM conversations WHERE channel = 'sms'`); n != numbers {
		t.Errorf("%d SMS tickets, want %d", n, numbers)
	}
}

// smsTicket starts the app with a local Twilio holding the shop's account,
// and a customer's text opening an SMS ticket; it returns the app, the
// local Twilio, the shop's id, the ticket's id and an agent's id.
func smsTicket(t *testing.T, from string) (*apptest.Env, *twiliotest.Twilio, int64, int64, int64) {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: smsAccount, AuthToken: smsToken, Numbers: []string{smsNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	env, shopID := smsShopWith(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	postText(t, env, textForm(smsSID(7), from, "Do you ship to Canada?"), smsToken)
	env.WaitForJobs(t)
	var convID int64
	env.DB.Get(&convID, `SELECT id FROM conversations WHERE channel = 'sms'`)
	agent, err := storage.NewAgents(env.DB, time.Now).Seen(context.Background(), shopID, 9001)
	if convID == 0 || err != nil {
		t.Fatalf("no SMS ticket (%d) or no agent (%v)", convID, err)
	}
	return env, tw, shopID, convID, agent.ID
}

// reply posts an agent's reply to a ticket, as the composer does.
func reply(t *testing.T, env *apptest.Env, shopID, convID, agentID int64, clientID, body string) storage.Message {
	t.Helper()
	m, err := storage.NewConversations(env.DB, time.Now).PostFromAgent(context.Background(), shopID, convID, agentID,
		storage.AgentReply{ClientID: clientID, Body: body, Preview: body})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func smsStatus(t *testing.T, env *apptest.Env, messageID int64) (status, failure string) {
	t.Helper()
	var row struct{ Status, Error string }
	if err := env.DB.Get(&row, `SELECT sms_status AS status, sms_error AS error FROM messages WHERE id = $1`, messageID); err != nil {
		t.Fatal(err)
	}
	return row.Status, row.Error
}

// An agent's reply in an SMS ticket goes to the person's phone through
// Twilio, and Twilio's status callbacks bring its delivery to the message.
func TestSMSReplyIsSentAndItsDeliveryRecorded(t *testing.T) {
	t.Parallel()
	env, tw, shopID, convID, agentID := smsTicket(t, "+14155550110")
	m := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000001", "Yes, in 5 days.")
	if m.SMSStatus != storage.SMSSending {
		t.Fatalf("reply's SMS status %q, want sending", m.SMSStatus)
	}
	apptest.Eventually(t, 10*time.Second, "the reply delivered", func() bool {
		status, _ := smsStatus(t, env, m.ID)
		return status == "delivered"
	})
	sent := tw.Messages()
	if len(sent) != 1 || sent[0].To != "+14155550110" || sent[0].From != smsNumber || sent[0].Body != "Yes, in 5 days." {
		t.Fatalf("Twilio got %+v", sent)
	}
}

// A send Twilio fails on its side is tried again and then goes out; one it
// refuses, and a delivery that fails, are shown on the message in words.
func TestFailedSMSSendIsRetriedThenShown(t *testing.T) {
	t.Parallel()
	env, tw, shopID, convID, agentID := smsTicket(t, "+14155550111")
	tw.FailNext(1, http.StatusServiceUnavailable)
	retried := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000002", "First try fails.")
	apptest.Eventually(t, 20*time.Second, "the retried reply delivered", func() bool {
		status, _ := smsStatus(t, env, retried.ID)
		return status == "delivered"
	})
	if n := count(t, env, `SELECT attempts FROM jobs WHERE kind = 'sms.send' AND payload->>'message_id' = $1`, fmt.Sprint(retried.ID)); n != 2 {
		t.Errorf("sent in %d attempts, want 2", n)
	}
	refused := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000003", strings.Repeat("a", twilio.MaxBodyChars+1))
	apptest.Eventually(t, 10*time.Second, "the refused reply failed with why", func() bool {
		status, failure := smsStatus(t, env, refused.ID)
		return status == storage.SMSFailed && failure == "twilio:invalid" // refused before it went out
	})
	tw.SetOutcome("+14155550111", twiliotest.Outcome{Status: "undelivered", ErrorCode: 30003})
	lost := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000004", "Phone is off.")
	apptest.Eventually(t, 10*time.Second, "the reply undelivered", func() bool {
		status, failure := smsStatus(t, env, lost.ID)
		return status == "undelivered" && failure == "twilio:30003"
	})
}

// STOP blocks every reply to the number, with the reason for the agent,
// until START; the thread shows a banner while it lasts.
func TestSMSStopBlocksRepliesUntilStart(t *testing.T) {
	t.Parallel()
	env, tw, shopID, convID, agentID := smsTicket(t, "+14155550112")
	postText(t, env, textForm(smsSID(8), "+14155550112", "stop"), smsToken)
	env.WaitForJobs(t)
	_, err := storage.NewConversations(env.DB, time.Now).PostFromAgent(context.Background(), shopID, convID, agentID,
		storage.AgentReply{ClientID: "c0000000-0000-4000-8000-000000000005", Body: "Still there?", Preview: "Still there?"})
	if !errors.Is(err, storage.ErrSMSOptedOut) {
		t.Fatalf("reply after STOP: %v, want refused as opted out", err)
	}
	if n := count(t, env, `SELECT count(*) FROM messages WHERE body = 'Still there?'`); n != 0 {
		t.Fatalf("the refused reply was stored")
	}
	postText(t, env, textForm(smsSID(9), "+14155550112", "START"), smsToken)
	env.WaitForJobs(t)
	m := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000006", "Welcome back.")
	apptest.Eventually(t, 10*time.Second, "the reply after START delivered", func() bool {
		status, _ := smsStatus(t, env, m.ID)
		return status == "delivered"
	})
	if sent := tw.Messages(); len(sent) != 1 || sent[0].Body != "Welcome back." {
		t.Fatalf("Twilio got %+v, want only the reply after START", sent)
	}
}

// HELP is answered by a text with the shop's name and how to reach it,
// kept in the ticket as an automatic message.
func TestSMSHelpIsAnsweredWithTheShopsDetails(t *testing.T) {
	t.Parallel()
	env, tw, _, _, _ := smsTicket(t, "+14155550113")
	postText(t, env, textForm(smsSID(10), "+14155550113", "help"), smsToken)
	var name string
	if env.DB.Get(&name, `SELECT name FROM shops`); name == "" {
		t.Fatal("the shop has no name to answer with")
	}
	apptest.Eventually(t, 10*time.Second, "the answer to HELP texted", func() bool {
		sent := tw.Messages()
		return len(sent) == 1 && sent[0].To == "+14155550113" && strings.Contains(sent[0].Body, name) && strings.Contains(sent[0].Body, "STOP")
	})
	if n := count(t, env, `SELECT count(*) FROM messages WHERE author = 'system' AND sms_status <> ''`); n != 1 {
		t.Fatalf("%d automatic SMS in the ticket, want the answer to HELP", n)
	}
}
