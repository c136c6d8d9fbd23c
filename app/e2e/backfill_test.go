package e2e_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
)

// After install the merchant finds, under Settings → Data, how the import
// of the shop's orders and products went.
func TestImportProgressInTheAdmin(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	var orders int
	if err := env.DB.Get(&orders, `SELECT count(*) FROM orders`); err != nil {
		t.Fatal(err)
	}
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/settings")); err != nil {
		t.Fatal(err)
	}
	appClick(t, ctx, `[data-testid="settings-card-data"]`)
	got := appText(t, ctx, `[data-testid="backfill-orders"]`)
	if orders == 0 || !strings.Contains(got, "Imported "+thousands(orders)+" orders") {
		t.Fatalf("orders row %q, %d orders stored", got, orders)
	}
	if got := appText(t, ctx, `[data-testid="backfill-products"]`); !strings.Contains(got, "Imported") {
		t.Fatalf("products row %q", got)
	}
	apptest.Screenshot(t, ctx, "settings-data")
}

// thousands writes n as the page does: 5000 is "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
