package builtin_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// saveOrderOf stores an order of customer holding items, as its webhook
// would.
func (f *fixture) saveOrderOf(t testing.TB, id, customer int64, name, financial, fulfillment string, placed time.Time,
	items []string, tracking ...storage.Tracking) {
	t.Helper()
	var lines []map[string]any
	for _, title := range items {
		lines = append(lines, map[string]any{"title": title, "quantity": 1})
	}
	raw, err := json.Marshal(lines)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.orders.Save(f.ctx, f.shopID, storage.Order{ShopifyID: id, Name: name, CustomerID: customer, Total: "89.00",
		Currency: "USD", FinancialStatus: financial, FulfillmentStatus: fulfillment, CreatedAt: placed, UpdatedAt: placed,
		LineItems: raw, Tracking: tracking})
	if err != nil {
		t.Fatal(err)
	}
}

// A shopper who names what they bought rather than the order hears of the
// order that holds it, even when it is not among their latest; an
// anonymous visitor asking so is asked to sign in.
func TestOwnOrderNamedByItsProduct(t *testing.T) {
	f := newFixture(t)
	day := func(d int) time.Time { return time.Date(2026, 9, d, 15, 0, 0, 0, time.UTC) }
	usps := storage.Tracking{Company: "USPS", Number: "9400", URL: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400"}
	f.saveOrderOf(t, 9, 7010, "#2000", "paid", "fulfilled", time.Date(2026, 8, 30, 15, 0, 0, 0, time.UTC), []string{"Shipping Protection"})
	f.saveOrderOf(t, 1, 7010, "#2001", "paid", "fulfilled", day(1), []string{"Cascade Insulated Bottle"}, usps)
	f.saveOrderOf(t, 2, 7010, "#2002", "paid", "", day(2), []string{"Trailhead Merino Hoodie"})
	f.saveOrderOf(t, 3, 7010, "#2003", "paid", "partial", day(3), []string{"Summit Rain Shell", "Ridge Runner Trail Socks (3-pack)"})
	f.saveOrderOf(t, 4, 7010, "#2004", "paid", "", day(4), []string{"Ridge Runner Trail Socks (3-pack)"})

	for _, tt := range []struct{ text, lang, orders, says string }{
		{"when is the bottle I ordered going to arrive", "en", "#2001", "has shipped. You can track it here: " + usps.URL},
		{"status of the rain shell I bought", "en", "#2003", "Part of your order #2003"},
		{"any tracking for my insulated bottle?", "en", "#2001", usps.URL},
		{"my hoodie still hasn't shipped", "en", "#2002", "hasn't shipped yet"},
		{"the socks I ordered, are they on the way?", "en", "#2004 #2003", "#2004"},
		{"only part of my order showed up", "en", "#2003", "Part of your order #2003"},
		// "Shipped" asks of the order, not of an older one's "Shipping Protection".
		{"I ordered ten days ago and it hasn't shipped yet", "en", "#2004", "#2004"},
		{"¿dónde está el resto de mi pedido?", "es", "#2003", "Parte de tu pedido #2003"},
		{"¿dónde está mi pedido?", "es", "#2004", "Tu pedido #2004"},
	} {
		a := f.askAs(t, tt.text, tt.lang, 7010)
		var told []string
		for _, s := range a.Sources {
			told = append(told, s.ID)
		}
		if a.Intent != aiagent.IntentOrderStatus || a.Handoff || strings.Join(told, " ") != tt.orders || !strings.Contains(a.Text, tt.says) {
			t.Errorf("%q: intent %s, orders %v, %q; want orders %s, saying %q", tt.text, a.Intent, told, a.Text, tt.orders, tt.says)
		}
	}
	for _, tt := range []struct{ text, lang string }{
		{"when is the dog bed I ordered going to arrive", "en"},
		{"me pasas la guía de mi matcha", "es"},
		{"¿cuándo me llega el aceite de almendras?", "es"},
	} {
		if a := f.askAs(t, tt.text, tt.lang, 0); !a.SignIn || a.Intent != aiagent.IntentOrderStatus || len(a.Sources) != 0 {
			t.Errorf("anonymous %q: %+v, want to be asked to sign in", tt.text, a)
		}
	}
}

// A signed-in shopper asking whether their money came back hears the
// refund state of their order, as Shopify keeps it: the order holding the
// product named, else their latest refund, else their latest order; a
// question of how refunds go stays the policy's.
func TestRefundOfOwnOrder(t *testing.T) {
	f := newFixture(t)
	day := func(d int) time.Time { return time.Date(2026, 9, d, 15, 0, 0, 0, time.UTC) }
	f.saveOrderOf(t, 1, 7020, "#3001", "refunded", "fulfilled", day(1), []string{"Summit Rain Shell"})
	f.saveOrderOf(t, 2, 7020, "#3002", "partially_refunded", "fulfilled", day(2), []string{"Trailhead Merino Hoodie", "Ridge Runner Trail Socks (3-pack)"})
	f.saveOrderOf(t, 3, 7020, "#3003", "paid", "fulfilled", day(3), []string{"Cascade Insulated Bottle"})
	f.saveOrderOf(t, 4, 7021, "#3004", "voided", "", day(4), []string{"Summit Rain Shell"})

	for _, tt := range []struct {
		text, lang string
		customer   int64
		want       string
	}{
		{"did I get my money back for the rain shell", "en", 7020, "Your order #3001, placed on September 1, 2026, was refunded in full."},
		{"has my refund gone through", "en", 7020, "Your order #3002, placed on September 2, 2026, was partly refunded."},
		{"was I refunded for the insulated bottle?", "en", 7020,
			"No refund has been made on your order #3003 so far. Your order #3003, placed on September 3, 2026, has shipped."},
		{"did you refund me yet", "en", 7021,
			"Your order #3004, placed on September 4, 2026, was cancelled before its payment was taken, so nothing was charged."},
		{"¿ya me devolvieron el dinero?", "es", 7020, "Tu pedido #3002, realizado el 2 de septiembre de 2026, fue reembolsado en parte."},
	} {
		a := f.askAs(t, tt.text, tt.lang, tt.customer)
		if a.Intent != aiagent.IntentOrderStatus || a.Tag != aiagent.TagReturns || a.Handoff || a.Text != tt.want {
			t.Errorf("%q: intent %s tag %s handoff %v %q\nwant %q", tt.text, a.Intent, a.Tag, a.Handoff, a.Text, tt.want)
		}
	}
	if a := f.askAs(t, "has my refund gone through", "en", 0); !a.SignIn || len(a.Sources) != 0 {
		t.Errorf("anonymous: %+v, want to be asked to sign in", a)
	}
	for _, text := range []string{"how long do refunds take", "when will I get my refund"} {
		if a := f.askAs(t, text, "en", 7020); a.Intent == aiagent.IntentOrderStatus || source(a) != "policy:Refund policy" {
			t.Errorf("%q: %s from %s, want the refund policy", text, a.Intent, source(a))
		}
	}
}

// A mistyped order question is one still: the intent rules read it again
// with its words corrected as the index corrects a question's.
func TestMistypedOrderQuestion(t *testing.T) {
	f := newFixture(t)
	f.saveOrderOf(t, 1, 7030, "#4001", "paid", "fulfilled", time.Date(2026, 9, 1, 15, 0, 0, 0, time.UTC), []string{"Summit Rain Shell"})
	for _, text := range []string{"has my oder shiped yet", "has it shiped yet?", "were is my oder"} {
		if a := f.askAs(t, text, "en", 7030); a.Intent != aiagent.IntentOrderStatus || orderSource(a) != "#4001" {
			t.Errorf("%q: %s %q, want the status of order #4001", text, a.Intent, a.Text)
		}
	}
	if a := f.askAs(t, "how long does shiping take", "en", 7030); a.Intent == aiagent.IntentOrderStatus {
		t.Errorf("a mistyped policy question: %q, want no order told", a.Text)
	}
}
