package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// A shopper's first message appears live in the agent's open inbox, with
// the unread badge; a search finds it by a word of the message.
func TestNewTicketAppearsLiveInTheInbox(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	appText(t, ctx, `[data-testid="inbox-setup"]`) // no tickets yet
	waitForStream(t, env)

	var shopID int64
	env.DB.Get(&shopID, `SELECT id FROM shops`)
	p, _ := storage.NewProfiles(env.DB, time.Now).ForCustomer(context.Background(), shopID, 7001)
	storage.NewProfiles(env.DB, time.Now).UpdateDetails(context.Background(), shopID, p.ID, storage.CustomerDetails{FirstName: "Jane", LastName: "Cooper"})
	_, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(context.Background(), shopID, p.ID, storage.ShopperPost{
		ClientID: "e0000000-0000-4000-8000-000000000001", Body: "My parcel never arrived", Preview: "My parcel never arrived"})
	if err != nil {
		t.Fatal(err)
	}
	// The row arrives by a swap: read until the swapped-in row is there.
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Jane Cooper")
	badge := ""
	apptest.Eventually(t, 10*time.Second, "the unread badge to read 1", func() bool {
		badge = inApp(t, ctx, "the unread badge", func(frame *chromedp.Node) chromedp.Action[string] {
			return chromedp.TextContent(chromedp.CSS(`#unread-badge`), chromedp.FromNode(frame))
		})
		return strings.TrimSpace(badge) == "1"
	})
	// The admin's sidebar, through App Bridge's navigation, counts it too.
	apptest.Eventually(t, 10*time.Second, "the sidebar's Inbox count", func() bool {
		nav, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(`[data-testid="app-nav"]`)))
		return err == nil && strings.Contains(nav, "Inbox (1)")
	})
	apptest.Screenshot(t, ctx, "inbox")
}

// waitForStream waits until the inbox's page has opened its live stream; on
// a timeout it shows the app's requests, to tell a failed connection from a
// missing one.
func waitForStream(t *testing.T, env *apptest.Env) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(env.Logs.String(), "path=/app/stream") {
		if time.Now().After(deadline) {
			var lines []string
			for _, l := range strings.Split(env.Logs.String(), "\n") {
				if strings.Contains(l, "path=/app") || strings.Contains(l, "level=ERROR") || strings.Contains(l, "level=WARN") {
					lines = append(lines, l)
				}
			}
			t.Fatalf("the inbox's live stream never connected; the app's requests:\n%s", strings.Join(lines, "\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
