package storage_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// knowledgeShop is a shop, and another, with what the agent answers from.
type knowledgeShop struct {
	ctx       context.Context
	clk       *clock
	db        *sqlx.DB
	id, other int64
	shops     *storage.Shops
	faqs      *storage.FAQs
	products  *storage.Products
	knowledge *storage.Knowledge
}

var (
	refundPolicy = storage.ShopPolicy{Type: "REFUND_POLICY", Title: "Refund policy", Body: "30 days.\n\nFree returns.",
		URL: "https://shop.example/policies/refund-policy"}
	shippingPolicy = storage.ShopPolicy{Type: "SHIPPING_POLICY", Title: "Shipping policy", Body: "We ship worldwide.",
		URL: "https://shop.example/policies/shipping-policy"}
	shopDetails = storage.ShopDetails{Name: "Shop", PrimaryDomain: "shop.example", Email: "help@shop.example",
		IANATimezone: "Europe/Madrid", Currency: "EUR", Policies: []storage.ShopPolicy{refundPolicy, shippingPolicy}}
)

func newKnowledgeShop(t *testing.T) *knowledgeShop {
	t.Helper()
	k := &knowledgeShop{ctx: context.Background(), clk: newClock(), db: pgtest.NewDB(t)}
	k.shops = storage.NewShops(k.db, testKeys(t), k.clk.Now)
	k.faqs, k.products, k.knowledge = storage.NewFAQs(k.db, k.clk.Now), storage.NewProducts(k.db), storage.NewKnowledge(k.db)
	for i, domain := range []string{"mine.myshopify.com", "theirs.myshopify.com"} {
		s, err := k.shops.Install(k.ctx, domain, expiringToken(k.clk.Now(), "shpat", "shprt"))
		if err != nil {
			t.Fatal(err)
		}
		if err := k.shops.UpdateDetails(k.ctx, s.ID, shopDetails); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			k.id = s.ID
		} else {
			k.other = s.ID
		}
	}
	return k
}

