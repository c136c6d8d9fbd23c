package builtin_test

import (
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// The merchant's own synonyms: a question in a word only the shopper uses
// is handed off until the merchant says it means the shop's word; then it
// is answered from the document written in the shop's word, through single
// words and phrases on either side, and in that shop only.
func TestMerchantSynonymsAnswerInTheShoppersWords(t *testing.T) {
	f := newFixture(t)
	f.addFAQ(t, "Are your snoods lined?", "Every snood is lined with soft fleece.")
	f.addArticle(t, "Soft shell repairs", "We patch tears in any soft shell we sold, free for two years.", true)
	other := f.otherShop(t)
	f.addFAQTo(t, other, "Are your snoods lined?", "Every snood is lined with soft fleece.")

	questions := []struct{ text, want string }{
		{"is the gaiter lined?", "faq:Are your snoods lined?"},             // a single word for a single word
		{"does the neck tube have a lining", "faq:Are your snoods lined?"}, // a phrase for a single word
		{"can you patch my windbreaker", "article:Soft shell repairs"},     // a single word for a phrase
	}
	for _, q := range questions {
		if got := source(f.ask(t, q.text)); got == q.want {
			t.Fatalf("%q is answered from %s before any synonym: the test proves nothing", q.text, got)
		}
	}

	groups := storage.NewSynonymGroups(f.db, time.Now)
	for _, words := range [][]string{{"snood", "gaiter", "neck tube"}, {"soft shell", "windbreaker"}} {
		if _, err := groups.Create(f.ctx, f.shopID, words); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range questions {
		a := f.ask(t, q.text)
		if got := source(a); got != q.want {
			t.Errorf("%q with the merchant's synonyms: got %s (confidence %.2f), want %s", q.text, got, a.Confidence, q.want)
		}
	}
	if got := source(f.askIn(t, other, "is the gaiter lined?")); got == "faq:Are your snoods lined?" {
		t.Errorf("another shop's synonyms answered in this one: %s", got)
	}
	// The curated synonyms still work beside the merchant's.
	if got := source(f.ask(t, "does this hoodie run big?")); got != "article:Size guide" {
		t.Errorf("a curated synonym question now gets %s", got)
	}
}

// otherShop installs a second shop in the fixture's database.
func (f *fixture) otherShop(t testing.TB) int64 {
	t.Helper()
	shop, err := f.shops.Install(f.ctx, "other.myshopify.com", storage.OfflineToken{AccessToken: "shpat_y", Scopes: "read_orders"})
	if err != nil {
		t.Fatal(err)
	}
	return shop.ID
}

func (f *fixture) addFAQTo(t testing.TB, shopID int64, question, answer string) {
	t.Helper()
	if _, err := f.faqs.Create(f.ctx, shopID, question, answer, true); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) askIn(t testing.TB, shopID int64, text string) aiagent.Answer {
	t.Helper()
	a, err := f.engine.Answer(f.ctx, shopID, aiagent.Question{Text: text, Language: "en"})
	if err != nil {
		t.Fatalf("answer %q: %v", text, err)
	}
	return a
}
