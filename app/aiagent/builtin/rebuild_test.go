package builtin_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// The engine builds a shop's index once, answers from it while nothing
// changes, and rebuilds after each kind of edit, whose effect the next
// answer shows.
func TestEngineRebuildsOnlyWhenTheKnowledgeChanged(t *testing.T) {
	f := newFixture(t)
	const question = "do you sell camping stoves?"
	if a := f.ask(t, question); !a.Handoff {
		t.Fatalf("before any stove: %+v", a)
	}
	f.ask(t, "how long does shipping take?")
	if b := f.engine.Builds(); b != 1 {
		t.Fatalf("%d builds for two answers over unchanged data, want 1", b)
	}
	builds := f.engine.Builds()
	steps := []struct {
		name  string
		edit  func()
		want  string // the source of the question's answer after the edit
		asked string
	}{
		{"a product created", func() {
			f.products.Save(f.ctx, f.shopID, storage.Product{ShopifyID: 8100, Title: "Alpine Camping Stove", Handle: "alpine-stove",
				Price: "59.00", Status: "active", Description: "A compact gas stove.", UpdatedAt: time.Now()})
		}, "product:Alpine Camping Stove", question},
		{"the product archived", func() {
			f.products.Save(f.ctx, f.shopID, storage.Product{ShopifyID: 8100, Title: "Alpine Camping Stove", Handle: "alpine-stove",
				Price: "59.00", Status: "archived", UpdatedAt: time.Now().Add(time.Minute)})
		}, "handoff", question},
		{"a FAQ created", func() { f.addFAQ(t, "Do you sell camping stoves?", "Not any more: we stopped selling stoves in 2025.") },
			"faq:Do you sell camping stoves?", "do you sell stoves"},
		{"an article created", func() { f.addArticle(t, "Student discount", "Students get 10% off with a valid student card.", true) },
			"article:Student discount", "do you offer a student discount"},
		{"the article unpublished", func() {
			f.db.MustExec(`UPDATE knowledge_articles SET published = false WHERE shop_id = $1 AND title = 'Student discount'`, f.shopID)
		}, "handoff", "do you offer a student discount"},
		{"a policy added", func() {
			f.shops.UpdateDetails(f.ctx, f.shopID, storage.ShopDetails{Name: "Outdoor Co", PrimaryDomain: "outdoor.example",
				IANATimezone: "America/New_York", Currency: "USD", Policies: append(outdoorPolicies, storage.ShopPolicy{
					Type: "CONTACT_INFORMATION", Title: "Contact", URL: "https://outdoor.example/policies/contact-information",
					Body: "Our offices are at 12 Pine Road, Albany, NY."})})
		}, "policy:Contact", "where are your offices"},
	}
	for _, s := range steps {
		s.edit()
		a := f.ask(t, s.asked)
		if got := source(a); got != s.want {
			t.Errorf("after %s, %q: %s, want %s", s.name, s.asked, got, s.want)
		}
		if b := f.engine.Builds(); b != builds+1 {
			t.Errorf("after %s: %d builds, want %d", s.name, b, builds+1)
		}
		builds = f.engine.Builds()
	}
}

// Many concurrent answers for a shop whose index is missing build it once,
// and all of them answer.
func TestConcurrentAnswersBuildOnce(t *testing.T) {
	f := newFixture(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := []string{"does this hoodie run big?", "talk to a person", "do you have rain jackets?", "hi"}[i%4]
			a, err := f.engine.Answer(f.ctx, f.shopID, aiagent.Question{Text: q, Language: "en"})
			if err == nil && a.Text == "" && !a.Handoff {
				err = fmt.Errorf("%q: empty answer", q)
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if b := f.engine.Builds(); b != 1 {
		t.Errorf("%d builds for one shop's concurrent first answers, want 1", b)
	}
}

// Only so many shop indexes stay in memory; an evicted one is rebuilt.
func TestIndexesAreBounded(t *testing.T) {
	f := newFixture(t)
	e := builtin.New(f.knowledge, f.orders, builtin.Options{MaxIndexes: 1, MaxStale: -1})
	ask := func(lang string) {
		if _, err := e.Answer(f.ctx, f.shopID, aiagent.Question{Text: "shipping?", Language: lang}); err != nil {
			t.Fatal(err)
		}
	}
	ask("en")
	ask("es") // evicts English
	ask("en")
	if b := e.Builds(); b != 3 {
		t.Errorf("%d builds, want 3 with room for one index", b)
	}
}