func (k *knowledgeShop) version(t *testing.T) int64 {
	t.Helper()
	v, err := k.knowledge.Version(k.ctx, k.id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (k *knowledgeShop) snapshot(t *testing.T) storage.KnowledgeSnapshot {
	t.Helper()
	s, err := k.knowledge.Snapshot(k.ctx, k.id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (k *knowledgeShop) saveProduct(t *testing.T, id int64, title, status string) {
	t.Helper()
	k.clk.Advance(time.Minute)
	_, err := k.products.Save(k.ctx, k.id, storage.Product{ShopifyID: id, Title: title, Handle: "h", Price: "10.00",
		Status: status, UpdatedAt: k.clk.Now()})
	if err != nil {
		t.Fatal(err)
	}
}

// A snapshot holds the shop's published FAQs and articles, its policies
// and its active products, with the shop's name, storefront and currency;
// drafts, other statuses and other shops' rows are not in it.
func TestKnowledgeSnapshotHoldsWhatTheAgentAnswersFrom(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	if _, err := k.faqs.Create(k.ctx, k.id, "Shipping?", "Worldwide.", true); err != nil {
		t.Fatal(err)
	}
	if _, err := k.faqs.Create(k.ctx, k.id, "Draft?", "Not yet.", false); err != nil {
		t.Fatal(err)
	}
	if _, err := k.faqs.Create(k.ctx, k.other, "Theirs?", "Theirs.", true); err != nil {
		t.Fatal(err)
	}
	k.db.MustExec(`INSERT INTO knowledge_articles (shop_id, title, body, published, created_at, updated_at)
		VALUES ($1, 'Size guide', 'Size down.', true, now(), now()), ($1, 'Draft article', '…', false, now(), now()),
		($2, 'Their guide', '…', true, now(), now())`, k.id, k.other)
	k.saveProduct(t, 1, "Hoodie", "active")
	k.saveProduct(t, 2, "Prototype", "draft")
	k.saveProduct(t, 3, "Old", "archived")
	s := k.snapshot(t)
	if s.ShopName != "Shop" || s.StorefrontURL != "https://shop.example" || s.Currency != "EUR" ||
		s.IANATimezone != "Europe/Madrid" || s.Email != "help@shop.example" {
		t.Errorf("shop = %+v", s)
	}
	if len(s.FAQs) != 1 || s.FAQs[0].Question != "Shipping?" {
		t.Errorf("FAQs = %+v, want the published one of this shop", s.FAQs)
	}
	if len(s.Articles) != 1 || s.Articles[0].Title != "Size guide" {
		t.Errorf("articles = %+v, want the published one of this shop", s.Articles)
	}
	if !slices.Equal(s.Policies, []storage.ShopPolicy{refundPolicy, shippingPolicy}) {
		t.Errorf("policies = %+v", s.Policies)
	}
	if len(s.Products) != 1 || s.Products[0].Title != "Hoodie" || s.Products[0].Price != "10.00" {
		t.Errorf("products = %+v, want the active one", s.Products)
	}
	if s.Version != k.version(t) {
		t.Errorf("snapshot version %d, shop's version %d", s.Version, k.version(t))
	}
	if _, err := k.knowledge.Version(k.ctx, 999999); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("an unknown shop's version: %v, want not found", err)
	}
}

// Every kind of edit to what the agent answers from changes the shop's
// knowledge version, and only this shop's; a sync that changes nothing
// leaves it alone.
func TestKnowledgeVersionChangesOnEveryEdit(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	var faq storage.FAQ
	var article int64
	edits := []struct {
		name string
		edit func(t *testing.T)
	}{
		{"FAQ created", func(t *testing.T) { faq, _ = k.faqs.Create(k.ctx, k.id, "Q?", "A.", true) }},
		{"FAQ edited", func(t *testing.T) { k.faqs.Update(k.ctx, k.id, faq.ID, "Q?", "Another answer.", true) }},
		{"FAQ unpublished", func(t *testing.T) { k.faqs.SetPublished(k.ctx, k.id, faq.ID, false) }},
		{"FAQ deleted", func(t *testing.T) { k.faqs.Delete(k.ctx, k.id, faq.ID) }},
		{"article created", func(t *testing.T) {
			k.db.Get(&article, `INSERT INTO knowledge_articles (shop_id, title, body, published, created_at, updated_at)
				VALUES ($1, 'Guide', 'Body.', true, now(), now()) RETURNING id`, k.id)
		}},
		{"article edited", func(t *testing.T) {
			k.db.MustExec(`UPDATE knowledge_articles SET body = 'New.' WHERE id = $1`, article)
		}},
		{"article unpublished", func(t *testing.T) {
			k.db.MustExec(`UPDATE knowledge_articles SET published = false WHERE id = $1`, article)
		}},
		{"article deleted", func(t *testing.T) { k.db.MustExec(`DELETE FROM knowledge_articles WHERE id = $1`, article) }},
		{"product created", func(t *testing.T) { k.saveProduct(t, 1, "Hoodie", "active") }},
		{"product edited", func(t *testing.T) { k.saveProduct(t, 1, "Merino hoodie", "active") }},
		{"product archived", func(t *testing.T) { k.saveProduct(t, 1, "Merino hoodie", "archived") }},
		{"product deleted", func(t *testing.T) { k.products.Delete(k.ctx, k.id, 1) }},
		{"policy edited", func(t *testing.T) {
			d := shopDetails
			d.Policies = []storage.ShopPolicy{{Type: "REFUND_POLICY", Title: "Refund policy", Body: "14 days.", URL: refundPolicy.URL}, shippingPolicy}
			k.shops.UpdateDetails(k.ctx, k.id, d)
		}},
		{"policy removed", func(t *testing.T) {
			d := shopDetails
			d.Policies = []storage.ShopPolicy{shippingPolicy}
			k.shops.UpdateDetails(k.ctx, k.id, d)
		}},
		{"policy added", func(t *testing.T) { k.shops.UpdateDetails(k.ctx, k.id, shopDetails) }},
		{"shop renamed", func(t *testing.T) {
			d := shopDetails
			d.Name = "Shop & Co"
			k.shops.UpdateDetails(k.ctx, k.id, d)
		}},
	}
	theirs, _ := k.knowledge.Version(k.ctx, k.other)
	for _, e := range edits {
		before := k.version(t)
		e.edit(t)
		if after := k.version(t); after == before {
			t.Errorf("%s: version stayed %d", e.name, before)
		}
	}
	if v, _ := k.knowledge.Version(k.ctx, k.other); v != theirs {
		t.Errorf("the other shop's version moved from %d to %d", theirs, v)
	}
	before := k.version(t)
	d := shopDetails
	d.Name = "Shop & Co"
	if err := k.shops.UpdateDetails(k.ctx, k.id, d); err != nil {
		t.Fatal(err)
	}
	if after := k.version(t); after != before {
		t.Errorf("a sync that changed nothing the agent reads moved the version from %d to %d", before, after)
	}
}

// A shop's deletion (shop/redact) takes its policies with it, though their
// triggers try to raise the version of a shop that is gone.
func TestKnowledgeGoesWithTheShop(t *testing.T) {
	t.Parallel()
	k := newKnowledgeShop(t)
	k.saveProduct(t, 1, "Hoodie", "active")
	k.db.MustExec(`DELETE FROM shops WHERE id = $1`, k.id)
	var n int
	if err := k.db.Get(&n, `SELECT count(*) FROM shop_policies WHERE shop_id = $1`, k.id); err != nil || n != 0 {
		t.Errorf("policies left: %d, %v", n, err)
	}
}
