package e2e_test

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// appSetValue sets the value of the input sel in the app's page.
func appSetValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	inApp(t, ctx, "to fill "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetValue(chromedp.CSS(sel), value, chromedp.FromNode(frame))
	})
}

// appCount waits until the app's page has n elements matching sel.
func appCount(t *testing.T, ctx context.Context, sel string, n int) {
	t.Helper()
	apptest.Eventually(t, 30*time.Second, "the app to show "+sel, func() bool {
		nodes := inApp(t, ctx, "to count "+sel, func(frame *chromedp.Node) chromedp.Action[[]*chromedp.Node] {
			return chromedp.Nodes(chromedp.CSSAll(sel), chromedp.FromNode(frame), chromedp.AtLeast(0))
		})
		return len(nodes) == n
	})
}

// appScroll brings sel into the app's viewport, for a screenshot of it.
func appScroll(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	inApp(t, ctx, "to scroll to "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.ScrollIntoView(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// adminToast waits for the admin to show a toast saying message, then
// clears it, so that the next wait needs a new one.
func adminToast(t *testing.T, ctx context.Context, message string) {
	t.Helper()
	const toast = `document.querySelector('[data-testid="admin-toast"]')`
	apptest.Eventually(t, 30*time.Second, "the toast "+message, func() bool {
		short, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		shown, _ := chromedp.Run(short, chromedp.Evaluate[bool](toast+`.style.display === "block" && `+toast+`.textContent === `+strconv.Quote(message)))
		return shown
	})
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](toast+`.textContent = ""; `+toast+`.style.display = "none"; true`)); err != nil {
		t.Fatal(err)
	}
}

// A merchant opens Settings in the admin, edits the office hours with the
// editor's buttons, saves (the admin shows the toast), sees inline errors,
// and visits each settings page.
func TestMerchantEditsSettingsInTheAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="settings-card-web-chat"]`)
	apptest.Screenshot(t, ctx, "settings-index")

	// A link inside the app keeps the admin's session.
	appClick(t, ctx, `[data-testid="settings-card-web-chat"]`)
	appText(t, ctx, `[data-testid="web-chat-form"]`)
	mon := `[data-testid="hours-mon"] `
	appClick(t, ctx, mon+`[data-testid="hours-add"]`)
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 1)
	appClick(t, ctx, mon+`[data-testid="hours-duplicate"]`)
	appCount(t, ctx, mon+`[data-testid="hours-range"]`, 2)
	appSetValue(t, ctx, `#oh-mon-0-end`, "12:00")
	appSetValue(t, ctx, `#oh-mon-1-start`, "13:00")
	appSetValue(t, ctx, `#oh-mon-1-end`, "17:00")
	appClick(t, ctx, mon+`[data-testid="hours-copy"]`)
	appCount(t, ctx, `[data-testid="hours-sun"] [data-testid="hours-range"]`, 2)
	appScroll(t, ctx, `[data-testid="office-hours"]`)
	apptest.Screenshot(t, ctx, "settings-web-chat-hours")

	appClick(t, ctx, `[data-testid="save"]`)
	adminToast(t, ctx, "Settings saved")
	hours := savedHours(t, env, shopID)
	want := [][]string{{"09:00", "12:00"}, {"13:00", "17:00"}}
	for _, day := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if !reflect.DeepEqual(hours[day], want) {
			t.Fatalf("%s saved as %v, want %v", day, hours[day], want)
		}
	}
	appScroll(t, ctx, `.page__title`)
	apptest.Screenshot(t, ctx, "settings-web-chat")

	// Invalid input is shown beside its field, in the critical colour.
	appSetValue(t, ctx, `#welcome-message`, "   ") // blank: the server trims it
	appSetValue(t, ctx, `#color`, "blue")
	appClick(t, ctx, `[data-testid="save"]`)
	if got := appText(t, ctx, `[data-testid="error-welcome-message"]`); !strings.Contains(got, "Enter a welcome message.") {
		t.Fatalf("welcome message error: %q", got)
	}
	appText(t, ctx, `[data-testid="form-errors"]`)
	apptest.Screenshot(t, ctx, "settings-web-chat-errors")
	appScroll(t, ctx, `[data-testid="design-notice"]`)
	apptest.Screenshot(t, ctx, "settings-web-chat-design")

	// The other sections, through the sub-navigation.
	appClick(t, ctx, `.settings__nav a[href="/app/settings/general"]`)
	appText(t, ctx, `[data-testid="general-form"]`)
	appSetValue(t, ctx, `#privacy-url`, "http://shop.example/privacy")
	appClick(t, ctx, `[data-testid="save"]`)
	appText(t, ctx, `[data-testid="error-privacy-url"]`)
	apptest.Screenshot(t, ctx, "settings-general")

	appClick(t, ctx, `.settings__nav a[href="/app/settings/faqs"]`)
	appSetValue(t, ctx, `#question`, "Do you ship abroad?")
	appSetValue(t, ctx, `#answer`, "Yes, to 40 countries, within 5 working days.")
	appClick(t, ctx, `[data-testid="faq-published"]`)
	appClick(t, ctx, `[data-testid="faq-form"] [data-testid="save"]`)
	appCount(t, ctx, `[data-testid="faq-row"]`, 1)
	adminToast(t, ctx, "Settings saved")
	appSetValue(t, ctx, `#question`, "Can I return an item?")
	appSetValue(t, ctx, `#answer`, "Yes, within 30 days.")
	appClick(t, ctx, `[data-testid="faq-form"] [data-testid="save"]`)
	appCount(t, ctx, `[data-testid="faq-row"]`, 2)
	appClick(t, ctx, `[data-testid="faq-row"]:nth-child(2) [data-testid="faq-up"]`)
	apptest.Eventually(t, 10*time.Second, "the FAQ to move up", func() bool {
		return strings.HasPrefix(appText(t, ctx, `[data-testid="faq-row"]:first-child .settings-item__title`), "Can I return")
	})
	appClick(t, ctx, `[data-testid="faq-form"] [data-testid="save"]`) // empty: inline errors
	appText(t, ctx, `[data-testid="error-question"]`)
	apptest.Screenshot(t, ctx, "settings-faqs")

	// Deleting asks on its own page, then comes back to the list.
	appClick(t, ctx, `[data-testid="faq-row"]:first-child [data-testid="faq-delete"]`)
	appText(t, ctx, `[data-testid="confirm-delete"]`)
	apptest.Screenshot(t, ctx, "settings-faq-delete")
	appClick(t, ctx, `[data-testid="confirm-delete-button"]`)
	adminToast(t, ctx, "Deleted")
	appCount(t, ctx, `[data-testid="faq-row"]`, 1)

	appClick(t, ctx, `.settings__nav a[href="/app/settings/macros"]`)
	appSetValue(t, ctx, `#name`, "Order status")
	appSetValue(t, ctx, `#body`, "Hi {{customer.first_name}}, your order {{customer.last_order_number}} ships today. {{agent.first_name}}")
	appClick(t, ctx, `[data-testid="macro-form"] [data-testid="save"]`)
	appCount(t, ctx, `[data-testid="macro-row"]`, 1)
	appSetValue(t, ctx, `#name`, "Welcome")
	appSetValue(t, ctx, `#body`, "Hello {{customer.name}}!")
	appClick(t, ctx, `[data-testid="macro-form"] [data-testid="save"]`)
	if got := appText(t, ctx, `[data-testid="error-body"]`); !strings.Contains(got, "{{customer.name}}") {
		t.Fatalf("unknown variable error: %q", got)
	}
	apptest.Screenshot(t, ctx, "settings-macros")
	appSetValue(t, ctx, `#body`, "Hello {{ customer.first_name, welcome!")
	appClick(t, ctx, `[data-testid="macro-form"] [data-testid="save"]`)
	tkWaitText(t, ctx, `[data-testid="error-body"]`, "The variable “{{ customer.first_name, welcome!” is not closed.")
	appCount(t, ctx, `[data-testid="macro-row"]`, 1)
	apptest.Screenshot(t, ctx, "settings-macros-unclosed")
}
