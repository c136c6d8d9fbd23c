package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// nurseryShop is a small plant shop whose products share words between
// one product's title and other products' tags, two products share a title
// word, one product is sold out and one comes in colours.
func nurseryShop(locale string) storage.KnowledgeSnapshot {
	snap := faqShop(locale, [2]string{"How often should I water?", "Water when the top inch of soil is dry; a soil meter helps."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Boston Fern", Handle: "boston-fern", Price: "24.00", Status: "active", Available: true,
			Description: "A lush fern for a humid bathroom.", ProductType: "Houseplant", Tags: []string{"houseplant", "humidity"}},
		{ShopifyID: 2, Title: "Woodland Potting Mix", Handle: "woodland-mix", Price: "11.00", Status: "active", Available: true,
			Description: "A peat-free mix that holds moisture.", ProductType: "Soil", Tags: []string{"fern", "calathea"}},
		{ShopifyID: 3, Title: "Pebble Humidity Tray", Handle: "pebble-tray", Price: "15.00", Status: "active", Available: true,
			Description: "Raises the humidity around a plant.", ProductType: "Accessory", Tags: []string{"fern", "humidity"}},
		{ShopifyID: 4, Title: "Soil Meter", Handle: "soil-meter", Price: "12.00", Status: "active", Available: false,
			Description: "Reads whether the soil is dry, moist or wet.", ProductType: "Tool"},
		{ShopifyID: 5, Title: "Glazed Planter", Handle: "glazed-planter", Price: "34.00", Status: "active", Available: true,
			Description: "A stoneware planter with a drainage hole.", ProductType: "Planter",
			Options: storage.ProductOptions{{Name: "Color", Values: []string{"Chalk White", "Moss Green", "Rust"}}}},
		{ShopifyID: 6, Title: "Silver Calathea", Handle: "silver-calathea", Price: "28.00", Status: "active", Available: true,
			Description: "Silvery leaves that fold up at night.", ProductType: "Houseplant"},
		{ShopifyID: 7, Title: "Striped Calathea", Handle: "striped-calathea", Price: "26.00", Status: "active", Available: true,
			Description: "Pink-striped leaves.", ProductType: "Houseplant"},
	}
	return snap
}

// A question about one product's fact is answered from the product it
// names by its title, not from products that merely carry the word in
// their tags; the asked field comes from the structured data, whatever
// words frame the question.
func TestProductFactsFromTheProductNamed(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, nurseryShop("en"))
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question string
		facts    []string
		card     string
	}{
		// "fern" is the fern's title and two other products' tags.
		{"how much is the fern", []string{"24.00 USD"}, "boston-fern"},
		// Asked whether it can be had now: the stock of the product.
		{"can i buy the soil meter right now", []string{"sold out"}, "soil-meter"},
		{"do you still sell the soil meter", []string{"sold out"}, "soil-meter"},
		// A word of an option's value asks about that option.
		{"does the glazed planter come in anything besides white", []string{"Chalk White, Moss Green, Rust"}, "glazed-planter"},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Handoff || len(a.Choices) > 0 || len(a.Cards) != 1 || a.Cards[0].Handle != tt.card {
			t.Errorf("%q: %q (handoff %v, choices %v, cards %v), want the card %s", tt.question, a.Text, a.Handoff, a.Choices, a.Cards, tt.card)
			continue
		}
		for _, f := range tt.facts {
			if !strings.Contains(a.Text, f) {
				t.Errorf("%q: %q lacks %q", tt.question, a.Text, f)
			}
		}
	}
}

// When two products answer to the name equally, the engine asks which one
// instead of giving one's price, and the shopper's pick gets the fact first
// asked, of the product picked.
func TestProductFactOfTwoProductsAsksWhich(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, nurseryShop("en"))
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	asked := aiagent.Question{Text: "how much is the calathea", Language: "en"}
	a, err := e.Answer(context.Background(), 1, asked)
	if err != nil {
		t.Fatal(err)
	}
	if a.Handoff || !sameSet(a.Choices, []string{"Silver Calathea", "Striped Calathea"}) {
		t.Fatalf("%q: %q (handoff %v, choices %v), want the two calatheas to choose from", asked.Text, a.Text, a.Handoff, a.Choices)
	}
	pick := aiagent.Question{Text: "Striped Calathea", Language: "en",
		History: []aiagent.Turn{{Author: "shopper", Text: asked.Text}, {Author: "ai", Text: a.Text}}}
	b, err := e.Answer(context.Background(), 1, pick)
	if err != nil {
		t.Fatal(err)
	}
	if b.Handoff || !strings.Contains(b.Text, "26.00 USD") || strings.Contains(b.Text, "28.00") {
		t.Errorf("the pick: %q (handoff %v), want the striped calathea's price", b.Text, b.Handoff)
	}
}

// In Spanish too: "still have" and "still hasn't come" ask the stock, and a
// colour word that is another product's option value still names the
// product whose title holds it.
func TestSpanishStockOfTheProductNamed(t *testing.T) {
	snap := nurseryShop("es")
	snap.Products = append(snap.Products,
		storage.Product{ShopifyID: 8, Title: "Té Blanco de Fujian", Handle: "te-blanco", Price: "380.00", Status: "active",
			Description: "Brotes secados al sol.", ProductType: "Té blanco"},
		storage.Product{ShopifyID: 9, Title: "Taza con Tapa", Handle: "taza", Price: "240.00", Status: "active", Available: true,
			Description: "Taza de cerámica.", ProductType: "Accesorio",
			Options: storage.ProductOptions{{Name: "Color", Values: []string{"Blanco", "Azul"}}}})
	k := newMemoryKnowledge()
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, question := range []string{"¿todavía tienen el té blanco?", "¿ya hay té blanco o sigue sin llegar?"} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: question, Language: "es"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Handoff || len(a.Cards) != 1 || a.Cards[0].Handle != "te-blanco" || !strings.Contains(a.Text, "agotado") {
			t.Errorf("%q: %q (handoff %v, cards %v), want the white tea sold out", question, a.Text, a.Handoff, a.Cards)
		}
	}
}
