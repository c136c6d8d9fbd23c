package builtin_test

import (
	"context"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// Spanish shoppers' words reach the merchant's: a time is not a price nor
// a shipment ("¿cuánto tardáis en devolver el dinero?" asks of refunds),
// cash on delivery is not a refund, one place is not another, the
// stemmer's stop words count without their accents, and Latin America's
// product words find Spain's.
func TestSpanishShoppersWords(t *testing.T) {
	k := newMemoryKnowledge()
	snap := faqShop("es",
		[2]string{"¿Cuánto cuesta el envío?", "El envío cuesta 4,50 € y es gratis desde 40 €."},
		[2]string{"¿Cuánto tarda el envío?", "Los pedidos llegan en 2 a 3 días laborables."},
		[2]string{"¿Cuándo me devolvéis el dinero?", "Reembolsamos en un plazo de 10 días desde que recibimos la devolución."},
		[2]string{"¿Enviáis a Canarias?", "Sí, a Canarias en 6 días laborables; puede haber gastos de aduana."},
		[2]string{"¿Qué formas de pago aceptáis?", "Tarjeta, PayPal y Bizum. También contra reembolso, con 3 € de recargo."},
		[2]string{"¿Tenéis algún código de descuento?", "Suscríbete a la newsletter y te enviamos un 10 % de descuento."},
		[2]string{"¿Hacéis envoltorio para regalo?", "Sí, por 2 €, con una nota escrita a mano."},
		[2]string{"¿Qué opciones de envío hay?", "El envío estándar llega en 3 a 5 días; el urgente, en 24 horas por 9 €."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Chaqueta Acolchada", Handle: "chaqueta-acolchada", Price: "89.00", Status: "active",
			Available: true, Description: "Chaqueta ligera y cálida para el invierno."},
		{ShopifyID: 2, Title: "Zapatillas de Running", Handle: "zapatillas-running", Price: "65.00", Status: "active",
			Available: true, Description: "Zapatillas ligeras con buena amortiguación."},
	}
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question, want string // want: a FAQ's question, a product's handle, or "" for not the Canarias FAQ
	}{
		{"¿en cuántos días me llega?", "¿Cuánto tarda el envío?"},
		{"¿y el envío normal qué tal?", "¿Qué opciones de envío hay?"},
		{"¿cuánto tardáis en devolver el dinero?", "¿Cuándo me devolvéis el dinero?"},
		{"¿aceptáis pago contra reembolso?", "¿Qué formas de pago aceptáis?"},
		{"¿cuánto me sale el envío?", "¿Cuánto cuesta el envío?"},
		{"¿mandáis a Lanzarote?", "¿Enviáis a Canarias?"},
		{"¿enviáis a Francia?", ""},
		{"¿hay algún cupón?", "¿Tenéis algún código de descuento?"},
		{"¿me lo podéis envolver?", "¿Hacéis envoltorio para regalo?"},
		{"busco una chaqueta", "chaqueta-acolchada"},
		{"busco una campera", "chaqueta-acolchada"},
		{"necesito unos tenis", "zapatillas-running"},
	} {
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: tt.question, Language: "es"})
		if err != nil {
			t.Fatal(err)
		}
		got := answeredBy(a)
		if tt.want == "" && got == "¿Enviáis a Canarias?" || tt.want != "" && got != tt.want {
			t.Errorf("%q: answered by %q (%q), want %q", tt.question, got, a.Text, tt.want)
		}
	}
}

// answeredBy is the FAQ question or the first card's handle that answers
// a, "" for a handoff or a choice.
func answeredBy(a aiagent.Answer) string {
	switch {
	case a.Handoff || len(a.Choices) > 0:
		return ""
	case len(a.Cards) > 0:
		return a.Cards[0].Handle
	case len(a.Sources) > 0:
		return a.Sources[0].Title
	}
	return ""
}
