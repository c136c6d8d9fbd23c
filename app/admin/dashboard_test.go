package admin_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// Every range is whole days in the shop's zone, today included, both ends
// included, read from the URL alone; a custom range across Auckland's
// daylight-saving change counts exactly its days' conversations.
func TestDashboardRangesAreWholeDaysInTheShopsZone(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	today := time.Now().In(e.zone)
	day := func(back int) string {
		return time.Date(today.Year(), today.Month(), today.Day()-back, 12, 0, 0, 0, e.zone).Format(time.DateOnly)
	}
	for _, c := range []struct{ query, from, to string }{
		{"range=today", day(0), day(0)},
		{"range=7d", day(6), day(0)},
		{"range=30d", day(29), day(0)},
		{"range=90d", day(89), day(0)},
		{"", day(29), day(0)}, // the default
		{"range=custom&from=2026-04-01&to=2026-04-07", "2026-04-01", "2026-04-07"},
	} {
		page := e.page("/app/dashboard?" + c.query)
		if from, to := inputValue(page, "dashboard-from"), inputValue(page, "dashboard-to"); from != c.from || to != c.to {
			t.Errorf("%q: from %s to %s, want %s to %s", c.query, from, to, c.from, c.to)
		}
	}

	// Daylight saving ends in Auckland on 5 April 2026: that day has 25 hours.
	for _, at := range []string{"2026-03-31 23:59:59", "2026-04-01 00:00:00", "2026-04-05 02:30:00",
		"2026-04-05 23:30:00", "2026-04-07 23:59:59", "2026-04-08 00:00:00"} {
		e.ask(e.shopper(""), e.local(at), "Asked at "+at, "", "")
	}
	page := e.page("/app/dashboard?range=custom&from=2026-04-01&to=2026-04-07")
	values, _ := metrics(page)
	if values["volume"] != "4" {
		t.Errorf("volume %q, want 4 (1, 5, 5 and 7 April)", values["volume"])
	}
	if got := dayTotals(page); fmt.Sprint(got) != "[1 0 0 0 2 0 1]" {
		t.Errorf("bars %v, want [1 0 0 0 2 0 1]", got)
	}
	if !strings.Contains(page, "Showing Apr 1 – Apr 7, 2026") {
		t.Error("the page does not name the period")
	}
	// A period with nothing before it has no change to give, not a division by zero.
	empty := e.page("/app/dashboard?range=custom&from=2026-03-01&to=2026-03-07")
	values, changes := metrics(empty)
	for _, key := range []string{"volume", "resolution", "unresolved", "sales"} {
		if changes[key] != "No earlier data to compare with" {
			t.Errorf("%s with nothing before: %q", key, changes[key])
		}
	}
	if values["volume"] != "0" || values["resolution"] != "–" || values["sales"] != "$0.00" {
		t.Errorf("an empty period shows %v", values)
	}
}

