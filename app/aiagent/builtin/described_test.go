package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// campShop is a shop whose products' descriptions state facts their
// fields do not: a run time, a count, a size.
func campShop() storage.KnowledgeSnapshot {
	snap := faqShop("en",
		[2]string{"How long does delivery take?", "Standard delivery takes 3 to 5 business days."},
		[2]string{"How do I charge the pocket lantern?", "Plug it into any USB-C charger: a full charge takes 3 hours."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		URL:  "https://camp.example/policies/shipping-policy",
		Body: "Beeswax tealights and candles travel in a padded box, with a cold pack in summer."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Pocket Lantern", Handle: "lantern", Price: "29.00", Status: "active", Available: true,
			Description: "A folding LED lantern with a silicone shade. Runs about 12 hours on one charge.",
			ProductType: "Lantern", Tags: []string{"camping", "light"},
			Options: storage.ProductOptions{{Name: "Colour", Values: []string{"Moss", "Sand"}}}},
		{ShopifyID: 2, Title: "Beeswax Tealights", Handle: "tealights", Price: "12.00", Status: "active", Available: true,
			Description: "Pure beeswax. Twelve tealights in aluminium tins to a box, each burning for about 4 hours.",
			ProductType: "Candle", Tags: []string{"beeswax", "candle"}},
		{ShopifyID: 3, Title: "Stoneware Planter", Handle: "planter", Price: "24.00", Status: "active", Available: true,
			Description: "Hand-thrown in our studio, with a drainage hole. A 5 inch wide pot for herbs and succulents.",
			ProductType: "Planter", Tags: []string{"pot", "garden"},
			Options: storage.ProductOptions{{Name: "Glaze", Values: []string{"Cream", "Slate"}}}},
		{ShopifyID: 6, Title: "Wool Camp Blanket", Handle: "blanket", Price: "59.00", Status: "active", Available: true,
			Description: "A heavy wool blanket for cold nights.", ProductType: "Blanket"},
		{ShopifyID: 7, Title: "Folding Camp Stool", Handle: "stool", Price: "19.00", Status: "active", Available: true,
			Description: "A light aluminium stool that folds flat.", ProductType: "Furniture"},
		{ShopifyID: 4, Title: "Enamel Camp Mug", Handle: "mug", Price: "16.00", Status: "active", Available: true,
			Description: "A 12 oz enamel mug that goes on the stove.", ProductType: "Mug", Tags: []string{"camping", "kitchen"}},
	}
	return snap
}

// A question that names a product and asks what its description states
// is answered with the sentence that states it and the product's card; a
// size none of its options gives is read from its description; what the
// description does not state is not guessed; and what the merchant wrote
// to answer the question comes before the description.
func TestProductDescriptionFacts(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, campShop())
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question string
		fact     string // in the text
		absent   string // never in the text
		card     string // "" for a handoff
	}{
		{"how long does the pocket lantern run", "12 hours", "", "lantern"},
		// The policy shares the product's name and "pack", not the tins
		// asked of.
		{"how many tins are in a pack of beeswax tealights", "Twelve tealights in aluminium tins", "padded", "tealights"},
		{"how long do the beeswax tealights burn", "about 4 hours", "Pure beeswax", "tealights"},
		// What is counted is a word of the product's name.
		{"how many beeswax tealights do i get", "Twelve tealights", "", "tealights"},
		{"what size is the stoneware planter", "5 inch wide", "Cream, Slate", "planter"},
		{"is the stoneware planter frost proof", "", "5 inch", ""},
		{"how long does the pocket lantern take to charge", "3 hours", "12 hours", ""},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var handles []string
		for _, c := range a.Cards {
			handles = append(handles, c.Handle)
		}
		switch {
		case tt.card == "" && tt.fact == "" && !a.Handoff:
			t.Errorf("%q: answered %q, want a handoff", tt.question, a.Text)
		case tt.card != "" && (a.Handoff || !sameSet(handles, []string{tt.card})):
			t.Errorf("%q: cards %v (handoff %v, %q), want %s", tt.question, handles, a.Handoff, a.Text, tt.card)
		case !strings.Contains(a.Text, tt.fact):
			t.Errorf("%q: %q lacks %q", tt.question, a.Text, tt.fact)
		case tt.absent != "" && strings.Contains(a.Text, tt.absent):
			t.Errorf("%q: %q says %q", tt.question, a.Text, tt.absent)
		}
	}
}
