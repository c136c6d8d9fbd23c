package e2e_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// appStyle is the computed value of the CSS property of sel in the app's page.
func appStyle(t *testing.T, ctx context.Context, sel, property string) string {
	t.Helper()
	props := inApp(t, ctx, "the style of "+sel, func(frame *chromedp.Node) chromedp.Action[[]*css.ComputedStyleProperty] {
		return chromedp.ComputedStyle(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
	for _, p := range props {
		if p.Name == property {
			return p.Value
		}
	}
	t.Fatalf("%s has no %s", sel, property)
	return ""
}

// tabLook is how the inbox's tab for view looks: its background colour and
// its outline style.
func tabLook(t *testing.T, ctx context.Context, view string) (background, outline string) {
	t.Helper()
	sel := `[data-testid="inbox-tab-` + view + `"]`
	return appStyle(t, ctx, sel, "background-color"), appStyle(t, ctx, sel, "outline-style")
}

// The inbox's status tabs highlight the chosen one only: switching to
// Snoozed or Closed, by click or by the arrow keys, moves the highlight
// though htmx swaps only the rows, and the tab reached by keyboard shows
// its focus.
func TestInboxTabsFollowTheChoice(t *testing.T) {
	t.Parallel()
	env, shopID := installedShop(t)
	ctx := openAdmin(t, env, "")
	appText(t, ctx, `[data-testid="inbox-tab-open"]`)
	selected, _ := tabLook(t, ctx, "open")
	plain, _ := tabLook(t, ctx, "snoozed")
	if selected == plain {
		t.Fatalf("the selected Open tab looks like the others (%s)", plain)
	}
	highlighted := func(want string) {
		t.Helper()
		apptest.Eventually(t, 10*time.Second, "only the "+want+" tab highlighted", func() bool {
			for _, view := range []string{"open", "snoozed", "closed"} {
				if bg, _ := tabLook(t, ctx, view); (bg == selected) != (view == want) {
					return false
				}
			}
			return true
		})
	}

	appClick(t, ctx, `[data-testid="inbox-tab-snoozed"]`)
	tkWaitText(t, ctx, `[data-testid="inbox-empty"]`, "snoozed")
	highlighted("snoozed")
	apptest.Screenshot(t, ctx, "inbox-tab-snoozed")

	// The arrow key checks the next radio, and its tab shows the focus ring.
	inApp(t, ctx, "to press the right arrow on the tabs", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(`[data-testid="inbox-tab-snoozed"] input`), kb.ArrowRight, chromedp.FromNode(frame))
	})
	tkWaitText(t, ctx, `[data-testid="inbox-empty"]`, "closed")
	highlighted("closed")
	if _, outline := tabLook(t, ctx, "closed"); outline == "none" {
		t.Fatal("the tab reached by keyboard shows no focus")
	}
	tkCount(t, ctx, `.tabs input:checked`, 1)
	apptest.Screenshot(t, ctx, "inbox-tab-closed-focused")

	// A live refresh keeps to the chosen view: a ticket that starts and
	// closes meanwhile shows in Closed.
	waitForStream(t, env)
	conv := shopperWrites(t, env, shopID, 7301, "Dee", "Just looking")
	if _, err := storage.NewConversations(env.DB, time.Now).Close(context.Background(), shopID, conv.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Dee Shopper")
	highlighted("closed")
}