// A wrong value in the URL is named in a clear message with status 422,
// and the rest of the page still shows, with the default in its place; a
// value quoted back is escaped.
func TestDashboardNamesBadInputAndStillShows(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	for _, c := range []struct{ query, says string }{
		{"range=custom&from=2026-04-07&to=2026-04-01", "The custom range ends before it starts"},
		{"range=custom&from=2026-02-30&to=2026-04-01", "as dates, such as 2026-06-01"},
		{"range=custom&from=2025-01-01&to=2026-04-01", "up to 366 days; this one covers 456"},
		{"range=custom&from=2026-04-01", "Choose both the first and the last day"},
		{"range=fortnight", "There is no date range “fortnight”."},
		{"range=%3Cscript%3E", "There is no date range “&lt;script&gt;”."},
		{"group=colour", "There is no group-by “colour”."},
		{"status=closed", "There is no status “closed”."},
		{"tag=gossip", "There is no tag “gossip”."},
		{"channel=email", "There is no channel “email”."},
	} {
		resp, page := e.get("/app/dashboard?"+c.query, false)
		if resp.StatusCode != 422 || !strings.Contains(page, c.says) || !strings.Contains(page, `data-testid="dashboard-problems"`) {
			t.Errorf("%q: %d, want 422 saying %q\n%.600s", c.query, resp.StatusCode, c.says, page)
			continue
		}
		if strings.Count(page, `data-testid="metric"`) != 4 || !strings.Contains(page, `data-testid="dashboard-chart"`) ||
			!strings.Contains(page, `id="dashboard-table"`) || strings.Contains(page, "<script>") {
			t.Errorf("%q: the rest of the page is missing or unescaped", c.query)
		}
		for _, part := range []string{"/app/dashboard/overview", "/app/dashboard/rows"} {
			if resp, frag := e.get(part+"?"+c.query, true); resp.StatusCode != 422 || !strings.Contains(frag, c.says) {
				t.Errorf("%s?%s: %d, want 422 saying %q", part, c.query, resp.StatusCode, c.says)
			}
		}
		if resp, _ := e.get("/app/dashboard/export.csv?"+c.query, false); resp.StatusCode != 422 {
			t.Errorf("export?%s: %d, want 422", c.query, resp.StatusCode)
		}
	}
}

// seedWeek gives the shop, in Auckland, a week (1–7 June 2026) and the
// week before of the agent's conversations, as the figures test counts
// them by hand.
func seedWeek(e *dashEnv) (resolvedWithSales, handedOff storage.PostResult) {
	e.t.Helper()
	// The week before: one resolved with a 50.00 sale, one open.
	p := e.shopper("Ana Lopez")
	before := e.ask(p, e.local("2026-05-30 10:00:00"), "Do you ship to Napier?", "Yes, in 2 days.", "shipping")
	e.closeByShopper(before.Conversation.ID)
	e.sell(p, before.Conversation.ID, 701, "50.00", e.local("2026-05-30 12:00:00"))
	e.ask(e.shopper(""), e.local("2026-05-31 09:00:00"), "Hello?", "Hi! How can I help?", "other")
	// The week: resolved with 1,200.50 of sales; handed to the team;
	// answered and still open; resolved on the last evening.
	jane := e.shopper("Jane Cooper")
	resolvedWithSales = e.ask(jane, e.local("2026-06-01 10:00:00"), "Where is my parcel?", "It ships today.", "order_status")
	e.closeByShopper(resolvedWithSales.Conversation.ID)
	e.sell(jane, resolvedWithSales.Conversation.ID, 702, "120.00", e.local("2026-06-01 12:00:00"))
	e.sell(jane, resolvedWithSales.Conversation.ID, 703, "1080.50", e.local("2026-06-01 13:00:00"))
	omar := e.shopper("Omar Haddad")
	handedOff = e.ask(omar, e.local("2026-06-03 08:00:00"), "Refund for order 1004", "", "")
	e.handOff(omar, handedOff, "returns_refunds")
	e.ask(e.shopper(""), e.local("2026-06-03 09:00:00"), "Shipping to Canada?", "Yes, in a week.", "shipping")
	last := e.ask(e.shopper("Li Wei"), e.local("2026-06-07 23:00:00"), "Is the beanie wool?", "Yes, merino.", "product_question")
	e.closeByShopper(last.Conversation.ID)
	return resolvedWithSales, handedOff
}

const weekQuery = "range=custom&from=2026-06-01&to=2026-06-07"

