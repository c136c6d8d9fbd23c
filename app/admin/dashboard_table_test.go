package admin_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/app/admin"
	"hubchat/app/apptest"
	"hubchat/storage"
)

var (
	rowCellRe = regexp.MustCompile(`(?s)data-testid="dashboard-row-link">(.*?)</a>.*?data-testid="dashboard-row-profile">(.*?)</td>.*?` +
		`data-testid="dashboard-row-status">(.*?)</span>.*?data-testid="dashboard-row-tag">(.*?)</td>.*?data-testid="dashboard-row-messages">(.*?)</td>`)
	nextRe  = regexp.MustCompile(`hx-get="([^"]*)"[^>]*data-testid="dashboard-next"`)
	linkRe  = regexp.MustCompile(`href="([^"]*)" data-testid="dashboard-row-link"`)
	emptyRe = regexp.MustCompile(`(?s)data-testid="dashboard-table-empty">(.*?)</p>`)
)

// tableRows are the table's rows as a person reads them: first question,
// profile, status, tag, messages.
func tableRows(page string) [][]string {
	var out [][]string
	for _, m := range rowCellRe.FindAllStringSubmatch(page, -1) {
		var row []string
		for _, cell := range m[1:] {
			row = append(row, html.UnescapeString(strings.Join(strings.Fields(tagRe.ReplaceAllString(cell, "")), " ")))
		}
		out = append(out, row)
	}
	return out
}

func fetchStatus(url, token string) error {
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("GET %s: %d", url, resp.StatusCode)
	}
	return nil
}

// seedMany adds n answered, open conversations on 2 June, a minute apart,
// each asking "Question number i".
func seedMany(e *dashEnv, n int) {
	e.t.Helper()
	for i := range n {
		e.ask(e.shopper(fmt.Sprintf("Shopper %02d", i)), e.local(fmt.Sprintf("2026-06-02 10:%02d:00", i)),
			fmt.Sprintf("Question number %d", i), "An answer", "other")
	}
}

// Search and filters narrow the table, each in the URL pushed; pages
// follow by keyset, none repeated or skipped; an empty result says so.
func TestDashboardTableFiltersSearchAndPages(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	_, handedOff := seedWeek(e)
	seedMany(e, 26)

	first := e.page("/app/dashboard?" + weekQuery)
	page1 := rowIDs(first)
	next := nextRe.FindStringSubmatch(first)
	if len(page1) != 25 || next == nil {
		t.Fatalf("first page: %d rows, next %v; want 25 and a next page", len(page1), next)
	}
	resp, second := e.get(html.UnescapeString(next[1]), true)
	page2 := rowIDs(second)
	if resp.StatusCode != 200 || len(page2) != 5 || nextRe.MatchString(second) || !strings.Contains(second, `data-testid="dashboard-first"`) {
		t.Fatalf("second page: %d, %d rows; want the last 5 and a way back to the first", resp.StatusCode, len(page2))
	}
	if push := resp.Header.Get("HX-Push-Url"); !strings.Contains(push, "after=") {
		t.Errorf("the page's cursor is not in the pushed address %q", push)
	}
	rows, err := storage.NewDashboard(e.DB).Conversations(context.Background(), e.shopID, storage.DashboardFilter{Days: weekDays(e), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, fmt.Sprint(r.ID))
	}
	if got := append(slices.Clone(page1), page2...); !slices.Equal(got, all) {
		t.Errorf("the two pages %v\nare not the table %v", got, all)
	}

	for _, c := range []struct {
		query string
		want  []int64
		empty string
	}{
		{query: "status=unresolved", want: []int64{handedOff.Conversation.ID}},
		{query: "tag=returns_refunds&channel=web_chat", want: []int64{handedOff.Conversation.ID}},
		{query: "q=refund", want: []int64{handedOff.Conversation.ID}},
		{query: "channel=sms", empty: "No conversations in this period match these filters."},
		{query: "q=zeppelin", empty: "No conversations in this period match “zeppelin”."},
	} {
		resp, frag := e.get("/app/dashboard/rows?"+c.query+"&"+weekQuery, true)
		var want []string
		for _, id := range c.want {
			want = append(want, fmt.Sprint(id))
		}
		got := rowIDs(frag)
		if resp.StatusCode != 200 || !slices.Equal(got, want) {
			t.Errorf("%s: %d %v, want %v", c.query, resp.StatusCode, got, want)
		}
		if m := emptyRe.FindStringSubmatch(frag); c.empty != "" && (m == nil || strings.TrimSpace(html.UnescapeString(m[1])) != c.empty) {
			t.Errorf("%s: empty message %v, want %q", c.query, m, c.empty)
		}
		if push := resp.Header.Get("HX-Push-Url"); !strings.Contains(push, strings.Split(c.query, "&")[0]) {
			t.Errorf("%s: pushed address %q lacks the filter", c.query, push)
		}
		// The page drawn from that address alone shows the same rows.
		if page := e.page("/app/dashboard?" + c.query + "&" + weekQuery); !slices.Equal(rowIDs(page), want) {
			t.Errorf("%s: the bookmarked page shows %v, want %v", c.query, rowIDs(page), want)
		}
	}
}

