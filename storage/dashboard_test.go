package storage_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
)

// dashboardFixture is a chat fixture whose shop has a time zone and a
// currency, and whose clock can be set to any instant.
type dashboardFixture struct {
	chatFixture
	dash     *storage.Dashboard
	zone     *time.Location
	customer int64 // the next customer id for a new shopper
}

func newDashboardFixture(t *testing.T, zone string) *dashboardFixture {
	t.Helper()
	f := newChatFixture(t)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	f.db.MustExec(`UPDATE shops SET iana_timezone = $2, currency = 'USD' WHERE id = $1`, f.shopID, zone)
	return &dashboardFixture{chatFixture: f, dash: storage.NewDashboard(f.db), zone: loc, customer: 20000}
}

// setClock moves the fixture's clock to at.
func (f *dashboardFixture) setClock(at time.Time) { f.clock.Advance(at.Sub(f.clock.Now())) }

// start has a new shopper ask the AI agent body at the instant at, and the
// agent answer with reply (tagged tag) unless reply is "".
func (f *dashboardFixture) start(t *testing.T, at time.Time, body, reply, tag string) (storage.PostResult, chatFixture) {
	t.Helper()
	f.customer++
	shopper := newChatFixtureProfile(t, f.chatFixture, f.customer)
	f.setClock(at)
	res := shopper.aiPost(t, body)
	if reply != "" {
		shopper.aiReply(t, res, storage.AIReply{Body: reply, Tag: tag})
	}
	return res, shopper
}

