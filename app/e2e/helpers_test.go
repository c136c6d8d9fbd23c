package e2e_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) {
	code := pgtest.Run(m)
	apptest.CloseBrowser()
	os.Exit(code)
}

// tryTimeout bounds one try of a wait on the app's frame: short, because
// after the frame navigates a query bound to the document it left would
// wait forever, yet long enough for a busy machine, where one round trip
// to the browser can take seconds (a try that always ran out would make
// the wait fail with the page showing what it waited for).
const tryTimeout = 6 * time.Second

// inApp runs action against the app's current page inside the admin's
// iframe (same site here, so reachable from the page). The frame is found
// anew on every try and each try is short: after the frame navigates, a
// query bound to the document it left would wait forever.
func inApp[T any](t *testing.T, ctx context.Context, what string, action func(frame *chromedp.Node) chromedp.Action[T]) T {
	t.Helper()
	var out T
	apptest.Eventually(t, 45*time.Second, what, func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
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

// appText waits for sel in the app's page and returns its text.
func appText(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return inApp(t, ctx, "the app to show "+sel, func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.Text(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// appClick clicks sel in the app's page.
func appClick(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	inApp(t, ctx, "to click "+sel+" in the app", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(frame))
	})
}

// tryAppClick clicks sel in the app's page if it is there within tryTimeout.
func tryAppClick(ctx context.Context, sel string) bool {
	short, cancel := context.WithTimeout(ctx, tryTimeout)
	defer cancel()
	frames, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`iframe[data-testid="app-frame"]`)))
	if err != nil || len(frames) == 0 {
		return false
	}
	_, err = chromedp.Run(short, chromedp.Click(chromedp.CSS(sel), chromedp.FromNode(frames[0])))
	return err == nil
}

// clickOutOfTheApp clicks link in the app's page, a link that leaves the
// app's frame for the admin's page that shows landed, until that page
// shows. The click can navigate the page before the browser reports it
// done, and then it reports an error: a click is tried again only while
// the page has not arrived.
func clickOutOfTheApp(t *testing.T, ctx context.Context, link, landed string) {
	t.Helper()
	arrived := func() bool {
		short, cancel := context.WithTimeout(ctx, tryTimeout)
		defer cancel()
		n, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(landed), chromedp.AtLeast(0)))
		return err == nil && len(n) > 0
	}
	apptest.Eventually(t, 45*time.Second, "to leave the app for "+landed, func() bool {
		if arrived() {
			return true
		}
		tryAppClick(ctx, link)
		return arrived()
	})
}

// openTicket clicks the inbox's first row until the ticket page shows. A
// live update may swap the list between the click's mouse-down and
// mouse-up, and then the browser sends the click to the list instead of
// the row, so a single click can be lost.
func openTicket(t *testing.T, ctx context.Context) {
	t.Helper()
	// The agent looks at the admin: the tab comes to the front, as the
	// shopper's tab in the same browser may have been; a hidden page's live
	// connection waits until it is shown again.
	if _, err := chromedp.Call(ctx, page.BringToFront, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 45*time.Second, "the ticket to open", func() bool {
		opened := func() bool {
			short, cancel := context.WithTimeout(ctx, tryTimeout)
			defer cancel()
			frames, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`iframe[data-testid="app-frame"]`)))
			if err != nil || len(frames) == 0 {
				return false
			}
			n, err := chromedp.Run(short, chromedp.Nodes(chromedp.CSS(`[data-testid="ticket-page"]`), chromedp.FromNode(frames[0]), chromedp.AtLeast(0)))
			return err == nil && len(n) > 0
		}
		if opened() {
			return true
		}
		if !tryAppClick(ctx, `[data-testid="inbox-row"]`) {
			return false // the inbox is still loading (or reloading): try again
		}
		for range 10 {
			if opened() {
				return true
			}
			time.Sleep(300 * time.Millisecond)
		}
		return false
	})
}