func weekDays(e *dashEnv) storage.DashboardDays {
	days, _ := storage.NewDashboardDays(e.zone, e.local("2026-06-01 00:00:00"), e.local("2026-06-07 00:00:00"))
	return days
}

// The export holds every row of the filtered table, over all its pages and
// over several of its own reads, in the table's columns and words.
func TestDashboardExportEqualsTheTableAcrossPages(t *testing.T) {
	defer admin.SetExportPage(7)()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	seedWeek(e)
	seedMany(e, 26)
	for _, query := range []string{weekQuery, "status=open&" + weekQuery} {
		var table [][]string
		page := e.page("/app/dashboard?" + query)
		for {
			table = append(table, tableRows(page)...)
			next := nextRe.FindStringSubmatch(page)
			if next == nil {
				break
			}
			_, page = e.get(html.UnescapeString(next[1]), true)
		}
		exported := e.csvRows(query)
		if !slices.Equal(exported[0], []string{"First question", "Profile", "Status", "Tag", "Messages", "Last updated"}) {
			t.Errorf("header %v", exported[0])
		}
		if len(exported)-1 != len(table) || len(table) < 26 {
			t.Fatalf("%s: %d rows exported, the table has %d", query, len(exported)-1, len(table))
		}
		for i, row := range table {
			if got := exported[i+1][:5]; !slices.Equal(got, row) {
				t.Errorf("%s: row %d exported %v, table %v", query, i, got, row)
			}
		}
	}
}

// A shopper's words show as text on the page and the thread; in the
// export, a cell a spreadsheet would run as a formula starts with '.
func TestDashboardEscapesShopperTextAndGuardsFormulas(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	questions := []string{`<script>alert(1)</script>`, `=HYPERLINK("http://evil.example","x")`, "+1 for shipping", "-5 off?", "@SUM(A1)", "\tTabbed"}
	var scripted int64
	for i, q := range questions {
		res := e.ask(e.shopper(""), e.local(fmt.Sprintf("2026-06-02 10:%02d:00", i)), q, "An answer", "other")
		if i == 0 {
			scripted = res.Conversation.ID
		}
	}
	e.ask(e.shopper("=cmd Shopper"), e.local("2026-06-02 11:00:00"), "Hello", "Hi", "other")
	page := e.page("/app/dashboard?" + weekQuery)
	if strings.Contains(page, "<script>alert(1)") || !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("a first question with a script tag is not shown as text")
	}
	thread := e.page(fmt.Sprintf("/app/dashboard/conversations/%d", scripted))
	if strings.Contains(thread, "<script>alert(1)") || !strings.Contains(thread, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the thread does not show the script tag as text")
	}
	cells := map[string]bool{}
	for _, row := range e.csvRows(weekQuery)[1:] {
		cells[row[0]], cells[row[1]] = true, true
	}
	for _, want := range []string{`<script>alert(1)</script>`, `'=HYPERLINK("http://evil.example","x")`, "'+1 for shipping", "'-5 off?",
		"'@SUM(A1)", "'\tTabbed", "'=cmd Shopper", "Hello"} {
		if !cells[want] {
			t.Errorf("the export has no cell %q", want)
		}
	}
}