// days is the period from first to last ("2026-06-01") in the shop's zone.
func (f *dashboardFixture) days(t *testing.T, first, last string) storage.DashboardDays {
	t.Helper()
	a, _ := time.ParseInLocation(time.DateOnly, first, f.zone)
	b, _ := time.ParseInLocation(time.DateOnly, last, f.zone)
	d, err := storage.NewDashboardDays(f.zone, a, b)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (f *dashboardFixture) figures(t *testing.T, days storage.DashboardDays) storage.DashboardFigures {
	t.Helper()
	got, err := f.dash.Figures(f.ctx, f.shopID, days)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// local is the instant of a wall-clock time in the fixture's zone.
func (f *dashboardFixture) local(s string) time.Time {
	at, err := time.ParseInLocation("2006-01-02 15:04:05", s, f.zone)
	if err != nil {
		panic(err)
	}
	return at
}

// perDay sums cells by day, "2006-01-02" → count.
func perDay(cells []storage.DashboardCell) map[string]int {
	out := map[string]int{}
	for _, c := range cells {
		if c.Dimension == storage.DimensionStatus {
			out[c.Day.Format(time.DateOnly)] += c.Count
		}
	}
	return out
}

// sell credits an order of the shopper's, placed at placed, to conv through
// a product-card click an hour before it.
func (f *dashboardFixture) sell(t *testing.T, shopper chatFixture, conv int64, orderID int64, total, currency string, placed time.Time) storage.Order {
	t.Helper()
	attribution := storage.NewAttribution(f.db, f.clock.Now)
	if _, err := attribution.RecordClick(f.ctx, f.shopID, storage.ProductClick{ConversationID: conv, ProductID: 9,
		ClickedAt: placed.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	o := storage.Order{ShopifyID: orderID, Name: fmt.Sprintf("#%d", orderID), CustomerID: *shopper.profile.ShopifyCustomerID, Total: total,
		Currency: currency, CreatedAt: placed, UpdatedAt: placed}
	f.saveOrder(t, o)
	return o
}

func (f *dashboardFixture) saveOrder(t *testing.T, o storage.Order) {
	t.Helper()
	attribution, orders := storage.NewAttribution(f.db, f.clock.Now), storage.NewOrders(f.db, f.clock.Now)
	if _, err := orders.Save(f.ctx, f.shopID, o); err != nil {
		t.Fatal(err)
	}
	if err := attribution.AttributeOrder(f.ctx, f.shopID, o.ShopifyID); err != nil {
		t.Fatal(err)
	}
}

// The four metrics, for a week and the week before, and the chart's counts,
// against what the fixture's conversations make them by hand.
func TestDashboardFiguresMatchHandCounts(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	// Before the week: resolved, with a 30.00 sale.
	f1, s1 := f.start(t, f.local("2026-05-31 09:00:00"), "Do you ship to Texas?", "Yes, in 3 days.", "shipping")
	f.convs.Close(f.ctx, f.shopID, f1.Conversation.ID, "shopper")
	f.sell(t, s1, f1.Conversation.ID, 601, "30.00", "USD", f.local("2026-05-31 11:00:00"))
	// The week, 1–7 June (PDT):
	// a: resolved (the shopper closed after the answer), a 120.00 sale and
	// a sale in another currency, which the shop's figure leaves out.
	a, sa := f.start(t, f.local("2026-06-01 00:00:00"), "Where is my order?", "It ships today.", "order_status")
	f.convs.Close(f.ctx, f.shopID, a.Conversation.ID, "shopper")
	f.sell(t, sa, a.Conversation.ID, 602, "120.00", "USD", f.local("2026-06-01 10:00:00"))
	f.sell(t, sa, a.Conversation.ID, 603, "55.00", "EUR", f.local("2026-06-01 12:00:00"))
	// b: unresolved from the shopper's Yes to the offer of a person.
	b, sb := f.start(t, f.local("2026-06-03 08:00:00"), "Can I change my address?", "", "")
	sb.aiReply(t, b, storage.AIReply{Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer, Tag: "account"})
	if _, _, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, sb.profile.ID, b.Conversation.ID, storage.HandoffAnswer{Accept: true}); err != nil {
		t.Fatal(err)
	}
	// c: an offer not yet answered is no handoff: open.
	c, sc := f.start(t, f.local("2026-06-03 09:00:00"), "Hmm", "", "")
	sc.aiReply(t, c, storage.AIReply{Body: "Would you like to talk to a person?", Kind: storage.KindHandoffOffer, Tag: "other"})
	// h: the custom message handoff: unresolved.
	h, sh := f.start(t, f.local("2026-06-05 13:00:00"), "Wholesale prices?", "", "")
	sh.aiReply(t, h, storage.AIReply{Body: "Email us at sales@example.com", Handoff: storage.HandoffCustomMessage, Tag: "discounts"})
	// d: the last minute of 7 June, answered, open.
	f.start(t, f.local("2026-06-07 23:59:59"), "Is the beanie wool?", "Yes, merino.", "product_question")
	// Not counted: after the week; a conversation the agent never had; another shop's.
	f.start(t, f.local("2026-06-08 00:00:00"), "Too late", "Hi", "other")
	f.customer++
	team := newChatFixtureProfile(t, f.chatFixture, f.customer)
	f.setClock(f.local("2026-06-02 12:00:00"))
	team.post(t, newClientID(), "For the team", "")
	other := f.chatFixture
	other.shopID = newChatFixtureShop(t, f.chatFixture, "other-dashboard.myshopify.com")
	other = newChatFixtureProfile(t, other, 1)
	other.aiPost(t, "Another shop")

	got := f.figures(t, f.days(t, "2026-06-01", "2026-06-07"))
	want := storage.DashboardFigures{Currency: "USD",
		Current:  storage.PeriodFigures{Conversations: 5, Resolved: 1, Unresolved: 2, Open: 2, Sales: "120.00", SalesOrders: 1},
		Previous: storage.PeriodFigures{Conversations: 1, Resolved: 1, Sales: "30.00", SalesOrders: 1}}
	if got.Currency != want.Currency || got.Current != want.Current || got.Previous != want.Previous {
		t.Fatalf("figures %+v / %+v (%s), want %+v / %+v", got.Current, got.Previous, got.Currency, want.Current, want.Previous)
	}
	if r := got.Current.ResolutionRate(); r != 0.2 {
		t.Errorf("resolution rate %v, want 1/5", r)
	}
	if r := got.Current.UnresolvedRate(); r != 0.4 {
		t.Errorf("unresolved rate %v, want 2/5", r)
	}
	if days := perDay(got.Cells); fmt.Sprint(days) != "map[2026-06-01:1 2026-06-03:2 2026-06-05:1 2026-06-07:1]" {
		t.Errorf("chart per day %v", days)
	}
	var cells []string
	for _, c := range got.Cells {
		cells = append(cells, fmt.Sprintf("%s %s %s %d", c.Day.Format("01-02"), c.Dimension, c.Value, c.Count))
	}
	wantCells := "[06-01 channel web_chat 1 06-01 status resolved 1 06-01 tag order_status 1 " +
		"06-03 channel web_chat 2 06-03 status open 1 06-03 status unresolved 1 06-03 tag account 1 06-03 tag other 1 " +
		"06-05 channel web_chat 1 06-05 status unresolved 1 06-05 tag discounts 1 " +
		"06-07 channel web_chat 1 06-07 status open 1 06-07 tag product_question 1]"
	if fmt.Sprint(cells) != wantCells {
		t.Errorf("chart cells %v,\nwant %s", cells, wantCells)
	}
}

// A cancelled attributed order leaves the sales figure, before and after
// attribution has seen the cancellation.
func TestDashboardSalesLeaveACancelledOrder(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	a, sa := f.start(t, f.local("2026-06-02 10:00:00"), "Which mug?", "The blue one.", "product_question")
	f.sell(t, sa, a.Conversation.ID, 701, "40.00", "USD", f.local("2026-06-02 12:00:00"))
	o := f.sell(t, sa, a.Conversation.ID, 702, "25.50", "USD", f.local("2026-06-02 13:00:00"))
	days := f.days(t, "2026-06-01", "2026-06-07")
	if got := f.figures(t, days).Current; got.Sales != "65.50" || got.SalesOrders != 2 {
		t.Fatalf("sales %s in %d orders, want 65.50 in 2", got.Sales, got.SalesOrders)
	}
	cancelled := f.local("2026-06-03 09:00:00")
	o.CancelledAt, o.UpdatedAt = &cancelled, cancelled
	if _, err := storage.NewOrders(f.db, f.clock.Now).Save(f.ctx, f.shopID, o); err != nil {
		t.Fatal(err)
	}
	if got := f.figures(t, days).Current; got.Sales != "40.00" || got.SalesOrders != 1 {
		t.Fatalf("sales %s in %d orders once cancelled, want 40.00 in 1", got.Sales, got.SalesOrders)
	}
	f.saveOrder(t, o)
	if got := f.figures(t, days).Current; got.Sales != "40.00" || got.SalesOrders != 1 {
		t.Fatalf("sales %s in %d orders once uncredited, want 40.00 in 1", got.Sales, got.SalesOrders)
	}
}

// An AI answer left open at the end of the period and closed by the 48-hour
// sweep afterwards moves from Open to AI resolved in that period's figures.
func TestDashboardFollowsALateInactivityClose(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "Pacific/Auckland")
	res, _ := f.start(t, f.local("2026-06-07 22:00:00"), "What sizes?", "S to XL.", "product_question")
	days := f.days(t, "2026-06-01", "2026-06-07")
	if got := f.figures(t, days).Current; got.Open != 1 || got.Resolved != 0 {
		t.Fatalf("before the close: %+v, want one open", got)
	}
	f.setClock(f.local("2026-06-09 22:00:01"))
	if n, err := f.convs.CloseInactive(f.ctx, chat.AutoCloseCutoff(f.clock.Now()), 10); err != nil || n != 1 {
		t.Fatalf("the sweep closed %d, %v", n, err)
	}
	got := f.figures(t, days)
	if got.Current.Open != 0 || got.Current.Resolved != 1 || got.Current.ResolutionRate() != 1 {
		t.Fatalf("after the close: %+v, want one AI resolved", got.Current)
	}
	if perDay(got.Cells)["2026-06-07"] != 1 || !slices.ContainsFunc(got.Cells, func(c storage.DashboardCell) bool {
		return c.Dimension == storage.DimensionStatus && c.Value == storage.AIStatusResolved && c.Count == 1
	}) {
		t.Fatalf("chart after the close: %+v", got.Cells)
	}
	rows, err := f.dash.Conversations(f.ctx, f.shopID, storage.DashboardFilter{Days: days, Status: storage.AIStatusResolved})
	if err != nil || len(rows) != 1 || rows[0].ID != res.Conversation.ID {
		t.Fatalf("resolved rows %+v, %v", rows, err)
	}
}

// The period's edges are the shop's midnights, across daylight-saving
// changes in both hemispheres: a 23- or 25-hour day is taken whole, and each
// conversation is counted on its local day.
func TestDashboardDaysFollowTheShopsZoneAcrossDST(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, zone, first, last string
		// started: when each conversation starts (UTC) → the local day it
		// is counted on, "" when outside the period.
		started  map[string]string
		days     int
		previous int // conversations of the period before
	}{
		{name: "Auckland's 25-hour day as DST ends", zone: "Pacific/Auckland", first: "2026-04-05", last: "2026-04-05",
			started: map[string]string{
				"2026-04-04T10:59:59Z": "", // 23:59:59 on 4 April, NZDT: the day before
				"2026-04-04T11:00:00Z": "2026-04-05",
				"2026-04-05T11:30:00Z": "2026-04-05", // 23:30 NZST, the 25th hour
				"2026-04-05T12:00:00Z": "",           // midnight starting 6 April
			}, days: 1, previous: 1},
		{name: "Auckland's 23-hour day as DST starts", zone: "Pacific/Auckland", first: "2026-09-27", last: "2026-09-27",
			started: map[string]string{
				"2026-09-26T11:59:59Z": "",
				"2026-09-26T12:00:00Z": "2026-09-27",
				"2026-09-27T10:59:59Z": "2026-09-27",
				"2026-09-27T11:30:00Z": "", // 00:30 on 28 September, NZDT
			}, days: 1, previous: 1},
		{name: "Los Angeles across spring forward", zone: "America/Los_Angeles", first: "2026-03-07", last: "2026-03-09",
			started: map[string]string{
				"2026-03-07T07:59:59Z": "", // 23:59:59 on 6 March, PST
				"2026-03-07T08:00:00Z": "2026-03-07",
				"2026-03-08T07:30:00Z": "2026-03-07", // 23:30 PST
				"2026-03-09T07:30:00Z": "2026-03-09", // 00:30 PDT
				"2026-03-10T06:59:59Z": "2026-03-09",
				"2026-03-10T07:00:00Z": "",
			}, days: 3, previous: 1},
		{name: "Los Angeles's 25-hour day as DST ends", zone: "America/Los_Angeles", first: "2026-11-01", last: "2026-11-01",
			started: map[string]string{
				"2026-11-01T06:59:59Z": "",
				"2026-11-01T07:00:00Z": "2026-11-01",
				"2026-11-02T07:30:00Z": "2026-11-01", // 23:30 PST
				"2026-11-02T08:00:00Z": "",
			}, days: 1, previous: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newDashboardFixture(t, tc.zone)
			want := map[string]int{}
			var times []time.Time
			for at, day := range tc.started {
				started, _ := time.Parse(time.RFC3339, at)
				times = append(times, started)
				if day != "" {
					want[day]++
				}
			}
			slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
			for _, at := range times {
				f.start(t, at, "Hello", "Hi!", "other")
			}
			days := f.days(t, tc.first, tc.last)
			if days.Len() != tc.days {
				t.Fatalf("%d days, want %d", days.Len(), tc.days)
			}
			got := f.figures(t, days)
			if fmt.Sprint(perDay(got.Cells)) != fmt.Sprint(want) {
				t.Errorf("per day %v, want %v", perDay(got.Cells), want)
			}
			total := 0
			for _, n := range want {
				total += n
			}
			if got.Current.Conversations != total || got.Previous.Conversations != tc.previous {
				t.Errorf("current %d, previous %d; want %d, %d", got.Current.Conversations, got.Previous.Conversations, total, tc.previous)
			}
			rows, err := f.dash.Conversations(f.ctx, f.shopID, storage.DashboardFilter{Days: days})
			if err != nil || len(rows) != total {
				t.Errorf("table %d rows, %v; want %d", len(rows), err, total)
			}
		})
	}
}