// The four metrics and the chart show storage's figures, which are the
// hand-counted ones, with their changes against the week before; switching
// the group-by redraws the chart and pushes the view's address.
func TestDashboardShowsStoragesFiguresAndSwitchesGroupBy(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	seedWeek(e)
	days, _ := storage.NewDashboardDays(e.zone, e.local("2026-06-01 00:00:00"), e.local("2026-06-07 00:00:00"))
	figures, err := storage.NewDashboard(e.DB).Figures(context.Background(), e.shopID, days)
	if err != nil {
		t.Fatal(err)
	}
	cur, prev := figures.Current, figures.Previous
	if cur.Conversations != 4 || cur.Resolved != 2 || cur.Unresolved != 1 || cur.Sales != "1200.50" ||
		prev.Conversations != 2 || prev.Resolved != 1 || prev.Sales != "50.00" {
		t.Fatalf("storage's figures %+v / %+v differ from the hand counts", cur, prev)
	}
	page := e.page("/app/dashboard?" + weekQuery)
	values, changes := metrics(page)
	want := map[string][2]string{
		"volume":     {"4", "↑ Up 100% from the previous 7 days"},
		"resolution": {"50.0%", "No change from the previous 7 days"},
		"unresolved": {"25.0%", "↑ Up 25 pts from the previous 7 days"},
		"sales":      {"$1,200.50", "↑ Up 2,301% from the previous 7 days"},
	}
	for key, w := range want {
		if values[key] != w[0] || changes[key] != w[1] {
			t.Errorf("%s: %q, %q; want %q, %q", key, values[key], changes[key], w[0], w[1])
		}
	}
	if got := legend(page); fmt.Sprint(got) != "[resolved=2 unresolved=1 open=1]" {
		t.Errorf("status legend %v", got)
	}
	if got := dayTotals(page); fmt.Sprint(got) != "[1 0 2 0 0 0 1]" {
		t.Errorf("bars %v, want [1 0 2 0 0 0 1]", got)
	}
	// The chart is an image with a title and a description, each day
	// focusable with its values, and the same counts as a table.
	for _, part := range []string{`role="img" aria-labelledby="chart-title chart-desc"`, `<title id="chart-title">Conversations started per day, by status</title>`,
		`Jun 1 – Jun 7, 2026: 4 conversations (AI resolved 2, AI unresolved 1, Open 1)`, `aria-label="Jun 3, 2026: 2"`,
		`<summary>Show the chart&#39;s data as a table</summary>`, `<th scope="row">Jun 3, 2026</th><td class="num">0</td><td class="num">1</td><td class="num">1</td><td class="num">2</td>`} {
		if !strings.Contains(page, part) {
			t.Errorf("the chart lacks %s", part)
		}
	}
	if n := strings.Count(page, `class="chart__day" tabindex="0"`); n != 7 {
		t.Errorf("%d focusable days, want 7", n)
	}
	// The export follows the table's filters.
	if _, frag := e.get("/app/dashboard/rows?status=open&q=canada&"+weekQuery, true); !strings.Contains(frag,
		`data-download="/app/dashboard/export.csv?from=2026-06-01&amp;group=status&amp;q=canada&amp;range=custom&amp;status=open&amp;to=2026-06-07"`) {
		t.Error("the export button does not carry the table's filters")
	}

	resp, frag := e.get("/app/dashboard/overview?group=tag&"+weekQuery, true)
	if resp.StatusCode != 200 {
		t.Fatalf("overview: %d", resp.StatusCode)
	}
	if got := legend(frag); fmt.Sprint(got) != "[order_status=1 shipping=1 returns_refunds=1 product_question=1 discounts=0 account=0 other=0 =0]" {
		t.Errorf("tag legend %v", got)
	}
	if !strings.Contains(frag, "Conversations started per day, by tag") || strings.Contains(frag, "<html") {
		t.Error("the overview fragment is not the tag chart alone")
	}
	push := resp.Header.Get("HX-Push-Url")
	for _, part := range []string{"/app/dashboard?", "group=tag", "range=custom", "from=2026-06-01", "embedded=1", "shop=" + e.Shop(), "host=aG9zdA"} {
		if !strings.Contains(push, part) {
			t.Errorf("pushed address %q lacks %q", push, part)
		}
	}
	if strings.Contains(push, "id_token") {
		t.Errorf("pushed address %q keeps a session token", push)
	}
	// A preset's fragment refreshes the custom range's days out of band;
	// a custom range's leaves the fields being typed in alone.
	if _, frag := e.get("/app/dashboard/overview?range=7d", true); !strings.Contains(frag, `hx-swap-oob="outerHTML"`) ||
		inputValue(frag, "dashboard-from") != time.Now().In(e.zone).AddDate(0, 0, -6).Format(time.DateOnly) {
		t.Error("a preset's overview does not refresh the custom range's days")
	}
	if strings.Contains(frag, "hx-swap-oob") {
		t.Error("a custom range's overview replaces the days being typed")
	}
	if _, frag := e.get("/app/dashboard/overview?group=channel&"+weekQuery, true); fmt.Sprint(legend(frag)) != "[web_chat=4 sms=0]" {
		t.Errorf("channel legend %v", legend(frag))
	}
}