// A row opens its whole thread read-only, with the inbox ticket's link
// when the team has it; another shop's conversation, or one the agent
// never had, is not found.
func TestDashboardThreadIsReadOnlyAndScoped(t *testing.T) {
	t.Parallel()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	resolved, handedOff := seedWeek(e)
	p := e.shopper("Kim Lee")
	carded := e.ask(p, e.local("2026-06-04 10:00:00"), "Warm hats?", "", "")
	e.reply(carded, storage.AIReply{Body: "These are warm:", Tag: "product_question",
		Cards: []storage.Card{{ProductID: 5, Title: "Merino Beanie", Price: "35.00", Currency: "NZD"}}})

	page := e.page("/app/dashboard?" + weekQuery + "&status=unresolved")
	link := linkRe.FindStringSubmatch(page)
	if link == nil {
		t.Fatal("no row links to its thread")
	}
	thread := e.page(html.UnescapeString(link[1]))
	if !strings.Contains(thread, "Refund for order 1004") || !strings.Contains(thread, "Would you like to talk to a person?") ||
		!strings.Contains(thread, fmt.Sprintf(`href="/app/tickets/%d" data-testid="dashboard-ticket-link"`, handedOff.Conversation.ID)) {
		t.Errorf("the handed-off thread lacks its messages or the ticket's link\n%.3000s", thread)
	}
	if strings.Contains(thread, `data-testid="composer"`) || strings.Contains(thread, "hx-post") || strings.Contains(thread, "<form") {
		t.Error("the thread is not read-only")
	}
	if !strings.Contains(thread, `href="/app/dashboard?`) || !strings.Contains(thread, "status=unresolved") {
		t.Error("the way back does not return to the view the row was in")
	}
	if own := e.page(fmt.Sprintf("/app/dashboard/conversations/%d", resolved.Conversation.ID)); strings.Contains(own, "dashboard-ticket-link") {
		t.Error("a conversation the agent resolved links to a ticket")
	}
	if cards := e.page(fmt.Sprintf("/app/dashboard/conversations/%d", carded.Conversation.ID)); !strings.Contains(cards, "Merino Beanie") {
		t.Error("the thread does not show the product card")
	}

	team := e.shopper("Team Only")
	res, err := e.convs.PostFromShopper(context.Background(), e.shopID, team.ID, storage.ShopperPost{
		ClientID: "f0000000-0000-4000-8000-000000000001", Body: "For the team", Preview: "For the team"})
	if err != nil {
		t.Fatal(err)
	}
	other := otherShopConversation(e)
	for _, id := range []int64{res.Conversation.ID, other, 999999, 0} {
		if resp, _ := e.get(fmt.Sprintf("/app/dashboard/conversations/%d", id), false); resp.StatusCode != 404 {
			t.Errorf("conversation %d: %d, want 404", id, resp.StatusCode)
		}
	}
}

// otherShopConversation is a conversation of the agent of another shop.
func otherShopConversation(e *dashEnv) int64 {
	e.t.Helper()
	ctx := context.Background()
	other, err := storage.NewShops(e.DB, e.Keys, time.Now).Install(ctx, "other-dash.myshopify.com", storage.OfflineToken{AccessToken: "shpat_other"})
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := e.profiles.ForCustomer(ctx, other.ID, 1)
	if err != nil {
		e.t.Fatal(err)
	}
	res, err := e.convs.PostFromShopper(ctx, other.ID, p.ID, storage.ShopperPost{
		ClientID: "f0000000-0000-4000-8000-000000000002", Body: "Theirs", Preview: "Theirs", AIAnswers: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return res.Conversation.ID
}

// An export past its bound is refused in words, naming what to do, rather
// than built whole in memory past the request's deadline.
func TestDashboardExportRefusesPastItsBound(t *testing.T) {
	defer admin.SetExportPage(7)()
	defer admin.SetMaxExportRows(20)()
	e := startDashboard(t, "Pacific/Auckland", apptest.Options{})
	seedMany(e, 26)
	resp, body := e.get("/app/dashboard/export.csv?"+weekQuery, false)
	if resp.StatusCode != 422 || !strings.Contains(body, "more than 20 conversations") || strings.Contains(resp.Header.Get("Content-Type"), "csv") {
		t.Fatalf("export past the bound: %d %s\n%.500s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if rows := e.csvRows("q=number+1&" + weekQuery); len(rows) < 2 || len(rows)-1 > 20 {
		t.Fatalf("a searched export within the bound: %d rows", len(rows)-1)
	}
}
