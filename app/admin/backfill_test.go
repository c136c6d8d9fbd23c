package admin_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hubchat/app/apptest"
)

func TestDataPageShowsTheImportsProgress(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	if resp, page := get(t, env, "/app/settings/data"); resp.StatusCode != 200 || !strings.Contains(page, `data-testid="backfill"`) {
		t.Fatalf("before the import: %d\n%.2000s", resp.StatusCode, page)
	}
	env.WaitForJobs(t) // the install queued the import of orders and products

	var orders, products int
	if err := env.DB.Get(&orders, `SELECT count(*) FROM orders`); err != nil {
		t.Fatal(err)
	}
	if err := env.DB.Get(&products, `SELECT count(*) FROM products`); err != nil {
		t.Fatal(err)
	}
	if orders == 0 || products == 0 {
		t.Fatalf("the demo shop's import saved %d orders and %d products", orders, products)
	}
	_, page := get(t, env, "/app/settings/data")
	for _, want := range []string{
		`data-testid="backfill-orders" data-status="done"`,
		`data-testid="backfill-products" data-status="done"`,
		"Imported " + thousands(orders) + " orders",
		"Imported " + thousands(products) + " products",
		`aria-current="page"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q:\n%.3000s", want, page)
		}
	}

	// A running import estimates its total from the share of the 60 days
	// its orders so far cover: 15 of 60 days with 1,250 orders is ~5,000.
	if _, err := env.DB.Exec(`UPDATE backfills SET status = 'running', fetched = 1250, since = now() - interval '60 days',
		last_updated_at = now() - interval '45 days', last_error = 'Shopify answered 502' WHERE resource = 'orders'`); err != nil {
		t.Fatal(err)
	}
	_, page = get(t, env, "/app/settings/data")
	if !regexp.MustCompile(`Importing orders: 1,250 of ~(4,99\d|5,00\d)`).MatchString(page) ||
		!strings.Contains(page, "Retrying after: Shopify answered 502") || !strings.Contains(page, `data-status="running"`) {
		t.Fatalf("a running import:\n%.3000s", page)
	}

	// A failed import says why, as text.
	if _, err := env.DB.Exec(`UPDATE backfills SET status = 'failed', last_error = '<script>alert(1)</script> token revoked'
		WHERE resource = 'orders'`); err != nil {
		t.Fatal(err)
	}
	_, page = get(t, env, "/app/settings/data")
	if !strings.Contains(page, `data-status="failed"`) || !strings.Contains(page, "Failed: &lt;script&gt;alert(1)&lt;/script&gt; token revoked") {
		t.Fatalf("the failure is not shown as text:\n%.3000s", page)
	}
}

// thousands writes n as the page does, 5000 as "5,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
