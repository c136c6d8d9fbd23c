package openai_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/app/aiagent/openai"
	"hubchat/app/aiagent/openai/modelserver"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const testKey = "sk-test-5f1c9a0e7d"

// fixture is a shop in a real database, the built-in engine over it, a
// model server and the engine asking it.
type fixture struct {
	ctx     context.Context
	db      *sqlx.DB
	shopID  int64
	ground  *builtin.Engine
	model   *modelserver.Server
	engine  *openai.Engine
	ep      openai.Endpoint
	orders  *storage.Orders
	logs    *syncBuffer
	options openai.Options
}

// customerID is the signed-in shopper of the tests that need one.
const customerID = 7001

func newFixture(t *testing.T, opts openai.Options) *fixture {
	t.Helper()
	db := pgtest.NewDB(t)
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	shops := storage.NewShops(db, keys, time.Now)
	shop, err := shops.Install(ctx, "trail.myshopify.com", storage.OfflineToken{AccessToken: "shpat_x", Scopes: "read_orders"})
	if err != nil {
		t.Fatal(err)
	}
	if err := shops.UpdateDetails(ctx, shop.ID, storage.ShopDetails{Name: "Trail Co", PrimaryDomain: "trail.example",
		IANATimezone: "UTC", Currency: "USD"}); err != nil {
		t.Fatal(err)
	}
	faqs := storage.NewFAQs(db, time.Now)
	for _, q := range [][2]string{
		{"How long does shipping take?", "Standard shipping takes 3 to 5 business days."},
		{"Do you ship internationally?", "We ship to the United States, Canada and the United Kingdom."},
		{"What is your return window?", "You can return unworn items within 30 days of delivery."},
	} {
		if _, err := faqs.Create(ctx, shop.ID, q[0], q[1], true); err != nil {
			t.Fatal(err)
		}
	}
	products := storage.NewProducts(db)
	for _, p := range []storage.Product{
		{ShopifyID: 8001, Title: "Trailhead Merino Hoodie", Handle: "trailhead-merino-hoodie", Price: "89.00", Status: "active",
			Description: "A midweight merino wool hoodie with a kangaroo pocket.", ImageURL: "https://cdn.example/hoodie.png", UpdatedAt: time.Now()},
		{ShopifyID: 8002, Title: "Summit Rain Shell", Handle: "summit-rain-shell", Price: "149.00", Status: "active",
			Description: "A waterproof jacket with pit zips.", UpdatedAt: time.Now()},
	} {
		if _, err := products.Save(ctx, shop.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	orders := storage.NewOrders(db, time.Now)
	placed := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	if _, err := orders.Save(ctx, shop.ID, storage.Order{ShopifyID: 9001, Name: "#1001", CustomerID: customerID, Total: "89.00",
		Currency: "USD", FinancialStatus: "paid", FulfillmentStatus: "fulfilled", CreatedAt: placed, UpdatedAt: placed,
		Tracking: []storage.Tracking{{Company: "UPS", Number: "1Z999", URL: "https://ups.example/track/1Z999"}}}); err != nil {
		t.Fatal(err)
	}
	model := modelserver.Start(testKey)
	t.Cleanup(model.Close)
	f := &fixture{ctx: ctx, db: db, shopID: shop.ID, model: model, orders: orders, logs: &syncBuffer{},
		ground: builtin.New(storage.NewKnowledge(db), orders, builtin.Options{}),
		ep:     openai.Endpoint{BaseURL: model.URL, Model: "test-model-1", APIKey: testKey}}
	if opts.HTTP == nil {
		opts.HTTP = openai.NewHTTPClient(true) // the model server is on 127.0.0.1
	}
	opts.Log = slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f.options = opts
	f.engine = openai.New(f.ground, opts)
	return f
}

// ask asks the engine as an anonymous English-speaking shopper.
func (f *fixture) ask(t *testing.T, text string) (aiagent.Answer, openai.Report) {
	t.Helper()
	return f.askAs(t, aiagent.Question{Text: text, Language: "en"})
}

func (f *fixture) askAs(t *testing.T, q aiagent.Question) (aiagent.Answer, openai.Report) {
	t.Helper()
	a, r, err := f.engine.Answer(f.ctx, f.shopID, f.ep, q)
	if err != nil {
		t.Fatalf("answer %q: %v", q.Text, err)
	}
	return a, r
}

// builtinAnswer is what the built-in engine alone answers.
func (f *fixture) builtinAnswer(t *testing.T, q aiagent.Question) aiagent.Answer {
	t.Helper()
	a, err := f.ground.Answer(f.ctx, f.shopID, q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// syncBuffer is a log destination safe for the engine's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
