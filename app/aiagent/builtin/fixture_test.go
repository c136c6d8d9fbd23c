package builtin_test

import (
	"context"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// fixture is a shop in a real database with what the engine answers from.
type fixture struct {
	ctx       context.Context
	db        *sqlx.DB
	shopID    int64
	shops     *storage.Shops
	faqs      *storage.FAQs
	products  *storage.Products
	orders    *storage.Orders
	knowledge *storage.Knowledge
	engine    *builtin.Engine
}

// The outdoor shop's data, in English.
var (
	outdoorFAQs = [][2]string{
		{"How long does shipping take?", "Standard shipping takes 3 to 5 business days; express shipping takes 1 to 2 business days."},
		{"Can I change or cancel my order?", "You can change or cancel an order within 2 hours of placing it: write to us in the chat with your order number."},
		{"Do you ship internationally?", "We ship to the United States, Canada and the United Kingdom."},
		{"How do I reset my password?", "Click \"Forgot password\" on the sign-in page and follow the link we email you."},
		{"Can I use more than one discount code?", "Only one discount code can be used per order."},
		{"How do I wash merino wool?", "Machine wash cold on a gentle cycle and lay flat to dry; never tumble dry merino."},
		{"What payment methods do you accept?", "We accept Visa, Mastercard, American Express, PayPal and Apple Pay."},
	}
	outdoorArticles = [][2]string{
		{"Size guide", "Our tops follow standard US sizing.\n\nHoodies and sweatshirts have a relaxed cut: if you are between sizes or prefer a closer fit, order one size down.\n\nRain shells are cut to fit over a fleece layer, so take your usual size."},
		{"Gift cards", "Gift cards are delivered by email within minutes and never expire.\n\nA gift card can be used together with a discount code."},
	}
	outdoorPolicies = []storage.ShopPolicy{
		{Type: "REFUND_POLICY", Title: "Refund policy", URL: "https://outdoor.example/policies/refund-policy",
			Body: "We have a 30-day return policy: you can return an item within 30 days of receiving it, unworn and with its tags.\n\nOnce we receive your return we refund the original payment method within 5 business days. Sale items cannot be returned."},
		{Type: "SHIPPING_POLICY", Title: "Shipping policy", URL: "https://outdoor.example/policies/shipping-policy",
			Body: "Orders placed before 1 pm on a business day leave our warehouse the same day.\n\nStandard shipping is free on orders over $75."},
		{Type: "PRIVACY_POLICY", Title: "Privacy policy", URL: "https://outdoor.example/policies/privacy-policy",
			Body: "We collect your name, email and address to fulfil your orders and never sell your data."},
	}
	outdoorProducts = []storage.Product{
		{ShopifyID: 8001, Title: "Trailhead Merino Hoodie", Handle: "trailhead-merino-hoodie", Price: "89.00", Status: "active",
			Description: "A midweight merino wool hoodie with a kangaroo pocket and thumb loops.", ImageURL: "https://cdn.example/hoodie.png"},
		{ShopifyID: 8002, Title: "Summit Rain Shell", Handle: "summit-rain-shell", Price: "149.00", Status: "active",
			Description: "A fully seam-taped waterproof jacket with pit zips and a helmet-compatible hood.", ImageURL: "https://cdn.example/shell.png"},
		{ShopifyID: 8003, Title: "Ridge Runner Trail Socks (3-pack)", Handle: "ridge-runner-trail-socks", Price: "24.00", Status: "active",
			Description: "Cushioned wool-blend socks for long days on the trail."},
		{ShopifyID: 8004, Title: "Cascade Insulated Bottle", Handle: "cascade-insulated-bottle", Price: "34.00", Status: "active",
			Description: "A steel bottle that keeps drinks cold for 24 hours."},
		{ShopifyID: 8005, Title: "Storm Prototype Jacket", Handle: "storm-prototype-jacket", Price: "399.00", Status: "draft",
			Description: "Not for sale yet."},
	}
)

// newFixture installs the outdoor shop, signs its data in and returns an
// engine over it.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	db := pgtest.NewDB(t)
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{ctx: context.Background(), db: db, shops: storage.NewShops(db, keys, time.Now),
		faqs: storage.NewFAQs(db, time.Now), products: storage.NewProducts(db), orders: storage.NewOrders(db, time.Now),
		knowledge: storage.NewKnowledge(db)}
	shop, err := f.shops.Install(f.ctx, "outdoor.myshopify.com", storage.OfflineToken{AccessToken: "shpat_x", Scopes: "read_orders"})
	if err != nil {
		t.Fatal(err)
	}
	f.shopID = shop.ID
	if err := f.shops.UpdateDetails(f.ctx, f.shopID, storage.ShopDetails{Name: "Outdoor Co", PrimaryDomain: "outdoor.example",
		Email: "help@outdoor.example", IANATimezone: "America/New_York", Currency: "USD", Policies: outdoorPolicies}); err != nil {
		t.Fatal(err)
	}
	for _, q := range outdoorFAQs {
		f.addFAQ(t, q[0], q[1])
	}
	// A draft is never an answer.
	if _, err := f.faqs.Create(f.ctx, f.shopID, "Do you offer student discounts?", "Draft: not decided yet.", false); err != nil {
		t.Fatal(err)
	}
	for _, a := range outdoorArticles {
		f.addArticle(t, a[0], a[1], true)
	}
	for _, p := range outdoorProducts {
		p.UpdatedAt = time.Now()
		if _, err := f.products.Save(f.ctx, f.shopID, p); err != nil {
			t.Fatal(err)
		}
	}
	// Strict freshness: each answer reads the knowledge it saw, so a test
	// sees an edit's effect at once (fresh_test.go tests the default).
	f.engine = builtin.New(f.knowledge, f.orders, builtin.Options{MaxStale: -1})
	return f
}

