package builtin

import (
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// A question of a measure ("how long does it burn") is answered only with
// a passage that gives one: the sentence on the topic without a number or
// a duration ("burns cleanly") is handed off; one with it is quoted.
func TestAQuestionOfAMeasureIsAnsweredWithOne(t *testing.T) {
	snap := faqShop("en",
		[2]string{"How long does shipping take?", "Standard shipping takes 3 to 5 business days."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Lavender Candle", Handle: "lavender", Price: "28.00", Status: "active", Available: true,
			Description: "Hand-poured soy wax that burns cleanly. Scented with lavender oil."},
		{ShopifyID: 2, Title: "Cedar Candle", Handle: "cedar", Price: "28.00", Status: "active", Available: true,
			Description: "Soy wax scented with cedarwood."},
	}
	for _, lang := range []string{"en"} {
		kit := languageFor(lang)
		idx := buildIndex(snap, kit, true)
		if a := idx.respond(kit, normalized("how long does the lavender candle burn")); !a.Handoff {
			t.Errorf("answered %q, want a handoff: nothing says how long it burns", a.Text)
		}
		if a := idx.respond(kit, normalized("how long does shipping take")); a.Handoff || !strings.Contains(a.Text, "3 to 5") {
			t.Errorf("answered %q (handoff %v), want the shipping time", a.Text, a.Handoff)
		}
	}
	es := languageFor("es")
	given := aiagent.Answer{Text: "Enviamos desde Córdoba.", Confidence: 1}
	if a := withoutMeasure(es, normalized("¿cuánto tarda en llegar?"), given, es.texts); !a.Handoff {
		t.Errorf("a Spanish question of a delay answered without one: %q", a.Text)
	}
	given.Text = "Llega en 2 a 4 días laborables."
	if a := withoutMeasure(es, normalized("¿cuánto tarda en llegar?"), given, es.texts); a.Handoff {
		t.Errorf("a Spanish delay handed off: %q", a.Text)
	}
}
