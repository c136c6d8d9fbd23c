package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// installedShop starts the app with the demo shop installed, its jobs
// done, and returns it with the shop's id.
func installedShop(t *testing.T) (*apptest.Env, int64) {
	t.Helper()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops`); err != nil {
		t.Fatal(err)
	}
	return env, shopID
}

// openAdmin opens a browser on the app's page at path ("" for the inbox)
// inside the local Shopify admin.
func openAdmin(t *testing.T, env *apptest.Env, path string) context.Context {
	t.Helper()
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+path)); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// shopperWrites starts a conversation of a new shopper named first, as
// their first message does, and returns it.
func shopperWrites(t *testing.T, env *apptest.Env, shopID, customerID int64, first, body string) storage.Conversation {
	t.Helper()
	ctx := context.Background()
	profiles := storage.NewProfiles(env.DB, time.Now)
	p, err := profiles.ForCustomer(ctx, shopID, customerID)
	if err != nil {
		t.Fatal(err)
	}
	profiles.UpdateDetails(ctx, shopID, p.ID, storage.CustomerDetails{FirstName: first, LastName: "Shopper"})
	res, err := storage.NewConversations(env.DB, time.Now).PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{
		ClientID: fmt.Sprintf("e0000000-0000-4000-8000-%012d", customerID), Body: body, Preview: body})
	if err != nil {
		t.Fatal(err)
	}
	return res.Conversation
}

// pickAssignee moves the inbox's assignee filter one option down with the
// keyboard, as an agent does, which changes the list.
func pickNextAssignee(t *testing.T, ctx context.Context) {
	t.Helper()
	inApp(t, ctx, "to choose the next assignee filter", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(`#inbox-assignee`), kb.ArrowDown, chromedp.FromNode(frame))
	})
}

// A new shop's inbox: the setup card links to the theme editor of the
// admin the app runs in, and goes once the first conversation arrived;
// an empty list names the filters it shows; a shopper's wait for a reply
// advances on the page with no reload, and is highlighted at 3 minutes.
func TestInboxSetupEmptyStatesAndWaiting(t *testing.T) {
	t.Parallel()
	env, shopID := installedShop(t)
	ctx := openAdmin(t, env, "")
	link := inApp(t, ctx, "the setup link", func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(`[data-testid="theme-editor-link"]`), "href", chromedp.FromNode(frame))
	})
	if want := strings.ReplaceAll(env.Config.ShopifyShopURL, "{shop}", env.Shop()) + "/admin/themes/current/editor?"; !strings.HasPrefix(link.Value, want) ||
		!strings.Contains(link.Value, "activateAppId=") {
		t.Fatalf("the setup card links to %q, want the local admin's theme editor %s…", link.Value, want)
	}
	if got := appText(t, ctx, `[data-testid="inbox-empty"]`); got != "No open tickets." {
		t.Fatalf("the empty inbox says %q", got)
	}
	pickNextAssignee(t, ctx) // Assigned to me
	tkWaitText(t, ctx, `[data-testid="inbox-empty"]`, "No open tickets assigned to you.")
	pickNextAssignee(t, ctx) // Unassigned
	tkWaitText(t, ctx, `[data-testid="inbox-empty"]`, "No unassigned open tickets.")
	apptest.Screenshot(t, ctx, "inbox-empty-unassigned")

	waitForStream(t, env)
	conv := shopperWrites(t, env, shopID, 7101, "Ada", "Is the parka waterproof?")
	// The first conversation, arriving live, hides the setup card.
	tkWaitText(t, ctx, `[data-testid="inbox-row-name"]`, "Ada Shopper")
	if display := appStyle(t, ctx, `[data-testid="inbox-setup"]`, "display"); display != "none" {
		t.Fatalf("the setup card shows (display %s) once a conversation arrived", display)
	}
	// Waiting for 2 minutes 40 seconds when the page renders it.
	env.DB.MustExec(`UPDATE conversations SET awaiting_reply_since = now() - interval '160 seconds' WHERE id = $1`, conv.ID)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	if got := appText(t, ctx, `[data-testid="inbox-row-waiting"]`); got != "Waiting 2 min" {
		t.Fatalf("the wait first reads %q", got)
	}
	tkCount(t, ctx, `[data-testid="inbox-setup"]`, 0) // chat is live
	apptest.Screenshot(t, ctx, "inbox-waiting-2")
	apptest.Eventually(t, 40*time.Second, "the wait to reach 3 minutes on the page", func() bool {
		return tkText(t, ctx, `[data-testid="inbox-row-waiting"]`) == "Waiting 3 min"
	})
	tkCount(t, ctx, `[data-testid="inbox-row-waiting"].badge--attention`, 1)
	apptest.Screenshot(t, ctx, "inbox-waiting-3")
}

