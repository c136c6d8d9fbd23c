package e2e_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
)

// A ticket that arrives while the inbox loads — after the server rendered
// the list, before the page's live connection opened — still shows: the
// connection starts from the change the page is current to, not from when
// it opened (an agent's inbox would otherwise miss it until the next
// change).
func TestATicketArrivingWhileTheInboxLoadsShows(t *testing.T) {
	t.Parallel()
	env, shopID := installedShop(t)
	// Another page's live connection, open all along, tells when the app
	// has sent the change to every connection open at the time.
	witness, err := http.NewRequest("GET", env.URL+"/app/stream", nil)
	if err != nil {
		t.Fatal(err)
	}
	witness.Header.Set("Authorization", "Bearer "+env.SessionToken(t, shopifytest.DemoStaff()[0].ID))
	published := apptest.Stream(t, witness)

	ctx := apptest.Browser(t)
	connect := holdRequest(t, ctx, "*/app/stream*")
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	release := connect()
	tkWaitText(t, ctx, `[data-testid="inbox-empty"]`, "No open tickets.")
	shopperWrites(t, env, shopID, 7301, "Ada", "Is the parka waterproof?")
	apptest.Next(t, published, "hubchat:conversation")
	release()
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Ada Shopper")
}

// holdRequest holds the page's first request whose URL matches pattern.
// The func it returns waits until that request is held, and returns the
// func that lets it go on (and stops holding requests).
func holdRequest(t *testing.T, ctx context.Context, pattern string) func() func() {
	t.Helper()
	held := make(chan fetch.RequestID, 8)
	err := chromedp.Listen(ctx, func(ev any) {
		if paused, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case held <- paused.RequestID:
			default:
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pattern}}}); err != nil {
		t.Fatal(err)
	}
	return func() func() {
		t.Helper()
		var id fetch.RequestID
		select {
		case id = <-held:
		case <-time.After(30 * time.Second):
			t.Fatalf("the page made no request to %s within 30 s", pattern)
		}
		return func() {
			t.Helper()
			if _, err := chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(ctx, fetch.Disable, cdp.Empty{}); err != nil {
				t.Fatal(err)
			}
		}
	}
}
