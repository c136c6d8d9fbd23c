package admin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// inFrame runs action against the app's page inside the local admin's
// iframe, trying again until it succeeds: the frame's document changes as
// it loads.
func inFrame[T any](t *testing.T, ctx context.Context, what string, action func(frame *chromedp.Node) chromedp.Action[T]) T {
	t.Helper()
	var out T
	apptest.Eventually(t, 20*time.Second, what, func() bool {
		short, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		frames, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`iframe[data-testid="app-frame"]`)))
		if err != nil || len(frames) == 0 {
			return false
		}
		out, err = chromedp.Run(short, action(frames[0]))
		return err == nil
	})
	return out
}

// addInBrowser types an address into the (empty) field and presses Add
// address.
func addInBrowser(t *testing.T, ctx context.Context, email string) {
	t.Helper()
	inFrame(t, ctx, "to add "+email, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Steps(
			chromedp.SendKeys(chromedp.CSS(`#recipient-email`), email, chromedp.FromNode(frame)),
			chromedp.Click(chromedp.CSS(`[data-testid="add-recipient"] button[type="submit"]`), chromedp.FromNode(frame)),
		)
	})
}

func frameText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return inFrame(t, ctx, "the app to show "+sel, func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.Text(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// In the admin, through App Bridge and htmx: adding confirms with a toast,
// a bad address is explained beside the field. SCREENSHOT_DIR keeps what
// the browser saw (notifications.png, notifications-error.png).
func TestNotificationsPageInTheAdmin(t *testing.T) {
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings/notifications")); err != nil {
		t.Fatal(err)
	}
	frameText(t, ctx, `[data-testid="recipients-empty"]`)
	// What the app asks App Bridge to show, read from the admin's side: the
	// local admin's own toast element is looked up before it exists, so it
	// shows nothing.
	record := `window.toastsAsked = []; addEventListener("message", function (e) {
		if (e.data && e.data.type === "toast") window.toastsAsked.push(e.data.data.message);
	}); true`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](record)); err != nil {
		t.Fatal(err)
	}
	addInBrowser(t, ctx, "support@hubchat-demo.example")
	apptest.Eventually(t, 10*time.Second, "the first address", func() bool {
		return strings.Contains(frameText(t, ctx, `[data-testid="recipient-count"]`), "1 of 20")
	})
	addInBrowser(t, ctx, "jane.lead@hubchat-demo.example")
	apptest.Eventually(t, 10*time.Second, "the toast", func() bool {
		asked, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`window.toastsAsked.join("|")`))
		return asked == "Address added|Address added" && strings.Contains(frameText(t, ctx, `[data-testid="recipient-count"]`), "2 of 20")
	})
	apptest.Screenshot(t, ctx, "notifications")

	addInBrowser(t, ctx, "jane.lead@")
	if got := frameText(t, ctx, `[data-testid="email-error"]`); !strings.Contains(got, "Enter an email address like name@example.com.") {
		t.Fatalf("error beside the field: %q", got)
	}
	apptest.Screenshot(t, ctx, "notifications-error")
}
