package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// placesShop is a Canadian shop whose shipping policy names the US and
// whose pickup FAQ says "us" as a pronoun.
func placesShop(currency string) storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{ShopName: "Driftwood", Currency: currency,
		FAQs: []storage.FAQ{{ID: 1, Question: "Can I pick up my order?",
			Answer: "Yes, email us and collect it from our studio in Halifax on weekdays."}},
		Policies: []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
			Body: "We ship anywhere in Canada for $12.\n\nWe ship to the US for a flat $19, in 6 to 10 business days.\n\n" +
				"We don't ship to other countries yet."}},
	}
}

// A city or a state a shopper names is answered by what the shop says of
// its country: Maine by the US paragraph, not by Canada's nor by a
// passage that says "us" as a pronoun.
func TestAPlaceIsAnsweredByItsCountry(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(placesShop("CAD"), kit, true)
	for _, q := range []string{"can you send it to my mom in maine", "shipping to the usa?", "do you ship to seattle"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, "$19") {
			t.Errorf("%q: answered %q (handoff %v, confidence %.2f), want the US paragraph", q, a.Text, a.Handoff, a.Confidence)
		}
	}
}

// One country does not stand for another: a question about Germany is
// not answered by the paragraph on the US or on Canada, and from a shop
// in the US a state is not abroad.
func TestACountryIsNotAnotherCountry(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(placesShop("CAD"), kit, true)
	a := idx.respond(kit, normalized("do you ship to germany"))
	if strings.Contains(a.Text, "$19") || strings.Contains(a.Text, "$12") {
		t.Errorf("germany: answered %q, want the other countries' paragraph or a handoff", a.Text)
	}
	us := buildIndex(placesShop("USD"), kit, true)
	q := us.analyse(normalized("do you ship to maine"))
	for _, c := range q.concepts {
		for _, f := range c.forms {
			if f.term == "~international" {
				t.Errorf("maine from a US shop: abroad among its forms %v", c.forms)
			}
		}
	}
	q = idx.analyse(normalized("do you ship to maine"))
	abroadForm := false
	for _, c := range q.concepts {
		for _, f := range c.forms {
			abroadForm = abroadForm || f.term == "~international"
		}
	}
	if !abroadForm {
		t.Errorf("maine from a Canadian shop: abroad not among its forms")
	}
}

// In Spanish too: a Mexican city is answered by what a Mexican shop says
// of shipping within the country, and another country not by it.
func TestASpanishPlaceIsAnsweredByItsCountry(t *testing.T) {
	kit := languageFor("es")
	idx := buildIndex(storage.KnowledgeSnapshot{ShopName: "Casa Ocotl", Currency: "MXN", Locale: "es",
		FAQs: []storage.FAQ{{ID: 1, Question: "¿Qué medida tiene la taza?", Answer: "La taza mide 9 cm de alto."}},
		Policies: []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Política de envío",
			Body: "El envío estándar cuesta $120 a cualquier parte de México.\n\nPor ahora no enviamos fuera del país."}},
	}, kit, true)
	for _, q := range []string{"¿cuánto cuesta el envío a Mérida?", "¿envían a Monterrey?"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, "$120") {
			t.Errorf("%q: answered %q (handoff %v, confidence %.2f), want the shipping rate", q, a.Text, a.Handoff, a.Confidence)
		}
	}
	if a := idx.respond(kit, normalized("¿envían a Colombia?")); strings.Contains(a.Text, "$120") {
		t.Errorf("Colombia: answered with Mexico's rate: %q", a.Text)
	}
}
