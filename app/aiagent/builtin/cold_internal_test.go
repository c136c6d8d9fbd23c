package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A shopper's cold ("freezing", "frost", "congelar") is the merchant's
// winter and weather; "cold brew" is a coffee, not the weather.
func TestColdIsTheMerchantsWinter(t *testing.T) {
	en := languageFor("en")
	idx := buildIndex(storage.KnowledgeSnapshot{ShopName: "Fernbrook", Currency: "USD",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "Do you ship plants in winter?", Answer: "Yes, with a heat pack in every box from November to March."},
			{ID: 2, Question: "How should I water my plant?", Answer: "Water when the top inch of soil is dry."},
		}}, en, true)
	if a := idx.respond(en, normalized("will my plant freeze in the mail")); a.Handoff || !strings.Contains(a.Text, "heat pack") {
		t.Errorf("freeze in the mail: answered %q (handoff %v, confidence %.2f)", a.Text, a.Handoff, a.Confidence)
	}
	for _, c := range idx.analyse(normalized("do you sell cold brew")).concepts {
		for _, f := range c.forms {
			if f.term == "winter" {
				t.Errorf("cold brew: %q takes the weather's words %v", c.term, c.forms)
			}
		}
	}
	es := languageFor("es")
	idx = buildIndex(storage.KnowledgeSnapshot{ShopName: "Olivar", Currency: "EUR", Locale: "es",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "¿Enviáis en invierno?", Answer: "Sí, de noviembre a marzo con una bolsa térmica en cada caja."},
			{ID: 2, Question: "¿Cómo riego la planta?", Answer: "Riega cuando la tierra esté seca."},
		}}, es, true)
	if a := idx.respond(es, normalized("¿se congela la planta en el envío?")); a.Handoff || !strings.Contains(a.Text, "bolsa térmica") {
		t.Errorf("se congela: answered %q (handoff %v, confidence %.2f)", a.Text, a.Handoff, a.Confidence)
	}
}
