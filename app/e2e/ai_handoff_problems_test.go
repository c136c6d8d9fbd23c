package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/conversation"
)

// Settings → AI agent lists the Zendesk and Gorgias handoffs whose ticket
// could not be made, so the merchant can mend the settings.
func TestFailedHandoffsShowInTheSettings(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	e.TurnOnAIAgent(t)
	e.DB.MustExec(`INSERT INTO jobs (kind, shop_id, payload, status, attempts, max_attempts, run_at, last_error,
		created_at, updated_at, finished_at)
		VALUES ($1, $2, $3, 'parked', 1, 10, now(), $4, now(), now(), now())`,
		conversation.JobExternalHandoff, e.shopID, fmt.Sprintf(`{"conversation_id": %d}`, 1),
		"Zendesk: The email and API token were not accepted by Zendesk. Check them in the handoff settings.")
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(e.Shopify.AppHomeURL()+"/settings/ai-agent")); err != nil {
		t.Fatal(err)
	}
	if got := appText(t, ctx, `[data-testid="handoff-problems"]`); !strings.Contains(got, "not accepted by Zendesk") || !strings.Contains(got, "Stopped") {
		t.Fatalf("handoff problems: %q", got)
	}
	inApp(t, ctx, "to scroll to the problems", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.ScrollIntoView(chromedp.CSS(`[data-testid="handoff-problems"]`), chromedp.FromNode(frame))
	})
	apptest.Screenshot(t, ctx, "ai-agent-handoff-problems")
}
