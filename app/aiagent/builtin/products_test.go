package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// catalogShop is a shop whose products carry their type, vendor, tags,
// options and availability, as the product sync stores them.
func catalogShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"How long does shipping take?", "Standard shipping takes 3 to 5 business days."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Care guide",
		Body: "Wash merino in cold water.\n\nLay it flat to dry, away from a radiator."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Trailhead Merino Hoodie", Handle: "hoodie", Price: "89.00", Status: "active", Available: true,
			Description: "A midweight merino hoodie with a kangaroo pocket. Relaxed fit.", ProductType: "Hoodie",
			Vendor: "Trailhead", Tags: []string{"merino", "wool", "layering"},
			Options: storage.ProductOptions{{Name: "Size", Values: []string{"XS", "S", "M", "L"}},
				{Name: "Color", Values: []string{"Charcoal", "Forest", "Oatmeal"}}}},
		{ShopifyID: 2, Title: "Summit Rain Shell", Handle: "shell", Price: "149.00", Status: "active", Available: true,
			Description: "A fully seam-taped shell with pit zips.", ProductType: "Rain Jacket", Vendor: "Summit",
			Tags:    []string{"waterproof", "hiking"},
			Options: storage.ProductOptions{{Name: "Size", Values: []string{"S", "M", "L", "XL", "XXL"}}}},
		{ShopifyID: 3, Title: "Expedition Storm Parka", Handle: "parka", Price: "349.00", Status: "active", Available: true,
			Description: "Our warmest parka for polar trips.", ProductType: "Rain Jacket", Vendor: "Summit",
			Tags: []string{"waterproof", "insulated"}},
		{ShopifyID: 4, Title: "Northwind Down Vest", Handle: "vest", Price: "129.00", Status: "active", Available: false,
			Description: "A packable down vest.", ProductType: "Vest", Vendor: "Northwind"},
		{ShopifyID: 5, Title: "Cascade Insulated Bottle", Handle: "bottle", Price: "34.00", Status: "active", Available: true,
			Description: "A 24 oz steel bottle that keeps drinks cold for 24 hours. Dishwasher safe.", ProductType: "Water Bottle",
			Vendor: "Cascade"},
	}
	return snap
}

// Product questions answer with the facts of the product's structured
// fields and its card; product searches find products by type, vendor and
// tags, within a price bound; nothing is said that the fields do not say.
func TestProductQuestionsAnswerWithFacts(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, catalogShop())
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question string
		facts    []string // in the text
		absent   []string // never in the text
		cards    []string // handles
	}{
		{"how much is the merino hoodie", []string{"89.00 USD"}, []string{"149"}, []string{"hoodie"}},
		{"does the rain shell come in XL?", []string{"S, M, L, XL, XXL"}, []string{"89"}, []string{"shell"}},
		{"what colors does the merino hoodie come in", []string{"Charcoal, Forest, Oatmeal"}, []string{"XS, S, M, L"}, []string{"hoodie"}},
		{"is the down vest in stock?", []string{"sold out"}, []string{"is in stock"}, []string{"vest"}},
		{"is the rain shell available", []string{"is in stock"}, []string{"sold out"}, []string{"shell"}},
		{"is the insulated bottle dishwasher safe?", []string{"Dishwasher safe."}, []string{"24 oz"}, []string{"bottle"}},
		{"do you have rain jackets?", nil, nil, []string{"shell", "parka"}},
		{"waterproof jacket under 150", nil, []string{"parka"}, []string{"shell"}},
		{"anything by Northwind?", nil, nil, []string{"vest"}},
		// Asked what the fields do not hold: no guess.
		{"does the insulated bottle come in XL", nil, nil, nil},
		// A product search no product answers is not answered by a
		// paragraph that shares its words.
		{"anything for drying flat?", nil, nil, nil},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		var handles []string
		for _, c := range a.Cards {
			handles = append(handles, c.Handle)
		}
		if a.Handoff != (tt.cards == nil) || !sameSet(handles, tt.cards) {
			t.Errorf("%q: cards %v (handoff %v, %q), want %v", tt.question, handles, a.Handoff, a.Text, tt.cards)
		}
		for _, f := range tt.facts {
			if !strings.Contains(a.Text, f) {
				t.Errorf("%q: %q lacks %q", tt.question, a.Text, f)
			}
		}
		for _, f := range tt.absent {
			if strings.Contains(a.Text, f) {
				t.Errorf("%q: %q says %q", tt.question, a.Text, f)
			}
		}
	}
}