func (f *fixture) addFAQ(t testing.TB, question, answer string) storage.FAQ {
	t.Helper()
	faq, err := f.faqs.Create(f.ctx, f.shopID, question, answer, true)
	if err != nil {
		t.Fatal(err)
	}
	return faq
}

// addArticle writes an article as the merchant's settings do (the article
// store's editing is the settings' concern).
func (f *fixture) addArticle(t testing.TB, title, body string, published bool) int64 {
	t.Helper()
	var id int64
	err := f.db.Get(&id, `INSERT INTO knowledge_articles (shop_id, title, body, published, created_at, updated_at)
		VALUES ($1, $2, $3, $4, now(), now()) RETURNING id`, f.shopID, title, body, published)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// saveOrder stores an order of customer as its webhook would.
func (f *fixture) saveOrder(t testing.TB, id, customer int64, name, financial, fulfillment string, placed time.Time, tracking ...storage.Tracking) {
	t.Helper()
	_, err := f.orders.Save(f.ctx, f.shopID, storage.Order{ShopifyID: id, Name: name, CustomerID: customer, Total: "89.00",
		Currency: "USD", FinancialStatus: financial, FulfillmentStatus: fulfillment, CreatedAt: placed, UpdatedAt: placed,
		Tracking: tracking})
	if err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) ask(t testing.TB, text string) aiagent.Answer {
	t.Helper()
	return f.askAs(t, text, "en", 0)
}

func (f *fixture) askAs(t testing.TB, text, lang string, customer int64) aiagent.Answer {
	t.Helper()
	a, err := f.engine.Answer(f.ctx, f.shopID, aiagent.Question{Text: text, Language: lang, CustomerID: customer})
	if err != nil {
		t.Fatalf("answer %q: %v", text, err)
	}
	return a
}

// source is "kind:title" of an answer's first source, or "handoff".
func source(a aiagent.Answer) string {
	if a.Handoff || len(a.Sources) == 0 {
		return "handoff"
	}
	return string(a.Sources[0].Kind) + ":" + a.Sources[0].Title
}