// The page shows the agent's state: never on, an explanation and the way
// to turn it on; turned off since, a notice and the figures kept.
func TestDashboardEmptyStateAndAgentTurnedOff(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{NoWorker: true})
	env.Install(t)
	never := (&dashEnv{Env: env, t: t}).page("/app/dashboard")
	if !strings.Contains(never, `data-testid="dashboard-never-on"`) || !strings.Contains(never, `href="/app/settings/ai-agent"`) ||
		strings.Contains(never, `data-testid="metric"`) {
		t.Fatalf("never on: no empty state\n%.1500s", never)
	}

	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	seedWeek(e)
	if on := e.page("/app/dashboard?" + weekQuery); strings.Contains(on, `data-testid="dashboard-agent-off"`) {
		t.Error("the agent is on, yet the page says it is off")
	}
	if _, err := storage.NewAISettings(e.DB, e.Keys, time.Now).Save(context.Background(), storage.AISettings{ShopID: e.shopID,
		Handoff: storage.HandoffInbox}, storage.HelpdeskSecrets{}); err != nil {
		t.Fatal(err)
	}
	off := e.page("/app/dashboard?" + weekQuery)
	values, _ := metrics(off)
	if !strings.Contains(off, `data-testid="dashboard-agent-off"`) || values["volume"] != "4" || len(rowIDs(off)) != 4 {
		t.Fatalf("turned off: notice %v, volume %q, %d rows; want the notice and the figures kept",
			strings.Contains(off, `data-testid="dashboard-agent-off"`), values["volume"], len(rowIDs(off)))
	}
}

// Many requests at once on a pool of three connections all finish.
func TestDashboardConcurrentRequestsOnASmallPool(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{MaxConns: 3})
	seedWeek(e)
	paths := []string{"/app/dashboard?" + weekQuery, "/app/dashboard/overview?group=tag&" + weekQuery,
		"/app/dashboard/rows?q=parcel&" + weekQuery, "/app/dashboard/export.csv?" + weekQuery, "/app/dashboard?range=90d"}
	token := e.SessionToken(t, 9001)
	errs := make(chan error, 40)
	for i := range 40 {
		go func() { errs <- fetchStatus(e.URL+paths[i%len(paths)], token) }()
	}
	for range 40 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// The dashboard's table of one week: statuses, profiles, tags and counts
// as storage has them.
func TestDashboardTableRows(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	seedWeek(e)
	visitor, err := e.profiles.ForVisitor(context.Background(), e.shopID, "visitor-key-dash")
	if err != nil {
		t.Fatal(err)
	}
	e.ask(visitor, e.local("2026-06-05 12:00:00"), "Gift wrapping?", "Yes, at checkout.", "other")
	page := e.page("/app/dashboard?" + weekQuery)
	var got []string
	for _, r := range tableRows(page) {
		got = append(got, strings.Join(r, "|"))
	}
	want := []string{
		"Is the beanie wool?|Li Wei|AI resolved|Product question|2",
		"Gift wrapping?|Anonymous|Open|Other|2",
		"Shipping to Canada?|Anonymous|Open|Shipping|2",
		"Refund for order 1004|Omar Haddad|AI unresolved|Returns and refunds|2",
		"Where is my parcel?|Jane Cooper|AI resolved|Order status|2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(page, "Jun 7, 2026, 11:00 PM") {
		t.Error("last updated is not in the shop's time zone")
	}
}
