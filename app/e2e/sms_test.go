package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// A customer texts the shop from the local phone page, with a picture: the
// SMS ticket appears live in the inbox with the envelope, beside the same
// customer's web-chat ticket, and shows the picture; the agent replies with
// text, counted in characters and SMS segments as it is typed, and an
// image; the phone shows both and the ticket "Delivered"; after STOP the
// ticket says so and the next reply is refused with the reason.
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
	if err := chromedp.Do(handset, chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="image"]`), []string{testPNG(t)})); err != nil {
		t.Fatal(err)
	}
	text("Is my parcel on its way?")
	tkCount(t, admin, `[data-testid="inbox-row"]`, 2)
	tkCount(t, admin, `.inbox-row__channel[title="SMS"]`, 1)
	apptest.Screenshot(t, admin, "sms-inbox")

	openTicket(t, admin) // the newest row: the SMS ticket
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "Is my parcel on its way?")
	tkCount(t, admin, `[data-testid="message-image"]`, 1) // the customer's picture, fetched from Twilio

	// The count follows the typing: GSM-7 first, then a Polish letter
	// makes every segment shorter, which screen readers are told.
	smsType(t, admin, "It left today, Ada.")
	tkWaitText(t, admin, `[data-testid="composer-count"]`, "Characters: 19 · SMS segments: 1")
	if hidden := tkAttr(t, admin, `[data-testid="composer-count-unicode"]`, "hidden"); !hidden {
		t.Fatal("the UCS-2 note shows for a GSM-7 text")
	}
	smsType(t, admin, " Dziękuję"+strings.Repeat("!", 45))
	tkWaitText(t, admin, `[data-testid="composer-count"]`, "Characters: 73 · SMS segments: 2")
	tkWaitText(t, admin, `[data-testid="composer-count-live"]`, "SMS segments: 2")
	if hidden := tkAttr(t, admin, `[data-testid="composer-count-unicode"]`, "hidden"); hidden {
		t.Fatal("the UCS-2 note is hidden for a text with ę")
	}
	apptest.Screenshot(t, admin, "sms-composer-count")
	appSetValue(t, admin, `[data-testid="composer-body"]`, "It left today, Ada.")
	inApp(t, admin, "to choose an image", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="composer-image"]`), []string{testPNG(t)}, chromedp.FromNode(frame))
	})
	tkWaitText(t, admin, `[data-testid="composer-count"]`, "sent as one MMS with the picture")
	apptest.Screenshot(t, admin, "sms-composer-picture")
	appClick(t, admin, `[data-testid="composer-send"]`)
	apptest.Eventually(t, 15*time.Second, "the phone to show the reply and its picture", func() bool {
		short, cancel := context.WithTimeout(handset, tryTimeout)
		defer cancel()
		thread, err := chromedp.Run(short, chromedp.Text(chromedp.CSS(`[data-testid="thread"]`)))
		pictures, err2 := chromedp.Run(short, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="received"] img').length`))
		return err == nil && err2 == nil && strings.Contains(thread, "It left today, Ada.") && pictures == 1
	})
	tkWaitText(t, admin, `[data-testid="message-delivery"]`, "Delivered")
	apptest.Screenshot(t, admin, "sms-ticket-delivered")
	apptest.Screenshot(t, handset, "sms-phone")

	// A file that is no picture is noted under its text, which is kept.
	card := filepath.Join(t.TempDir(), "contact.vcf")
	os.WriteFile(card, []byte("BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n"), 0o600)
	if err := chromedp.Do(handset, chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="image"]`), []string{card})); err != nil {
		t.Fatal(err)
	}
	text("My contact card")
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "My contact card")
	tkWaitText(t, admin, `[data-testid="message-media-refused"]`, "only pictures are kept")
	apptest.Screenshot(t, admin, "sms-ticket-refused-file")

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

// smsType types text at the end of the composer key by key, as the agent
// does, a few keys per try: on a busy machine a try may time out after its
// keys went in, so a try that typed twice is set right before the next.
func smsType(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	keys := []rune(text)
	for len(keys) > 0 {
		chunk := string(keys[:min(4, len(keys))])
		keys = keys[len([]rune(chunk)):]
		before := tkValue(t, ctx, `[data-testid="composer-body"]`)
		inApp(t, ctx, "to type in the composer", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
			return chromedp.SendKeys(chromedp.CSS(`[data-testid="composer-body"]`), chunk, chromedp.FromNode(frame))
		})
		if got := tkValue(t, ctx, `[data-testid="composer-body"]`); got != before+chunk {
			appSetValue(t, ctx, `[data-testid="composer-body"]`, before+chunk)
		}
	}
}

// tkAttr reports whether sel has the attribute name in the app's page.
func tkAttr(t *testing.T, ctx context.Context, sel, name string) bool {
	t.Helper()
	attrs := inApp(t, ctx, "the attributes of "+sel, func(frame *chromedp.Node) chromedp.Action[map[string]string] {
		return chromedp.Attributes(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
	_, ok := attrs[name]
	return ok
}
