package builtin_test

import "testing"

// A refund's money arriving is asked in a parcel's words ("arrive",
// "llega"): the question is the refund's, not shipping's.
func TestRefundArrivingIsNotShipping(t *testing.T) {
	f := newFixture(t)
	for _, text := range []string{"how long for my refund to arrive", "when will my refund show up"} {
		if got := source(f.ask(t, text)); got != "policy:Refund policy" {
			t.Errorf("%q: answered from %s, want the refund policy", text, got)
		}
	}

	es := spanishShop(t)
	es.addFAQ(t, "¿Cuándo devolvéis el dinero?", "Devolvemos el dinero en un plazo de 14 días desde que recibimos el artículo.")
	for _, text := range []string{"¿en cuántos días llega el reembolso?", "cuanto tarda en llegar mi dinero"} {
		if got := source(es.askAs(t, text, "es", 0)); got != "faq:¿Cuándo devolvéis el dinero?" {
			t.Errorf("%q: answered from %s, want the refund's FAQ", text, got)
		}
	}
}
