package e2e_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// dashSeed gives the demo shop, in Auckland, the AI agent's conversations
// of several days, channels, statuses and tags: today two (one about a
// parcel), three days ago three (one handed to the team, one by SMS),
// twenty days ago two, sixty days ago one.
func dashSeed(t *testing.T, env *apptest.Env) {
	t.Helper()
	ctx := context.Background()
	var shopID int64
	if err := env.DB.Get(&shopID, `SELECT id FROM shops WHERE domain = $1`, env.Shop()); err != nil {
		t.Fatal(err)
	}
	env.DB.MustExec(`UPDATE shops SET iana_timezone = 'Pacific/Auckland', currency = 'NZD' WHERE id = $1`, shopID)
	zone, _ := time.LoadLocation("Pacific/Auckland")
	today := time.Now().In(zone)
	var now time.Time
	clock := func() time.Time { return now }
	convs, profiles := storage.NewConversations(env.DB, clock), storage.NewProfiles(env.DB, clock)
	n := 0
	var lastProfile int64
	ask := func(daysAgo int, name, question, reply, tag string) storage.PostResult {
		n++
		now = time.Date(today.Year(), today.Month(), today.Day()-daysAgo, 0, 10+n, 0, 0, zone)
		p, err := profiles.ForCustomer(ctx, shopID, int64(40000+n))
		if err != nil {
			t.Fatal(err)
		}
		lastProfile = p.ID
		first, last, _ := strings.Cut(name, " ")
		profiles.UpdateDetails(ctx, shopID, p.ID, storage.CustomerDetails{FirstName: first, LastName: last})
		res, err := convs.PostFromShopper(ctx, shopID, p.ID, storage.ShopperPost{ClientID: fmt.Sprintf("e1000000-0000-4000-8000-%012d", n),
			Body: question, Preview: question, AIAnswers: true, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if reply != "" {
			if _, err := convs.RecordAIReply(ctx, shopID, res.Conversation.ID, storage.AIReply{ReplyTo: res.Message.ID, Body: reply, Preview: reply, Tag: tag}); err != nil {
				t.Fatal(err)
			}
		}
		return res
	}
	ask(0, "Jane Cooper", "Where is my parcel?", "It ships today.", "order_status")
	ask(0, "Ana Lopez", "Do you gift wrap?", "Yes, at checkout.", "other")
	resolved := ask(3, "Li Wei", "Do you ship to Napier?", "Yes, in two days.", "shipping")
	if _, err := convs.Close(ctx, shopID, resolved.Conversation.ID, "shopper"); err != nil {
		t.Fatal(err)
	}
	handed := ask(3, "Omar Haddad", "Refund for order 1004", "", "")
	if _, err := convs.RecordAIReply(ctx, shopID, handed.Conversation.ID, storage.AIReply{ReplyTo: handed.Message.ID,
		Body: "Would you like to talk to a person?", Preview: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer, Tag: "returns_refunds"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := convs.AnswerHandoffOffer(ctx, shopID, lastProfile, handed.Conversation.ID, storage.HandoffAnswer{Accept: true}); err != nil {
		t.Fatal(err)
	}
	sms := ask(3, "Kim Lee", "Are the hats warm?", "Yes, merino.", "product_question")
	env.DB.MustExec(`UPDATE conversations SET channel = 'sms' WHERE id = $1`, sms.Conversation.ID)
	ask(20, "Sam Park", "Discount for students?", "Yes, 10%.", "discounts")
	ask(20, "Lea Roux", "Change my email", "In your account page.", "account")
	ask(60, "Ben Ode", "Do you sell gift cards?", "Yes.", "product_question")
}

// appKeys focuses sel in the app's page and presses keys, as a keyboard
// user changes a select.
func appKeys(t *testing.T, ctx context.Context, sel, keys string) {
	t.Helper()
	inApp(t, ctx, "to press keys in "+sel, func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.SendKeys(chromedp.CSS(sel), keys, chromedp.FromNode(frame))
	})
}

// appTexts are the texts of the elements with the test id in the app's
// container, each element ending at its first closing tag: the page's
// HTML is read at once, so the list is one moment's.
func appTexts(t *testing.T, ctx context.Context, container, testID, tag string) []string {
	t.Helper()
	page := inApp(t, ctx, "the app's "+container, func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.OuterHTML(chromedp.CSS(container), chromedp.FromNode(frame))
	})
	re := regexp.MustCompile(`(?s)data-testid="` + testID + `"[^>]*>(.*?)</` + tag + `>`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out = append(out, plainText(m[1]))
	}
	return out
}

var markup = regexp.MustCompile(`<[^>]*>`)

// plainText is HTML's text, its spaces collapsed.
func plainText(s string) string {
	return html.UnescapeString(strings.Join(strings.Fields(markup.ReplaceAllString(s, " ")), " "))
}

// waitTexts waits until appTexts are want.
func waitTexts(t *testing.T, ctx context.Context, container, testID, tag string, want []string) {
	t.Helper()
	var got []string
	apptest.Eventually(t, 15*time.Second, fmt.Sprintf("%s to read %v", testID, want), func() bool {
		got = appTexts(t, ctx, container, testID, tag)
		return slices.Equal(got, want)
	})
}

// tableCells are the table's rows, each as its first five cells' texts.
func tableCells(t *testing.T, ctx context.Context) [][]string {
	t.Helper()
	var out [][]string
	cell := regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`)
	page := inApp(t, ctx, "the table", func(frame *chromedp.Node) chromedp.Action[string] {
		return chromedp.OuterHTML(chromedp.CSS("#dashboard-table"), chromedp.FromNode(frame))
	})
	for _, tr := range regexp.MustCompile(`(?s)data-testid="dashboard-row"[^>]*>(.*?)</tr>`).FindAllStringSubmatch(page, -1) {
		var cells []string
		for _, m := range cell.FindAllStringSubmatch(tr[1], 5) {
			cells = append(cells, plainText(m[1]))
		}
		out = append(out, cells)
	}
	return out
}

// The merchant reads the dashboard: a range and a group-by change the
// metrics and the chart in place; search and filters narrow the table; the
// export holds the table's rows; a row opens its thread.
func TestMerchantReadsTheDashboard(t *testing.T) {
	t.Parallel()
	env := apptest.Start(t, apptest.Options{NoWorker: true})
	env.Install(t)
	env.TurnOnAIAgent(t)
	dashSeed(t, env)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(env.Shopify.AppHomeURL()+"/dashboard?range=7d")); err != nil {
		t.Fatal(err)
	}
	waitTexts(t, ctx, `[data-metric="volume"]`, "metric-value", "p", []string{"5"})
	appCount(t, ctx, `[data-testid="chart-day"]`, 7)
	waitTexts(t, ctx, `[data-testid="chart-legend"]`, "legend-item", "li", []string{"AI resolved 1", "AI unresolved 1", "Open 3"})
	apptest.Screenshot(t, ctx, "dashboard-1280")

	// Range: Last 7 days → Last 30 days, by keyboard.
	appKeys(t, ctx, `#dash-range`, kb.ArrowDown)
	waitTexts(t, ctx, `[data-metric="volume"]`, "metric-value", "p", []string{"7"})
	appCount(t, ctx, `[data-testid="chart-day"]`, 30)
	// Group-by: Status → Channel → Tag.
	appKeys(t, ctx, `#dash-group`, kb.ArrowDown)
	waitTexts(t, ctx, `[data-testid="chart-legend"]`, "legend-item", "li", []string{"Web chat 6", "SMS 1"})
	appKeys(t, ctx, `#dash-group`, kb.ArrowDown)
	waitTexts(t, ctx, `[data-testid="chart-legend"]`, "legend-item", "li", []string{"Order status 1", "Shipping 1", "Returns and refunds 1",
		"Product question 1", "Discounts 1", "Account 1", "Other 1", "Not tagged 0"})
	appCount(t, ctx, `[data-testid="dashboard-row"]`, 7)

	// A day's values show on keyboard focus.
	inApp(t, ctx, "to focus the last day", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Focus(chromedp.CSS(`[data-testid="chart-day"]:last-of-type`), chromedp.FromNode(frame))
	})
	apptest.Screenshot(t, ctx, "dashboard-chart-focus")

	// Search, then a filter, narrow the table without a reload.
	tkType(t, ctx, `#dash-search`, "parcel")
	waitTexts(t, ctx, "#dashboard-table", "dashboard-row-link", "a", []string{"Where is my parcel?"})
	appKeys(t, ctx, `#dash-search`, strings.Repeat(kb.Backspace, len("parcel")))
	appCount(t, ctx, `[data-testid="dashboard-row"]`, 7)
	appKeys(t, ctx, `#dash-status`, kb.ArrowDown+kb.ArrowDown) // All → AI resolved → AI unresolved
	waitTexts(t, ctx, "#dashboard-table", "dashboard-row-link", "a", []string{"Refund for order 1004"})
	appKeys(t, ctx, `#dash-status`, kb.ArrowDown) // → Open
	waitTexts(t, ctx, "#dashboard-table", "dashboard-row-link", "a", []string{"Do you gift wrap?", "Where is my parcel?",
		"Are the hats warm?", "Change my email", "Discount for students?"})
	if n := strings.Count(env.Logs.String(), "path=/app/dashboard status="); n != 1 {
		t.Errorf("the page loaded %d times; the changes should have reloaded parts only", n)
	}

	// The export, fetched from the page's link with a session token as the
	// page's own download does, holds the table's rows.
	table := tableCells(t, ctx)
	link := inApp(t, ctx, "the export link", func(frame *chromedp.Node) chromedp.Action[chromedp.AttributeResult] {
		return chromedp.AttributeValue(chromedp.CSS(`[data-testid="dashboard-export"]`), "data-download", chromedp.FromNode(frame))
	}).Value
	var exported [][]string
	for _, row := range fetchCSV(t, env, link)[1:] {
		exported = append(exported, row[:5])
	}
	if fmt.Sprint(exported) != fmt.Sprint(table) || len(table) != 5 {
		t.Errorf("the export %v\nis not the table %v", exported, table)
	}
	appClick(t, ctx, `[data-testid="dashboard-export"]`)
	apptest.Eventually(t, 10*time.Second, "the page's download", func() bool {
		return strings.Contains(env.Logs.String(), "path=/app/dashboard/export.csv status=200")
	})

	// At 768 px the cards wrap and the table scrolls inside its card.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(768, 1000)); err != nil {
		t.Fatal(err)
	}
	appScroll(t, ctx, `[data-testid="dashboard-range"]`)
	apptest.Screenshot(t, ctx, "dashboard-768")
	appScroll(t, ctx, `[data-testid="dashboard-chart"]`)
	apptest.Screenshot(t, ctx, "dashboard-768-chart")
	inApp(t, ctx, "to focus the table", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.Focus(chromedp.CSS(`#dashboard-table .table-scroll`), chromedp.FromNode(frame)) // a focused region scrolls into view
	})
	apptest.Screenshot(t, ctx, "dashboard-768-table")
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}

	// Ninety days keep thin bars and sparse dates, and the filters kept.
	appKeys(t, ctx, `#dash-range`, kb.ArrowDown)
	waitTexts(t, ctx, `[data-metric="volume"]`, "metric-value", "p", []string{"8"})
	appCount(t, ctx, `[data-testid="chart-day"]`, 90)
	appCount(t, ctx, `[data-testid="dashboard-row"]`, 6) // the open ones, one more from sixty days ago
	appScroll(t, ctx, `[data-testid="dashboard-chart"]`)
	apptest.Screenshot(t, ctx, "dashboard-90-days")
	// A custom range starts from the days shown, and its days are keyboard fields.
	overviews := strings.Count(env.Logs.String(), "path=/app/dashboard/overview status=200")
	appKeys(t, ctx, `#dash-range`, kb.ArrowDown)
	apptest.Eventually(t, 10*time.Second, "the custom range's overview", func() bool {
		return strings.Count(env.Logs.String(), "path=/app/dashboard/overview status=200") > overviews
	})
	zone, _ := time.LoadLocation("Pacific/Auckland")
	today := time.Now().In(zone)
	if from := tkValue(t, ctx, `#dash-from`); from != time.Date(today.Year(), today.Month(), today.Day()-89, 12, 0, 0, 0, zone).Format(time.DateOnly) {
		t.Errorf("the custom range starts on %s, not the first of the 90 days shown", from)
	}
	inApp(t, ctx, "the custom range's first day to show", func(frame *chromedp.Node) chromedp.Action[chromedp.Void] {
		return chromedp.WaitVisible(chromedp.CSS(`#dash-from`), chromedp.FromNode(frame))
	})

	// A row opens its thread, read-only, with the way to the inbox ticket.
	appKeys(t, ctx, `#dash-status`, kb.ArrowUp) // → AI unresolved
	waitTexts(t, ctx, "#dashboard-table", "dashboard-row-link", "a", []string{"Refund for order 1004"})
	appClick(t, ctx, `[data-testid="dashboard-row-link"]`)
	appText(t, ctx, `[data-testid="dashboard-thread"]`)
	waitTexts(t, ctx, `[data-testid="ticket-thread"]`, "message-body", "div", []string{"Refund for order 1004", "Would you like to talk to a person?"})
	appText(t, ctx, `[data-testid="dashboard-ticket-link"]`)
	apptest.Screenshot(t, ctx, "dashboard-thread")
}

// fetchCSV fetches the export at path with a staff member's session token,
// as App Bridge's fetch sends it, and reads it.
func fetchCSV(t *testing.T, env *apptest.Env, path string) [][]string {
	t.Helper()
	req, _ := http.NewRequest("GET", env.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+env.SessionToken(t, 9001))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("export: %d %v\n%.500s", resp.StatusCode, err, body)
	}
	return rows
}
