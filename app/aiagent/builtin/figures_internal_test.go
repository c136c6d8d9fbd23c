package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question's word is answered by the passage that states it as a figure
// without the word: a discount by "10% off", a temperature by "200 °F".
func TestAFigureAnswersTheWordItStates(t *testing.T) {
	snap := faqShop("en",
		[2]string{"What do I get with a subscription?", "Every subscription delivery is 10% off and ships free."},
		[2]string{"How do I cancel my subscription?", "Sign in and open Subscriptions in your account."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Pour over brew guide", Published: true,
		Body: "Use 22 g of coffee and 350 g of water just off the boil, at 200 °F.\n\nBloom for 30 seconds, then pour slowly."},
		{ID: 2, Title: "Caring for ferns", Published: true,
			Body: "Our Boston fern ships in an 8\" hanging pot with a hook.\n\nKeep the soil of the fern moist and mist it weekly."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, tt := range []struct{ question, want string }{
		{"subscription discount?", "10% off"},
		{"what temp water for pour over", "200 °F"},
		{"how big is the pot the fern comes in", `8"`},
	} {
		a := idx.respond(kit, normalized(tt.question))
		if a.Handoff || len(a.Choices) > 0 || !strings.Contains(a.Text, tt.want) {
			t.Errorf("%q: %q (choices %v, handoff %v), want %q", tt.question, a.Text, a.Choices, a.Handoff, tt.want)
		}
	}
	for text, want := range map[string]bool{"$5 off your next order": true, "15 percent off": true, "at 30 degrees": true,
		"take it off the heat": false, "2 to 3 days": false, "for dogs up to 18 lb": true, "a 2 kg bag": true,
		"a 20 pounds gift card": false, "14 to 18 inches tall": true, `a 6" nursery pot`: true, "2 in stock": false} {
		tf := map[string]float32{}
		countFigures(tf, kit.language, text)
		if got := tf["~discounts"] > 0 || tf["~temperature"] > 0 || tf["~weight"] > 0 || tf["~size"] > 0; got != want {
			t.Errorf("%q states a figure: %v, want %v", text, got, want)
		}
	}

	es := languageFor("es")
	for text, want := range map[string]bool{"agua a 80 °C": true, "a 90 grados": true, "10 % de algodón": false,
		"mide 12 cm de alto": true, "2 en stock": false} {
		tf := map[string]float32{}
		countFigures(tf, es.language, text)
		if got := tf["~temperatura"] > 0 || tf["~talla"] > 0; got != want {
			t.Errorf("%q states a temperature or a size: %v, want %v", text, got, want)
		}
	}
}

// A question of what a figure measures ("how heavy", "what temperature")
// of a product is answered by the sentence of its description that states
// it as a figure, without the word: "The box weighs 6.2 kg".
func TestADescribedFigureAnswersWhatItMeasures(t *testing.T) {
	snap := faqShop("en", [2]string{"Can I visit the shop?", "Yes, every day from 10am."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Digital Brewing Scale", Handle: "scale", Price: "55.00", Status: "active", Available: true,
			Description: "A coffee scale with a built-in timer. It reads to 0.1 g precision up to 2 kg. Rechargeable USB-C battery."},
		{ShopifyID: 2, Title: "Gooseneck Kettle", Handle: "kettle", Price: "89.00", Status: "active", Available: true,
			Description: "A 0.9 L electric gooseneck kettle. Holds any temperature from 135 to 212 °F for 60 minutes."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for q, want := range map[string]string{"how heavy can the scale weigh": "2 kg", "what temperature does the kettle go to": "212 °F"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, want) {
			t.Errorf("%q: answered %q (handoff %v), want %q", q, a.Text, a.Handoff, want)
		}
	}
}
