package storage_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"hubchat/storage"
)

// attributionFixture is a shop where customers 7001 (Ada, two conversations,
// the first closed) and 7002 (Bob) chatted, and a second shop where its own
// customer 7001 chatted.
type attributionFixture struct {
	privacyFixture
	store  *storage.Attribution
	orders *storage.Orders
	convs  map[string]int64 // "ada", "ada2", "bob", "other"
}

// t0 is when the first click of each case happens.
var t0 = time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)

func newAttributionFixture(t *testing.T) attributionFixture {
	t.Helper()
	p := newPrivacyFixture(t)
	f := attributionFixture{privacyFixture: p, store: storage.NewAttribution(p.db, time.Now),
		orders: storage.NewOrders(p.db, time.Now), convs: map[string]int64{}}
	convs := storage.NewConversations(p.db, time.Now)
	f.convs["ada"] = f.conversation(t, convs, p.shop.ID, 7001)
	if _, err := convs.Close(p.ctx, p.shop.ID, f.convs["ada"], "agent"); err != nil {
		t.Fatal(err)
	}
	f.convs["ada2"] = f.conversation(t, convs, p.shop.ID, 7001)
	f.convs["bob"] = f.conversation(t, convs, p.shop.ID, 7002)
	f.convs["other"] = f.conversation(t, convs, p.other.ID, 7001)
	return f
}

// conversation starts a conversation of the shop's customer.
func (f attributionFixture) conversation(t *testing.T, convs *storage.Conversations, shopID, customerID int64) int64 {
	t.Helper()
	p, err := storage.NewProfiles(f.db, time.Now).ForCustomer(f.ctx, shopID, customerID)
	if err != nil {
		t.Fatal(err)
	}
	res, err := convs.PostFromShopper(f.ctx, shopID, p.ID, storage.ShopperPost{ClientID: newClientID(),
		Body: "Which mug?", Preview: "Which mug?"})
	if err != nil {
		t.Fatal(err)
	}
	return res.Conversation.ID
}

// click is a click in one of the fixture's conversations, at t0+at.
type click struct {
	conv string
	at   time.Duration
}

// attributedOrder is order 501 placed at t0+placed by the customer (0: a
// guest), carrying an attribute with the id of conversation cart (0: none),
// named attr ("": the cart attribute).
func attributedOrder(customer int64, placed time.Duration, attr string, cart int64) storage.Order {
	o := storage.Order{ShopifyID: 501, Name: "#1001", CustomerID: customer, Total: "89.50", Currency: "EUR",
		CreatedAt: t0.Add(placed), UpdatedAt: t0.Add(placed)}
	if attr == "" {
		attr = storage.CartAttribute
	}
	if cart != 0 {
		o.NoteAttributes = json.RawMessage(fmt.Sprintf(`[{"name":"gift","value":"no"},{"name":%q,"value":"%d"}]`,
			attr, cart))
	}
	return o
}

