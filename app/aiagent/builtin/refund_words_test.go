package builtin_test

import (
	"strings"
	"testing"
)

// A refund's money arriving is asked in a parcel's words ("arrive",
// "llega"): the question is the refund's, not shipping's; "when will",
// "cuándo me" ask its delay.
func TestRefundArrivingIsNotShipping(t *testing.T) {
	f := newFixture(t)
	f.addFAQ(t, "How do I get a refund?", "Write to us to get a refund and we send you a return label.")
	for _, text := range []string{"how long for my refund to arrive", "when will my refund show up", "when will my refund arrive"} {
		// The policy's paragraph of the refund's delay, not of the return's window.
		if a := f.ask(t, text); source(a) != "policy:Refund policy" || !strings.Contains(a.Text, "within 5 business days") {
			t.Errorf("%q: answered from %s: %q, want the refund policy's delay", text, source(a), a.Text)
		}
	}

	es := spanishShop(t)
	es.addFAQ(t, "¿Cómo pido un reembolso?", "Escríbenos para pedir el reembolso y te mandamos la etiqueta de devolución.")
	es.addFAQ(t, "Plazos del reembolso", "Abonamos el dinero en un plazo de 14 días desde que recibimos el artículo.")
	for _, text := range []string{"¿en cuántos días llega el reembolso?", "cuanto tarda en llegar mi dinero", "¿cuándo me llega el reembolso?"} {
		if got := source(es.askAs(t, text, "es", 0)); got != "faq:Plazos del reembolso" {
			t.Errorf("%q: answered from %s, want the refund's FAQ", text, got)
		}
	}
}
