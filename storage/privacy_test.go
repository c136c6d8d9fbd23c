package storage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// privacyFixture is a shop with pending webhook bodies about two customers
// whose ids share a prefix (7001 and 70012), and a second shop.
type privacyFixture struct {
	db          *sqlx.DB
	privacy     *storage.Privacy
	shop, other storage.Shop
	hooks       *storage.Webhooks
	ctx         context.Context
	now         time.Time
}

func newPrivacyFixture(t *testing.T) privacyFixture {
	t.Helper()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	f := privacyFixture{db: db, privacy: storage.NewPrivacy(db, clk.Now), hooks: storage.NewWebhooks(db, clk.Now), ctx: ctx, now: clk.Now()}
	var err error
	if f.shop, err = shops.Install(ctx, "private.myshopify.com", expiringToken(clk.Now(), "shpat_p", "shprt_p")); err != nil {
		t.Fatal(err)
	}
	if f.other, err = shops.Install(ctx, "elsewhere.myshopify.com", expiringToken(clk.Now(), "shpat_e", "shprt_e")); err != nil {
		t.Fatal(err)
	}
	bodies := map[string]string{
		"private.myshopify.com/a":   `{"id":501,"email":"ada@example.com","customer":{"id":7001,"phone":"+15550001"}}`,
		"private.myshopify.com/b":   `{"id":502,"email":"bob@example.com","customer":{"id":70012}}`,
		"elsewhere.myshopify.com/c": `{"id":503,"email":"ada@example.com","customer":{"id":7001}}`,
	}
	for key, body := range bodies {
		domain, id, _ := strings.Cut(key, "/")
		_, _, err := f.hooks.Record(ctx, storage.NewDelivery{ShopDomain: domain, Topic: "orders/create",
			WebhookID: "wh-" + id, APIVersion: "2026-10", Body: []byte(body)})
		if err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestExportHoldsExactlyTheCustomersData(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	req, err := f.privacy.ExportCustomer(f.ctx, f.shop.ID, "dr-1", storage.CustomerRef{ID: 7001, Email: "ada@example.com"}, f.now)
	if err != nil {
		t.Fatal(err)
	}
	var export storage.CustomerExport
	if err := json.Unmarshal(req.Export, &export); err != nil {
		t.Fatal(err)
	}
	text := string(export.Tables["webhook_deliveries"])
	if !strings.Contains(text, `\"id\":501`) {
		t.Fatalf("export lacks the customer's order: %s", text)
	}
	for _, other := range []string{`502`, `503`, "bob@example.com"} {
		if strings.Contains(text, other) {
			t.Errorf("export holds another customer's or shop's data (%s): %s", other, text)
		}
	}
	list, _ := f.privacy.Requests(f.ctx, f.shop.ID, 10)
	if len(list) != 1 || list[0].Topic != "customers/data_request" || list[0].ShopifyRequestID != "dr-1" {
		t.Fatalf("requests: %+v", list)
	}
	if _, err := f.privacy.Request(f.ctx, f.other.ID, req.ID); err == nil {
		t.Fatal("another shop can read the export")
	}
}

func TestRedactCustomerLeavesNoTrace(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	ada := storage.CustomerRef{ID: 7001, Email: "ada@example.com", Phone: "+15550001"}
	if _, err := f.privacy.ExportCustomer(f.ctx, f.shop.ID, "dr-1", ada, f.now); err != nil {
		t.Fatal(err)
	}
	req, err := f.privacy.RedactCustomer(f.ctx, f.shop.ID, "", ada, f.now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(req.Erased), `"webhook_deliveries": 1`) && !strings.Contains(string(req.Erased), `"webhook_deliveries":1`) {
		t.Fatalf("erased counts: %s", req.Erased)
	}
	// No row of this shop anywhere still names her; the other shop's and the
	// other customer's rows are untouched.
	for _, trace := range []string{"ada@example.com", "+15550001", `"id":501`} {
		for _, table := range rowsContaining(t, f.db, trace) {
			if table == "webhook_deliveries" && countRows(t, f.db, `SELECT count(*) FROM webhook_deliveries
				WHERE shop_domain = 'private.myshopify.com' AND strpos(encode(body, 'escape'), $1) > 0`, trace) == 0 {
				continue // only the other shop's delivery names her
			}
			t.Errorf("%s still in %s", trace, table)
		}
	}
	if countRows(t, f.db, `SELECT count(*) FROM webhook_deliveries WHERE body IS NOT NULL`) != 2 {
		t.Fatal("the other customer's or the other shop's delivery was erased")
	}
}

func TestRedactShopErasesEveryTable(t *testing.T) {
	t.Parallel()
	f := newPrivacyFixture(t)
	if _, err := f.db.Exec(`INSERT INTO agents (shop_id, shopify_user_id, email) VALUES ($1, 9001, 'owner@private.example')`, f.shop.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.privacy.ExportCustomer(f.ctx, f.shop.ID, "dr-1", storage.CustomerRef{ID: 7001}, f.now); err != nil {
		t.Fatal(err)
	}
	f.chatOfTheShop(t)
	erased, err := f.privacy.RedactShop(f.ctx, "private.myshopify.com")
	if err != nil {
		t.Fatal(err)
	}
	if erased["shops"] != 1 || erased["webhook_deliveries"] != 2 {
		t.Fatalf("erased %v", erased)
	}
	for _, table := range tablesWithColumn(t, f.db, "shop_id") {
		if n := countRows(t, f.db, fmt.Sprintf(`SELECT count(*) FROM %q WHERE shop_id = $1`, table), f.shop.ID); n > 0 {
			t.Errorf("%d rows of the erased shop left in %s", n, table)
		}
	}
	for _, trace := range []string{"private.myshopify.com", "owner@private.example"} {
		if where := rowsContaining(t, f.db, trace); len(where) > 0 {
			t.Errorf("%s still in %v", trace, where)
		}
	}
	if _, err := storage.NewShops(f.db, testKeys(t), time.Now).Get(f.ctx, f.other.ID); err != nil {
		t.Fatalf("the other shop was erased too: %v", err)
	}
	if again, err := f.privacy.RedactShop(f.ctx, "private.myshopify.com"); err != nil || again["shops"] != 0 {
		t.Fatalf("a second redact: %v, %v", again, err)
	}
}

// chatOfTheShop gives f's shop a conversation with messages and events,
// and an event of the shop that names no conversation: messages and events
// carry no key to the shop (migration 0052), so the erasure must reach them
// another way.
func (f privacyFixture) chatOfTheShop(t *testing.T) {
	t.Helper()
	p, err := storage.NewProfiles(f.db, time.Now).ForCustomer(f.ctx, f.shop.ID, 7002)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewConversations(f.db, time.Now).PostFromShopper(f.ctx, f.shop.ID, p.ID, storage.ShopperPost{
		ClientID: newClientID(), Body: "owner@private.example wrote this", Preview: "hi", AutoReply: "One moment"}); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.NewEvents(f.db, time.Now).Append(f.ctx, storage.NewEvent{ShopID: f.shop.ID, Kind: "shop.updated",
		Audience: storage.AudienceAgents, Payload: map[string]string{"domain": "private.myshopify.com"}}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"messages", "events"} {
		if n := countRows(t, f.db, fmt.Sprintf(`SELECT count(*) FROM %q WHERE shop_id = $1`, table), f.shop.ID); n == 0 {
			t.Fatalf("the shop has no %s to erase", table)
		}
	}
}

func tablesWithColumn(t *testing.T, db *sqlx.DB, column string) []string {
	t.Helper()
	var tables []string
	if err := db.Select(&tables, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = 'public' AND column_name = $1`, column); err != nil {
		t.Fatal(err)
	}
	if len(tables) < 3 {
		t.Fatalf("only %v have %s", tables, column)
	}
	return tables
}

// Every table must say whether it holds customer data, so the compliance
// export and erasure cannot miss a table added later.
func TestEveryTableIsClassifiedForPrivacy(t *testing.T) {
	t.Parallel()
	db := pgtest.NewDB(t)
	var tables []string
	if err := db.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`); err != nil {
		t.Fatal(err)
	}
	customer, without := storage.PrivacyClassification()
	listed := map[string]bool{}
	for _, name := range customer {
		listed[name] = true
	}
	for _, table := range tables {
		_, none := without[table]
		if listed[table] == none {
			t.Errorf("table %s must be in exactly one of customerData and tablesWithoutCustomerData (storage/privacy.go)", table)
		}
	}
}

// A customer's chat (profile, conversations, messages, replies included) is
// in their export and gone after their erasure.
func TestChatIsExportedAndErased(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	f.db.MustExec(`UPDATE profiles SET email = 'jane.chat@example.com', first_name = 'Jane' WHERE id = $1`, f.profile.ID)
	c := f.post(t, newClientID(), "My parcel is late", "").Conversation
	if _, err := f.convs.PostFromAgent(f.ctx, f.shopID, c.ID, f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "Sorry Jane, checking", Preview: "x"}); err != nil {
		t.Fatal(err)
	}
	privacy := storage.NewPrivacy(f.db, f.clock.Now)
	ref := storage.CustomerRef{ID: 7001, Email: "JANE.CHAT@example.com"}
	req, err := privacy.ExportCustomer(f.ctx, f.shopID, "dr", ref, f.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	var export storage.CustomerExport
	json.Unmarshal(req.Export, &export)
	for table, want := range map[string]string{"messages": "My parcel is late", "conversations": `"status"`, "profiles": "jane.chat@example.com"} {
		if !strings.Contains(string(export.Tables[table]), want) {
			t.Errorf("export's %s lacks %q: %s", table, want, export.Tables[table])
		}
	}
	if _, err := privacy.RedactCustomer(f.ctx, f.shopID, "", ref, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	for _, trace := range []string{"My parcel is late", "Sorry Jane", "jane.chat@example.com"} {
		if tables := rowsContaining(t, f.db, trace); len(tables) > 0 {
			t.Errorf("%q still in %v", trace, tables)
		}
	}
}