func TestAttributionCreditsTheLatestClickWithin24Hours(t *testing.T) {
	t.Parallel()
	const window = 24 * time.Hour
	cases := []struct {
		name     string
		clicks   []click
		customer int64
		placed   time.Duration
		cart     string // the conversation the cart attribute names
		attr     string // the attribute's name, "": the cart attribute
		cancel   bool   // the order is then cancelled
		want     string // the conversation credited, "" none
	}{
		{name: "an order 23:59:59 after the click counts", clicks: []click{{"ada2", 0}},
			customer: 7001, placed: window - time.Second, want: "ada2"},
		{name: "an order 24:00:01 after the click does not", clicks: []click{{"ada2", 0}},
			customer: 7001, placed: window + time.Second},
		{name: "an order at the instant of the click counts", clicks: []click{{"ada2", 0}},
			customer: 7001, placed: 0, want: "ada2"},
		{name: "an order a second before the click does not", clicks: []click{{"ada2", 0}},
			customer: 7001, placed: -time.Second},
		{name: "another customer's order does not", clicks: []click{{"ada2", 0}},
			customer: 7002, placed: time.Hour},
		{name: "a guest order with the cart attribute counts", clicks: []click{{"bob", 0}},
			placed: window - time.Second, cart: "bob", want: "bob"},
		{name: "a guest order with the cart attribute 24:00:01 later does not", clicks: []click{{"bob", 0}},
			placed: window + time.Second, cart: "bob"},
		{name: "a guest order without the cart attribute does not", clicks: []click{{"bob", 0}},
			placed: time.Hour},
		{name: "a guest order naming the conversation in another attribute does not", clicks: []click{{"bob", 0}},
			placed: time.Hour, cart: "bob", attr: "referrer"},
		{name: "a cancelled order stops counting", clicks: []click{{"ada2", 0}},
			customer: 7001, placed: time.Hour, cancel: true},
		{name: "two clicks in two conversations credit the latest", clicks: []click{{"ada2", time.Hour}, {"ada", 0}},
			customer: 7001, placed: 2 * time.Hour, want: "ada2"},
		{name: "the latest click wins whoever recorded it first", clicks: []click{{"bob", time.Hour}, {"ada2", 0}},
			customer: 7001, placed: 2 * time.Hour, cart: "bob", want: "bob"},
		{name: "the latest click within the window wins", clicks: []click{{"ada2", 0}, {"bob", time.Hour}},
			customer: 7001, placed: 30 * time.Minute, cart: "bob", want: "ada2"},
		{name: "another shop's click never attributes", clicks: []click{{"other", 0}},
			customer: 7001, placed: time.Hour, cart: "other"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newAttributionFixture(t)
			for _, c := range tc.clicks {
				shop := f.shop.ID
				if c.conv == "other" {
					shop = f.other.ID
				}
				if _, err := f.store.RecordClick(f.ctx, shop, storage.ProductClick{ConversationID: f.convs[c.conv],
					ProductID: 9, ClickedAt: t0.Add(c.at)}); err != nil {
					t.Fatal(err)
				}
			}
			o := attributedOrder(tc.customer, tc.placed, tc.attr, f.convs[tc.cart])
			f.saveAndAttribute(t, o)
			if tc.cancel {
				f.assertCredit(t, "ada2", "89.50") // it counted before
				cancelled := t0.Add(tc.placed + time.Hour)
				o.CancelledAt, o.UpdatedAt = &cancelled, cancelled
				if _, err := f.orders.Save(f.ctx, f.shop.ID, o); err != nil {
					t.Fatal(err)
				}
				// The dashboard leaves it out even before it is re-attributed.
				sales, err := f.store.AttributedSales(f.ctx, f.shop.ID, t0.Add(-48*time.Hour), t0.Add(48*time.Hour))
				if err != nil || len(sales) != 0 {
					t.Fatalf("sales of a cancelled order: %+v, %v", sales, err)
				}
				f.saveAndAttribute(t, o)
			}
			f.assertCredit(t, tc.want, "89.50")
		})
	}
}

func (f attributionFixture) saveAndAttribute(t *testing.T, o storage.Order) {
	t.Helper()
	if _, err := f.orders.SaveAttributed(f.ctx, f.shop.ID, o); err != nil {
		t.Fatal(err)
	}
}

