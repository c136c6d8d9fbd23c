package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// A merchant opens Settings → SMS from the settings list, enters the
// Twilio account (checked against the local Twilio) and its number, turns
// SMS on and saves; then copies the webhook URL to paste into Twilio.
func TestMerchantSetsUpSMS(t *testing.T) {
	t.Parallel()
	const account, token, number = "AC5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e", "7b3e9c2a1f4d6e8b0c5a7d9e2f4b6a8c", "+15555550199"
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: account, AuthToken: token, Numbers: []string{number}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	env := apptest.Start(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="settings-card-sms"]`)
	apptest.Screenshot(t, ctx, "settings-index-sms")
	appClick(t, ctx, `[data-testid="settings-card-sms"]`)
	appText(t, ctx, `[data-testid="sms-form"]`)
	apptest.Screenshot(t, ctx, "settings-sms-new")
	appClick(t, ctx, `[data-testid="sms-enabled"]`)
	appSetValue(t, ctx, `#sms-account-sid`, account)
	appSetValue(t, ctx, `#sms-auth-token`, token)
	appSetValue(t, ctx, `#sms-sender`, number)
	appClick(t, ctx, `[data-testid="save"]`)
	adminToast(t, ctx, "Settings saved")
	appText(t, ctx, `[data-testid="sms-auth-token-set"]`)

	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	saved, err := storage.NewSMSSettings(env.DB, env.Keys, time.Now).Get(context.Background(), shopID)
	if err != nil || !saved.Enabled || saved.AccountSID != account || saved.FromNumber != number || !saved.HasAuthToken {
		t.Fatalf("saved %+v (%v)", saved, err)
	}
	appClick(t, ctx, `[data-testid="sms-copy"]`)
	adminToast(t, ctx, "Webhook URL copied")
	apptest.Screenshot(t, ctx, "settings-sms")
}
