package admin_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// dashEnv is the app with the demo shop installed in a time zone, its AI
// agent turned on, and a clock of its own for the conversations it seeds.
// No worker runs: the agent's answers are the ones the test records.
type dashEnv struct {
	*apptest.Env
	t        *testing.T
	shopID   int64
	zone     *time.Location
	now      time.Time
	convs    *storage.Conversations
	profiles *storage.Profiles
	customer int64 // the last shopper's customer id
}

func startDashboard(t *testing.T, zone string, opts apptest.Options) *dashEnv {
	t.Helper()
	opts.NoWorker = true
	env := apptest.Start(t, opts)
	env.Install(t)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	e := &dashEnv{Env: env, t: t, zone: loc, now: time.Now(), customer: 30000}
	clock := func() time.Time { return e.now }
	e.convs, e.profiles = storage.NewConversations(env.DB, clock), storage.NewProfiles(env.DB, clock)
	if err := env.DB.Get(&e.shopID, `SELECT id FROM shops WHERE domain = $1`, env.Shop()); err != nil {
		t.Fatal(err)
	}
	env.DB.MustExec(`UPDATE shops SET iana_timezone = $2, currency = 'NZD' WHERE id = $1`, e.shopID, zone)
	env.TurnOnAIAgent(t)
	return e
}

// local is a wall-clock time in the shop's zone.
func (e *dashEnv) local(s string) time.Time {
	at, err := time.ParseInLocation("2006-01-02 15:04:05", s, e.zone)
	if err != nil {
		e.t.Fatal(err)
	}
	return at
}

// shopper is a new customer of the shop, named name ("" for none).
func (e *dashEnv) shopper(name string) storage.Profile {
	e.t.Helper()
	e.customer++
	p, err := e.profiles.ForCustomer(context.Background(), e.shopID, e.customer)
	if err != nil {
		e.t.Fatal(err)
	}
	if name != "" {
		first, last, _ := strings.Cut(name, " ")
		e.profiles.UpdateDetails(context.Background(), e.shopID, p.ID, storage.CustomerDetails{FirstName: first, LastName: last})
	}
	return p
}

// dashPosts numbers the posts of every test, which may run at once.
var dashPosts atomic.Int64

// ask has shopper p ask the AI agent body at the instant at; the agent
// answers reply tagged tag unless reply is "".
func (e *dashEnv) ask(p storage.Profile, at time.Time, body, reply, tag string) storage.PostResult {
	e.t.Helper()
	e.now = at
	res, err := e.convs.PostFromShopper(context.Background(), e.shopID, p.ID, storage.ShopperPost{
		ClientID: fmt.Sprintf("d0000000-0000-4000-8000-%012d", dashPosts.Add(1)), Body: body, Preview: body, AIAnswers: true, Language: "en"})
	if err != nil {
		e.t.Fatal(err)
	}
	if reply != "" {
		e.reply(res, storage.AIReply{Body: reply, Tag: tag})
	}
	return res
}

func (e *dashEnv) reply(res storage.PostResult, r storage.AIReply) {
	e.t.Helper()
	r.ReplyTo, r.Preview = res.Message.ID, r.Body
	if _, err := e.convs.RecordAIReply(context.Background(), e.shopID, res.Conversation.ID, r); err != nil {
		e.t.Fatal(err)
	}
}

func (e *dashEnv) closeByShopper(id int64) {
	e.t.Helper()
	if _, err := e.convs.Close(context.Background(), e.shopID, id, "shopper"); err != nil {
		e.t.Fatal(err)
	}
}

// handOff has the agent offer a person and the shopper say Yes: an inbox
// ticket, AI unresolved.
func (e *dashEnv) handOff(p storage.Profile, res storage.PostResult, tag string) {
	e.t.Helper()
	e.reply(res, storage.AIReply{Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer, Tag: tag})
	if _, _, err := e.convs.AnswerHandoffOffer(context.Background(), e.shopID, p.ID, res.Conversation.ID, storage.HandoffAnswer{Accept: true}); err != nil {
		e.t.Fatal(err)
	}
}

