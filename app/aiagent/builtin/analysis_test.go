package builtin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// Shoppers' spelling: two words run together are split ("giftcards"), a
// typo of a function word is dropped rather than bent into a word of the
// shop's data ("dose"), and a product search a FAQ answers by its title
// shows the FAQ's answer with the cards.
func TestShoppersSpelling(t *testing.T) {
	k := newMemoryKnowledge()
	snap := faqShop("en",
		[2]string{"How long does shipping take?", "Shipping takes 2 to 3 business days."},
		[2]string{"Do you sell gift cards?", "Yes: gift cards from $25 to $200, emailed at once."},
		[2]string{"Can I return a gift?", "Gifts can be returned within 30 days."})
	snap.Products = []storage.Product{{ShopifyID: 1, Title: "Lantern Gift Card", Handle: "gift-card", Price: "25.00",
		Status: "active", Available: true, Description: "A digital gift card."}}
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question, want, card string
	}{
		{"how long dose shipping take", "Shipping takes 2 to 3 business days.", ""},
		{"do you sell giftcards", "Yes: gift cards from $25 to $200, emailed at once.", "gift-card"},
		{"do you have gift cards?", "Yes: gift cards from $25 to $200, emailed at once.", "gift-card"},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != tt.want || a.Handoff || tt.card != "" && (len(a.Cards) != 1 || a.Cards[0].Handle != tt.card) {
			t.Errorf("%q: %q (handoff %v, cards %+v), want %q with card %q", tt.question, a.Text, a.Handoff, a.Cards, tt.want, tt.card)
		}
	}
}

// A signed-in customer asking about "my rain shell" hears the status of
// their latest orders, since an order does not say what it holds; "where
// is my order" hears the latest alone.
func TestOrderQuestionNamingAProductTellsTheLatestOrders(t *testing.T) {
	f := newFixture(t)
	day := time.Date(2026, 9, 1, 15, 0, 0, 0, time.UTC)
	for i, name := range []string{"#1001", "#1002", "#1003", "#1004"} {
		f.saveOrder(t, int64(i+1), 7001, name, "paid", "", day.Add(time.Duration(i)*24*time.Hour))
	}
	many := f.askAs(t, "has my rain shell shipped?", "en", 7001)
	for _, want := range []string{"#1004", "#1003", "#1002"} {
		if !strings.Contains(many.Text, want) {
			t.Errorf("naming a product: %q lacks order %s", many.Text, want)
		}
	}
	if strings.Contains(many.Text, "#1001") || len(many.Sources) != 3 || many.Handoff {
		t.Errorf("naming a product: %+v, want the latest three orders", many)
	}
	if one := f.askAs(t, "where is my order?", "en", 7001); strings.Contains(one.Text, "#1003") || !strings.Contains(one.Text, "#1004") {
		t.Errorf("where is my order: %q, want the latest alone", one.Text)
	}
}

// A long paragraph of an article is quoted by the sentences that answer
// the question, not whole; a question about the whole article gets its
// opening.
func TestLongParagraphsAreQuotedByTheirBestSentences(t *testing.T) {
	k := newMemoryKnowledge()
	snap := faqShop("en", [2]string{"How long does shipping take?", "Shipping takes 2 to 3 business days."})
	snap.Articles = []storage.Article{{ID: 1, Title: "French press brew guide", Body: "Use 30 g of coffee ground coarse, " +
		"like sea salt, for 500 g of water just off the boil. Pour all the water, stir once and put the lid on without " +
		"pressing. After 4 minutes, stir the crust, skim the foam and press the plunger down slowly. Pour it all out at " +
		"once so the coffee does not keep brewing and turn bitter. Rinse the mesh filter under hot water after each use.\n\n" +
		"A French press makes a full-bodied cup with more oils than a paper filter lets through."}}
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct{ question, want string }{
		{"after how many minutes do I press the plunger", "After 4 minutes, stir the crust, skim the foam and press the plunger down slowly."},
		{"french press brew guide", "Use 30 g of coffee ground coarse"},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Handoff || !strings.Contains(a.Text, tt.want) || strings.Contains(a.Text, "Rinse the mesh") {
			t.Errorf("%q: %q (handoff %v), want %q without the paragraph's last sentences", tt.question, a.Text, a.Handoff, tt.want)
		}
	}
}