// assertCredit checks that order 501 is credited to the conversation want
// ("": to none) and that the dashboard's sales agree.
func (f attributionFixture) assertCredit(t *testing.T, want, amount string) {
	t.Helper()
	var credited []int64
	if err := f.db.Select(&credited, `SELECT a.conversation_id FROM order_attributions a JOIN orders o ON o.id = a.order_id
		WHERE o.shop_id = $1 AND o.shopify_id = 501`, f.shop.ID); err != nil {
		t.Fatal(err)
	}
	sales, err := f.store.AttributedSales(f.ctx, f.shop.ID, t0.Add(-48*time.Hour), t0.Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if want == "" {
		if len(credited) != 0 || len(sales) != 0 {
			t.Fatalf("credited to %v, sales %+v; want none", credited, sales)
		}
		return
	}
	if len(credited) != 1 || credited[0] != f.convs[want] {
		t.Fatalf("credited to %v; want %s (%d)", credited, want, f.convs[want])
	}
	if len(sales) != 1 || sales[0] != (storage.SalesTotal{Currency: "EUR", Total: amount, Orders: 1}) {
		t.Fatalf("sales %+v; want %s EUR in one order", sales, amount)
	}
}

func TestAttributionIsIdempotentAndFollowsTheOrder(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	if _, err := f.store.RecordClick(f.ctx, f.shop.ID, storage.ProductClick{ConversationID: f.convs["ada2"],
		ProductID: 9, ClickedAt: t0}); err != nil {
		t.Fatal(err)
	}
	o := attributedOrder(7001, time.Hour, "", 0)
	f.saveAndAttribute(t, o)
	var first, again time.Time
	f.db.Get(&first, `SELECT attributed_at FROM order_attributions WHERE shop_id = $1`, f.shop.ID)
	time.Sleep(2 * time.Millisecond)
	f.saveAndAttribute(t, o)
	f.db.Get(&again, `SELECT attributed_at FROM order_attributions WHERE shop_id = $1`, f.shop.ID)
	if !again.Equal(first) {
		t.Fatalf("a repeat changed the credit: %v then %v", first, again)
	}
	// An edit of the order's total moves the amount credited.
	o.Total, o.UpdatedAt = "120.00", o.UpdatedAt.Add(time.Minute)
	f.saveAndAttribute(t, o)
	f.assertCredit(t, "ada2", "120.00")
	// The dashboard's range holds the orders placed in [from, to).
	placed := o.CreatedAt
	for _, r := range []struct {
		from, to time.Time
		want     int
	}{{placed, placed.Add(time.Second), 1}, {placed.Add(-time.Hour), placed, 0}} {
		if sales, err := f.store.AttributedSales(f.ctx, f.shop.ID, r.from, r.to); err != nil || len(sales) != r.want {
			t.Fatalf("sales in [%v, %v): %+v, %v; want %d currencies", r.from, r.to, sales, err, r.want)
		}
	}
}

func TestAttributionIsExportedAndErasedWithTheCustomer(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	for _, conv := range []string{"ada2", "bob"} {
		if _, err := f.store.RecordClick(f.ctx, f.shop.ID, storage.ProductClick{ConversationID: f.convs[conv],
			ProductID: 424242, ClickedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	f.saveAndAttribute(t, attributedOrder(7001, time.Hour, "", 0))
	ada := storage.CustomerRef{ID: 7001}
	req, err := f.privacy.ExportCustomer(f.ctx, f.shop.ID, "dr-1", ada, f.now)
	if err != nil {
		t.Fatal(err)
	}
	var export storage.CustomerExport
	if err := json.Unmarshal(req.Export, &export); err != nil {
		t.Fatal(err)
	}
	var clicks, credits []map[string]any
	json.Unmarshal(export.Tables["product_clicks"], &clicks)
	json.Unmarshal(export.Tables["order_attributions"], &credits)
	if len(clicks) != 1 || len(credits) != 1 || credits[0]["amount"] != 89.5 {
		t.Fatalf("export: clicks %v, credits %v; want Ada's one each", clicks, credits)
	}
	if _, err := f.privacy.RedactCustomer(f.ctx, f.shop.ID, "", ada, f.now); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM order_attributions`); n != 0 {
		t.Fatalf("%d credits left", n)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM product_clicks WHERE shop_id = $1`, f.shop.ID); n != 1 {
		t.Fatalf("%d clicks left; want Bob's", n)
	}
}

func TestAttributionStaysInItsShop(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	_, err := f.store.RecordClick(f.ctx, f.shop.ID, storage.ProductClick{ConversationID: f.convs["other"], ProductID: 9})
	if !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("a click in another shop's conversation: %v; want not found", err)
	}
	if _, err := f.orders.Save(f.ctx, f.other.ID, attributedOrder(7001, time.Hour, "", 0)); err != nil {
		t.Fatal(err)
	}
	if err := f.store.AttributeOrder(f.ctx, f.shop.ID, 501); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("attributing another shop's order: %v; want not found", err)
	}
}