// sell credits an order of the shopper's, placed at placed, to conv
// through a product-card click an hour before.
func (e *dashEnv) sell(p storage.Profile, conv, orderID int64, total string, placed time.Time) {
	e.t.Helper()
	ctx, clock := context.Background(), func() time.Time { return e.now }
	attribution := storage.NewAttribution(e.DB, clock)
	if _, err := attribution.RecordClick(ctx, e.shopID, storage.ProductClick{ConversationID: conv, ProductID: 9, ClickedAt: placed.Add(-time.Hour)}); err != nil {
		e.t.Fatal(err)
	}
	o := storage.Order{ShopifyID: orderID, Name: fmt.Sprintf("#%d", orderID), CustomerID: e.customerOf(p), Total: total,
		Currency: "NZD", CreatedAt: placed, UpdatedAt: placed}
	if _, err := storage.NewOrders(e.DB, clock).Save(ctx, e.shopID, o); err != nil {
		e.t.Fatal(err)
	}
	if err := attribution.AttributeOrder(ctx, e.shopID, orderID); err != nil {
		e.t.Fatal(err)
	}
}

func (e *dashEnv) customerOf(p storage.Profile) int64 {
	if p.ShopifyCustomerID == nil {
		e.t.Fatal("an anonymous shopper places no order")
	}
	return *p.ShopifyCustomerID
}

// get loads path as a page (htmx false) or as htmx asks for a fragment.
func (e *dashEnv) get(path string, htmx bool) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+e.SessionToken(e.t, 9001))
	if htmx {
		req.Header.Set("HX-Request", "true")
		req.Header.Set("HX-Current-URL", e.URL+"/app/dashboard?embedded=1&shop="+e.Shop()+"&host=aG9zdA&id_token=old")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// page loads path as a page and fails unless it is 200.
func (e *dashEnv) page(path string) string {
	e.t.Helper()
	resp, body := e.get(path, false)
	if resp.StatusCode != 200 {
		e.t.Fatalf("GET %s: %d\n%.2000s", path, resp.StatusCode, body)
	}
	return body
}

// csvRows downloads the export of query and reads it, header first.
func (e *dashEnv) csvRows(query string) [][]string {
	e.t.Helper()
	resp, body := e.get("/app/dashboard/export.csv?"+query, false)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		e.t.Fatalf("export: %d %s %s\n%.500s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), body)
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		e.t.Fatalf("export is not CSV: %v\n%.500s", err, body)
	}
	return rows
}

var (
	metricRe     = regexp.MustCompile(`(?s)data-metric="([a-z]+)">.*?data-testid="metric-value">([^<]*)<.*?data-testid="metric-change">(.*?)</p>`)
	rowIDRe      = regexp.MustCompile(`data-testid="dashboard-row" data-conversation="(\d+)"`)
	legendRe     = regexp.MustCompile(`(?s)data-series="([a-z_]*)">.*?data-testid="legend-total">(\d+)<`)
	dayTotalRe   = regexp.MustCompile(`data-testid="chart-day" data-total="(\d+)"`)
	inputValueRe = func(testID string) *regexp.Regexp {
		return regexp.MustCompile(`value="([^"]*)"[^>]*data-testid="` + testID + `"`)
	}
	tagRe = regexp.MustCompile(`<[^>]+>`)
)

// metrics reads the metric cards: key → value, and key → change.
func metrics(page string) (values, changes map[string]string) {
	values, changes = map[string]string{}, map[string]string{}
	for _, m := range metricRe.FindAllStringSubmatch(page, -1) {
		values[m[1]] = m[2]
		changes[m[1]] = strings.Join(strings.Fields(tagRe.ReplaceAllString(m[3], "")), " ")
	}
	return values, changes
}

// rowIDs are the conversations of a table, in order.
func rowIDs(page string) []string {
	var out []string
	for _, m := range rowIDRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// legend is the chart's legend: "value=total" in order.
func legend(page string) []string {
	var out []string
	for _, m := range legendRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1]+"="+m[2])
	}
	return out
}

// dayTotals are the chart's bars, oldest first.
func dayTotals(page string) []string {
	var out []string
	for _, m := range dayTotalRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// inputValue is the value of the input with the test id.
func inputValue(page, testID string) string {
	if m := inputValueRe(testID).FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}
