package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// A customer texts the shop from the local phone page: the SMS ticket
// appears live in the inbox with the envelope, beside the same customer's
// web-chat ticket; the agent replies, the phone shows the reply and the
// ticket "Delivered"; after STOP the ticket says so and the next reply is
// refused with the reason.
func TestCustomerTextsAndAgentRepliesBySMS(t *testing.T) {
	t.Parallel()
	const account, token, number, phone = "AC5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e", "7b3e9c2a1f4d6e8b0c5a7d9e2f4b6a8c", "+15555550199", "+15555550100"
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: account, AuthToken: token, Numbers: []string{number},
		StepDelay: 200 * time.Millisecond}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := context.Background()
	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	if _, err := storage.NewSMSSettings(env.DB, env.Keys, time.Now).Save(ctx,
		storage.SMSSettings{ShopID: shopID, Enabled: true, AccountSID: account, FromNumber: number}, token); err != nil {
		t.Fatal(err)
	}
	if err := tw.SetWebhook(number, env.URL+"/twilio/"+env.Shop()+"/messages"); err != nil {
		t.Fatal(err)
	}
	// The customer's web chat, from a profile whose phone is the one texting.
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, _ := profiles.ForCustomer(ctx, shopID, 8101)
	profiles.UpdateDetails(ctx, shopID, p.ID, storage.CustomerDetails{FirstName: "Ada", LastName: "Lovelace", Phone: phone})
	if _, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000001", Body: "Hello from the chat", Preview: "Hello from the chat"}); err != nil {
		t.Fatal(err)
	}

	admin, handset := apptest.Browser(t), apptest.Browser(t)
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkCount(t, admin, `[data-testid="inbox-row"]`, 1)
	if err := chromedp.Do(handset, chromedp.Navigate(tw.PhoneURL())); err != nil {
		t.Fatal(err)
	}
	text := func(body string) {
		t.Helper()
		if err := chromedp.Do(handset, chromedp.SetValue(chromedp.CSS(`[data-testid="body"]`), body), chromedp.Click(chromedp.CSS(`[data-testid="send"]`))); err != nil {
			t.Fatal(err)
		}
	}
	text("Is my parcel on its way?")
	tkCount(t, admin, `[data-testid="inbox-row"]`, 2)
	tkCount(t, admin, `.inbox-row__channel[title="SMS"]`, 1)
	apptest.Screenshot(t, admin, "sms-inbox")

	openTicket(t, admin) // the newest row: the SMS ticket
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Is my parcel on its way?")
	appSetValue(t, admin, `[data-testid="composer-body"]`, "It left today, Ada.")
	appClick(t, admin, `[data-testid="composer-send"]`)
	apptest.Eventually(t, 15*time.Second, "the phone to show the reply", func() bool {
		short, cancel := context.WithTimeout(handset, tryTimeout)
		defer cancel()
		thread, err := chromedp.Run(short, chromedp.Text(chromedp.CSS(`[data-testid="thread"]`)))
		return err == nil && strings.Contains(thread, "It left today, Ada.")
	})
	tkWaitText(t, admin, `[data-testid="message-delivery"]`, "Delivered")
	apptest.Screenshot(t, admin, "sms-ticket-delivered")
	apptest.Screenshot(t, handset, "sms-phone")

	text("STOP")
	tkWaitText(t, admin, `[data-testid="sms-opted-out"]`, "replied STOP")
	apptest.Screenshot(t, admin, "sms-ticket-stopped")
	appSetValue(t, admin, `[data-testid="composer-body"]`, "One more thing")
	appClick(t, admin, `[data-testid="composer-send"]`)
	tkWaitText(t, admin, `#composer-feedback`, "until they reply START")
	apptest.Screenshot(t, admin, "sms-reply-refused")
	for _, m := range tw.Messages() {
		if m.Body == "One more thing" {
			t.Fatal("the reply after STOP reached Twilio")
		}
	}
}