// The Snoozed view says until when each ticket sleeps; Unsnooze on the
// ticket brings it back to Open at once, and its history tells both. A
// wrong snooze or reply is told in words, not as an HTTP status. A ticket
// the shopper ended before any agent opened it is not left unread in the
// Closed view.
func TestSnoozedTicketsUnsnoozeAndClosedUnread(t *testing.T) {
	t.Parallel()
	env, shopID := installedShop(t)
	ctx := context.Background()
	convs := storage.NewConversations(env.DB, time.Now)
	ended := shopperWrites(t, env, shopID, 7201, "Bo", "Never mind")
	if _, err := convs.Close(ctx, shopID, ended.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	sleeping := shopperWrites(t, env, shopID, 7202, "Cy", "Call me back tomorrow")
	if _, err := convs.Snooze(ctx, shopID, sleeping.ID, time.Now().Add(26*time.Hour)); err != nil {
		t.Fatal(err)
	}

	admin := openAdmin(t, env, "")
	appClick(t, admin, `[data-testid="inbox-tab-closed"]`)
	tkWaitText(t, admin, `[data-testid="inbox-row-name"]`, "Bo Shopper")
	tkCount(t, admin, `.inbox-row--unread`, 0)
	tkCount(t, admin, `[data-testid="unread-badge"]`, 0)

	appClick(t, admin, `[data-testid="inbox-tab-snoozed"]`)
	tkWaitText(t, admin, `[data-testid="inbox-row-name"]`, "Cy Shopper")
	if got := tkText(t, admin, `[data-testid="inbox-row-snoozed"]`); !strings.HasPrefix(got, "Snoozed until ") || !strings.HasSuffix(got, "M") {
		t.Fatalf("the snoozed row says %q", got)
	}
	apptest.Screenshot(t, admin, "inbox-snoozed")

	openTicket(t, admin)
	// A chosen time left empty: the banner says what to do, in words.
	appClick(t, admin, `[data-testid="snooze-open"]`)
	appClick(t, admin, `[data-testid="snooze-custom"]`)
	tkWaitText(t, admin, `[data-testid="error-fragment"]`, "Choose a date and time to snooze until.")
	if title := tkText(t, admin, `[data-testid="error-fragment"] .banner__title`); title != "Check what you entered" {
		t.Fatalf("the banner's title is %q", title)
	}
	apptest.Screenshot(t, admin, "ticket-snooze-error")

	tkWaitText(t, admin, `[data-testid="ticket-history"]`, "Ticket snoozed until")
	appClick(t, admin, `[data-testid="unsnooze"]`)
	tkWaitText(t, admin, `[data-testid="ticket-status"]`, "Open")
	tkWaitText(t, admin, `[data-testid="ticket-history"]`, "Ticket unsnoozed")
	apptest.Screenshot(t, admin, "ticket-unsnoozed")
	tkCount(t, admin, `[data-testid="unsnooze"]`, 0)
	var status string
	env.DB.Get(&status, `SELECT status FROM conversations WHERE id = $1`, sleeping.ID)
	if status != storage.StatusOpen {
		t.Fatalf("the ticket is %s after Unsnooze", status)
	}

	// A file that is not an image, on a reply.
	inApp(t, admin, "to choose a file", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SetUploadFiles(chromedp.CSS(`[data-testid="composer-image"]`), []string{textFile(t)}, chromedp.FromNode(frame))
	})
	appClick(t, admin, `[data-testid="composer-send"]`)
	tkWaitText(t, admin, `[data-testid="error-fragment"]`, "This file isn't an image we can send.")
	if title := tkText(t, admin, `[data-testid="error-fragment"] .banner__title`); title != "Check what you entered" {
		t.Fatalf("the banner's title is %q", title)
	}
	apptest.Screenshot(t, admin, "ticket-file-error")

	appClick(t, admin, `[data-testid="ticket-back"]`)
	appClick(t, admin, `[data-testid="inbox-tab-open"]`)
	tkWaitText(t, admin, `[data-testid="inbox-row-name"]`, "Cy Shopper")
}

// textFile writes a text file named like an image, for the composer to refuse.
func textFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "notes.png")
	if err := os.WriteFile(path, []byte("not an image at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
