package storage_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A shop is seeded once however many seeds run at the same moment, and a
// shop with knowledge of its own — even one article — is never seeded.
func TestImportIntoEmptySeedsOnce(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	fresh, _ := shops.Install(ctx, "fresh.myshopify.com", expiringToken(clk.Now(), "shpat_f", "shprt_f"))
	taught, _ := shops.Install(ctx, "taught.myshopify.com", expiringToken(clk.Now(), "shpat_t", "shprt_t"))
	faqs, articles := storage.NewFAQs(db, clk.Now), storage.NewArticles(db, clk.Now)
	imports := storage.NewImports(db, clk.Now)
	// Enough FAQs that one seed's insert takes a while: another seed that
	// looked before it committed would import them too.
	seed := make([]storage.NewFAQ, 300)
	for i := range seed {
		seed[i] = storage.NewFAQ{Question: fmt.Sprintf("Question %d?", i+1), Answer: "Yes.", Published: true}
	}
	guide := []storage.NewArticle{{Title: "Size guide", Body: "Runs large.", Published: true}}

	// The seeds wait at a barrier, so that they overlap.
	const seeds = 20
	var wg sync.WaitGroup
	ready, start := sync.WaitGroup{}, make(chan struct{})
	ready.Add(seeds)
	results := make(chan bool, seeds)
	for range seeds {
		wg.Go(func() {
			ready.Done()
			<-start
			imported, err := imports.ImportIntoEmpty(ctx, fresh.ID, seed, guide)
			if err != nil {
				t.Error(err)
			}
			results <- imported
		})
	}
	ready.Wait()
	close(start)
	wg.Wait()
	close(results)
	n := 0
	for imported := range results {
		if imported {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d of %d seeds imported, want exactly 1", n, seeds)
	}
	if all, _ := faqs.All(ctx, fresh.ID); len(all) != len(seed) {
		t.Errorf("the fresh shop has %d FAQs, want the seed's %d", len(all), len(seed))
	}
	if all, _ := articles.All(ctx, fresh.ID); len(all) != 1 {
		t.Errorf("the fresh shop has %d articles, want 1", len(all))
	}

	if _, err := articles.Create(ctx, taught.ID, "Our story", "Since 1990.", false); err != nil {
		t.Fatal(err)
	}
	if imported, err := imports.ImportIntoEmpty(ctx, taught.ID, seed, guide); err != nil || imported {
		t.Errorf("seeding a shop with a draft article: imported %v, %v; want nothing imported", imported, err)
	}
	wantQuestions(t, ctx, faqs, taught.ID)

	if _, err := imports.ImportIntoEmpty(ctx, 999999, seed, nil); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("seeding an unknown shop: %v, want ErrNotFound", err)
	}
}
