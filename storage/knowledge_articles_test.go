package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestArticlesCRUDScopedToTheShop(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	mine, _ := shops.Install(ctx, "mine.myshopify.com", expiringToken(clk.Now(), "shpat_m", "shprt_m"))
	theirs, _ := shops.Install(ctx, "theirs.myshopify.com", expiringToken(clk.Now(), "shpat_t", "shprt_t"))
	articles := storage.NewArticles(db, clk.Now)

	sizes, err := articles.Create(ctx, mine.ID, "Size guide", "Our hoodies run large.", false)
	if err != nil {
		t.Fatal(err)
	}
	care, _ := articles.Create(ctx, mine.ID, "caring for wool", "Wash cold.", true)
	other, _ := articles.Create(ctx, theirs.ID, "Theirs", "Not yours.", true)
	all, _ := articles.All(ctx, mine.ID)
	if len(all) != 2 || all[0].ID != care.ID || all[1].ID != sizes.ID {
		t.Fatalf("all, by title whatever the case: %+v", all)
	}
	clk.Advance(time.Minute)
	if sizes, err = articles.Update(ctx, mine.ID, sizes.ID, "Size guide", "Hoodies run one size large.", true); err != nil || !sizes.Published || !sizes.UpdatedAt.Equal(clk.Now()) {
		t.Fatalf("update: %+v, %v", sizes, err)
	}
	if _, err := articles.SetPublished(ctx, mine.ID, care.ID, false); err != nil {
		t.Fatal(err)
	}
	if pub, _ := articles.Published(ctx, mine.ID); len(pub) != 1 || pub[0].ID != sizes.ID {
		t.Fatalf("published: %+v", pub)
	}

	// Another shop's article is not found by any method, and is untouched.
	if _, err := articles.Get(ctx, mine.ID, other.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("get: %v", err)
	}
	if _, err := articles.Update(ctx, mine.ID, other.ID, "Mine", "Mine.", true); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("update: %v", err)
	}
	if _, err := articles.SetPublished(ctx, mine.ID, other.ID, false); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("publish: %v", err)
	}
	if err := articles.Delete(ctx, mine.ID, other.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("delete: %v", err)
	}
	if got, _ := articles.Get(ctx, theirs.ID, other.ID); got != other {
		t.Fatalf("the other shop's article changed: %+v", got)
	}

	if err := articles.Delete(ctx, mine.ID, care.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := articles.Get(ctx, mine.ID, care.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleted article: %v", err)
	}
}

func TestKnowledgeImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	mine, _ := shops.Install(ctx, "mine.myshopify.com", expiringToken(clk.Now(), "shpat_m", "shprt_m"))
	faqs, articles := storage.NewFAQs(db, clk.Now), storage.NewArticles(db, clk.Now)
	knowledge := storage.NewImports(db, clk.Now)
	if _, err := faqs.Create(ctx, mine.ID, "Existing?", "Yes.", true); err != nil {
		t.Fatal(err)
	}

	err := knowledge.Import(ctx, mine.ID,
		[]storage.NewFAQ{{Question: "Imported one?", Answer: "1", Published: true}, {Question: "Imported two?", Answer: "2"}},
		[]storage.NewArticle{{Title: "Returns", Body: "30 days.", Published: true}})
	if err != nil {
		t.Fatal(err)
	}
	wantQuestions(t, ctx, faqs, mine.ID, "Existing?", "Imported one?", "Imported two?")
	if all, _ := faqs.All(ctx, mine.ID); all[2].Published || !all[1].Published || all[2].Position != 3 {
		t.Fatalf("imported FAQs: %+v", all)
	}
	if all, _ := articles.All(ctx, mine.ID); len(all) != 1 || all[0].Title != "Returns" || !all[0].Published {
		t.Fatalf("imported articles: %+v", all)
	}

	// PostgreSQL refuses a NUL in text: the articles fail after the FAQs
	// went in, and the FAQs go too.
	err = knowledge.Import(ctx, mine.ID, []storage.NewFAQ{{Question: "Lost?", Answer: "Yes."}},
		[]storage.NewArticle{{Title: "Broken", Body: "a\x00b"}})
	if err == nil || !strings.Contains(err.Error(), "articles") {
		t.Fatalf("import with a broken article: %v", err)
	}
	wantQuestions(t, ctx, faqs, mine.ID, "Existing?", "Imported one?", "Imported two?")
	if all, _ := articles.All(ctx, mine.ID); len(all) != 1 {
		t.Fatalf("articles after the failed import: %+v", all)
	}
}
