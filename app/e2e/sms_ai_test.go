package e2e_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// choiceLine is the numbered line of the FAQ among texted choices.
var choiceLine = regexp.MustCompile(`(?m)^\s*(\d)\. How long does shipping take\?`)

// The merchant turns on the AI agent for texts in Settings → AI agent; a
// customer texts a question from the local phone page and reads the
// agent's answer there; asking for a person, they are offered one and
// reply 1: the SMS ticket appears in the inbox with the agent's part of
// the thread. The dashboard, grouped by channel, splits the sales an
// attributed SMS order brings from web chat's.
func TestTheAIAgentAnswersTextsOnThePhone(t *testing.T) {
	const account, token, number, phone = "AC5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e", "7b3e9c2a1f4d6e8b0c5a7d9e2f4b6a8c", "+15555550199", "+15555550100"
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: account, AuthToken: token, Numbers: []string{number}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	env.Install(t)
	env.WaitForJobs(t)
	env.TurnOnAIAgent(t, [2]string{"How long does shipping take?", "Orders arrive in 3 to 5 working days."})
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
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, _ := profiles.ForCustomer(ctx, shopID, 8102)
	profiles.UpdateDetails(ctx, shopID, p.ID, storage.CustomerDetails{FirstName: "Grace", LastName: "Hopper", Phone: phone})

	admin, handset := apptest.Browser(t), apptest.Browser(t)
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings/ai-agent")); err != nil {
		t.Fatal(err)
	}
	appText(t, admin, `[data-testid="ai-sms-form"]`)
	appClick(t, admin, `[data-testid="ai-sms-answers"]`)
	appSetValue(t, admin, `#sms-window`, "45")
	appClick(t, admin, `#ai-sms-form [data-testid="save"]`)
	if got := appText(t, admin, `[data-testid="error-sms-window"]`); !strings.Contains(got, "from 1 hour to 30 days") {
		t.Fatalf("45 days: %q, want the bounds named", got)
	}
	apptest.Screenshot(t, admin, "settings-ai-sms-error")
	appSetValue(t, admin, `#sms-window`, "3")
	appClick(t, admin, `#ai-sms-form [data-testid="save"]`)
	adminToast(t, admin, "Settings saved")
	apptest.Screenshot(t, admin, "settings-ai-sms")
	appScroll(t, admin, `#ai-sms-form`)
	apptest.Screenshot(t, admin, "settings-ai-sms-top")
	saved, err := storage.NewSMSAISettings(env.DB, time.Now).Get(ctx, shopID)
	if err != nil || !saved.AnswersSMS || saved.WindowHours != 72 || saved.Touchpoint != storage.TouchpointClick {
		t.Fatalf("saved %+v (%v); want texts answered, 3 days after a click", saved, err)
	}

	if err := chromedp.Do(handset, chromedp.Navigate(tw.PhoneURL())); err != nil {
		t.Fatal(err)
	}
	text := func(body string) {
		t.Helper()
		if err := chromedp.Do(handset, chromedp.SetValue(chromedp.CSS(`[data-testid="body"]`), body), chromedp.Click(chromedp.CSS(`[data-testid="send"]`))); err != nil {
			t.Fatal(err)
		}
	}
	var thread string
	phoneShowsAny := func(what string, wants ...string) string {
		t.Helper()
		var found string
		apptest.Eventually(t, 30*time.Second, "the phone to show "+what, func() bool {
			short, cancel := context.WithTimeout(handset, 2*time.Second)
			defer cancel()
			var err error
			if thread, err = chromedp.Run(short, chromedp.Text(chromedp.CSS(`[data-testid="thread"]`))); err != nil {
				return false
			}
			for _, w := range wants {
				if strings.Contains(thread, w) {
					found = w
					return true
				}
			}
			return false
		})
		return found
	}
	phoneShows := func(what, want string) { t.Helper(); phoneShowsAny(what, want) }
	text("how many days does shipping take?")
	// The agent answers, or asks which of its close answers is meant, as
	// numbered lines: the customer picks the FAQ by its number.
	if phoneShowsAny("the agent's answer", "3 to 5 working days", "Reply with the number of your choice:") != "3 to 5 working days" {
		apptest.Screenshot(t, handset, "sms-ai-phone-choices")
		line := choiceLine.FindStringSubmatch(thread)
		if line == nil {
			t.Fatalf("no numbered FAQ among the choices: %q", thread)
		}
		text(line[1])
		phoneShows("the chosen answer", "3 to 5 working days")
	}
	apptest.Screenshot(t, handset, "sms-ai-phone-answer")
	text("talk to a person")
	phoneShows("the offer of a person", "Reply 1 for yes or 2 for no.")
	text("1")
	phoneShows("the handoff", "will text you back here")
	apptest.Screenshot(t, handset, "sms-ai-phone-handoff")

	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	tkCount(t, admin, `.inbox-row__channel[title="SMS"]`, 1)
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "3 to 5 working days")
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "will text you back here")
	apptest.Screenshot(t, admin, "sms-ai-ticket")

	// An order two days after a click on a link the agent texted.
	var convID int64
	env.DB.Get(&convID, `SELECT id FROM conversations WHERE channel = 'sms'`)
	attribution := storage.NewAttribution(env.DB, time.Now)
	clicked := time.Now().Add(-50 * time.Hour)
	if _, err := attribution.RecordClick(ctx, shopID, storage.ProductClick{ConversationID: convID, ProductID: 9, ClickedAt: clicked}); err != nil {
		t.Fatal(err)
	}
	env.DB.MustExec(`UPDATE conversations SET created_at = $2 WHERE id = $1`, convID, clicked.Add(-time.Minute))
	var currency string
	env.DB.Get(&currency, `SELECT currency FROM shops WHERE id = $1`, shopID)
	order := storage.Order{ShopifyID: 77001, Name: "#77001", CustomerID: 8102, Total: "64.00", Currency: currency,
		CreatedAt: clicked.Add(48 * time.Hour), UpdatedAt: clicked.Add(48 * time.Hour)}
	if _, err := storage.NewOrders(env.DB, time.Now).Save(ctx, shopID, order); err != nil {
		t.Fatal(err)
	}
	if err := attribution.AttributeOrder(ctx, shopID, order.ShopifyID); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(admin, chromedp.Navigate(env.Shopify.AppHomeURL()+"/dashboard?range=7d&group=channel")); err != nil {
		t.Fatal(err)
	}
	if got := appText(t, admin, `[data-metric="sales"] [data-part="sms"]`); !strings.Contains(got, "64.00") {
		t.Fatalf("the SMS sales show %q, want the order's 64.00", got)
	}
	apptest.Screenshot(t, admin, "dashboard-sales-by-channel")
}
