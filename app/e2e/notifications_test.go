package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// addInBrowser types an address into the (empty) field and presses Add
// address.
func addInBrowser(t *testing.T, ctx context.Context, email string) {
	t.Helper()
	inApp(t, ctx, "to add "+email, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS(`#recipient-email`), email, chromedp.FromNode(frame)),
			chromedp.Click(chromedp.CSS(`[data-testid="add-recipient"] button[type="submit"]`), chromedp.FromNode(frame)),
		)
	})
}

// In the admin, through App Bridge and htmx: adding confirms with a toast,
// a bad address is explained beside the field. SCREENSHOT_DIR keeps what
// the browser saw (notifications.png, notifications-error.png).
func TestNotificationsPageInTheAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings/notifications")); err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="recipients-empty"]`)
	// What the app asks App Bridge to show, read from the admin's side, so
	// that each of the two toasts is counted.
	record := `window.toastsAsked = []; addEventListener("message", function (e) {
		if (e.data && e.data.type === "toast") window.toastsAsked.push(e.data.data.message);
	}); true`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](record)); err != nil {
		t.Fatal(err)
	}
	addInBrowser(t, ctx, "support@hubchat-demo.example")
	apptest.Eventually(t, 10*time.Second, "the first address", func() bool {
		return strings.Contains(appText(t, ctx, `[data-testid="recipient-count"]`), "1 of 20")
	})
	addInBrowser(t, ctx, "jane.lead@hubchat-demo.example")
	apptest.Eventually(t, 10*time.Second, "the toast", func() bool {
		asked, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.toastsAsked.join("|")`))
		return asked == "Address added|Address added" && strings.Contains(appText(t, ctx, `[data-testid="recipient-count"]`), "2 of 20")
	})
	apptest.Screenshot(t, ctx, "notifications")

	// Quoting the first message in the email: off until ticked, by keyboard.
	inApp(t, ctx, "to tick the quote and save", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.Focus(chromedp.CSS(`#quote-messages`), chromedp.FromNode(frame)),
			chromedp.KeyEvent(" "),
			chromedp.Click(chromedp.CSS(`[data-testid="save-email-content"]`), chromedp.FromNode(frame)),
		)
	})
	apptest.Eventually(t, 10*time.Second, "the email content saved", func() bool {
		asked, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.toastsAsked.join("|")`))
		return strings.HasSuffix(asked, "|Email content saved")
	})
	var on bool
	if err := env.DB.Get(&on, `SELECT quote_messages FROM notification_settings`); err != nil || !on {
		t.Fatalf("the quote was not saved: %v, %v", on, err)
	}
	apptest.Screenshot(t, ctx, "notifications-content")

	addInBrowser(t, ctx, "jane.lead@")
	if got := appText(t, ctx, `[data-testid="email-error"]`); !strings.Contains(got, "Enter an email address like name@example.com.") {
		t.Fatalf("error beside the field: %q", got)
	}
	apptest.Screenshot(t, ctx, "notifications-error")
}
