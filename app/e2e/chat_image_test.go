package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// A shopper sends a photo of a damaged item: a file that is not an image is
// refused with a message saying why, and the text they were typing stays;
// the photo shows in their thread and, live, in the agent's open ticket.
func TestShopperSendsAPhotoTheAgentSeesLive(t *testing.T) {
	t.Parallel()
	e := startShop(t)
	shopper, admin := apptest.Browser(t), apptest.Browser(t)
	e.signIn(t, shopper, "/products/trailhead-merino-hoodie")
	openChat(t, shopper)
	send(t, shopper, "My hoodie arrived torn")
	apptest.Eventually(t, 10*time.Second, "the ticket", func() bool {
		var n int
		return e.DB.Get(&n, `SELECT count(*) FROM conversations WHERE status = 'open'`) == nil && n == 1
	})
	if err := chromedp.Do(admin, chromedp.Navigate(e.Shopify.AppHomeURL())); err != nil {
		t.Fatal(err)
	}
	openTicket(t, admin)
	tkWaitText(t, admin, `[data-testid="ticket-thread"]`, "My hoodie arrived torn")

	// A page renamed .png: the browser calls it an image, hubchat does not.
	fake := filepath.Join(t.TempDir(), "torn.png")
	if err := os.WriteFile(fake, []byte("<html><body>not a photo</body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(shopper,
		chromedp.SetValue(chromedp.CSS(`.hc-input`), "Here is the tear"),
		chromedp.SetUploadFiles(chromedp.CSS(`.hc-composer input[type=file]`), []string{fake}),
	)
	if err != nil {
		t.Fatalf("choose the fake image: %v", err)
	}
	hubText(t, shopper, `.hc-notice`, "isn't an image")
	apptest.Screenshot(t, shopper, "chat-image-refused")
	if typed, err := chromedp.Run(shopper, chromedp.Value(chromedp.CSS(`.hc-input`))); err != nil || typed != "Here is the tear" {
		t.Fatalf("the typed text is %q (%v), want it kept", typed, err)
	}

	// A real photo: in the thread, loaded, and in the agent's ticket live.
	if err := chromedp.Do(shopper, chromedp.SetUploadFiles(chromedp.CSS(`.hc-composer input[type=file]`), []string{testPNG(t)})); err != nil {
		t.Fatalf("choose the photo: %v", err)
	}
	apptest.Eventually(t, 15*time.Second, "the photo in the shopper's thread", func() bool {
		short, cancel := context.WithTimeout(shopper, tryTimeout)
		defer cancel()
		ok, err := chromedp.Run(short, chromedp.Evaluate[bool](
			`[...document.querySelectorAll('.hc-thread .hc-msg--shopper img[src*="/media/"]')].some(i => i.complete && i.naturalWidth === 120)`))
		return err == nil && ok
	})
	if notice, _ := chromedp.Run(shopper, chromedp.TextContent(chromedp.CSS(`.hc-notice`))); strings.TrimSpace(notice) != "" {
		t.Errorf("the notice still says %q after a good photo", notice)
	}
	apptest.Screenshot(t, shopper, "chat-image-sent")
	tkCount(t, admin, `[data-testid="message-image"]`, 1)
	apptest.Screenshot(t, admin, "ticket-shopper-image")
	if err := chromedp.Do(shopper, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	apptest.Screenshot(t, shopper, "chat-image-sent-phone")
}
