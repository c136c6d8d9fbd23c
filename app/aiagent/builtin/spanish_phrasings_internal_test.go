package builtin

import (
	"testing"

	"hubchat/storage"
)

// tallerShop is a small Spanish shop whose merchant writes in a merchant's
// words: pickup at the workshop, installments, wholesale, tastings, express
// delivery, keeping the goods, the return window.
func tallerShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{
		ShopName: "Cerámica Albar", Currency: "EUR",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "¿Puedo recoger mi pedido en el taller?", Answer: "Sí, la recogida en el taller de la calle Mayor 12 es gratuita, de martes a sábado."},
			{ID: 2, Question: "¿Se puede pagar a plazos?", Answer: "Sí, en tres cuotas sin intereses con tarjeta."},
			{ID: 3, Question: "¿Vendéis al por mayor?", Answer: "Sí, a partir de 24 piezas con tarifa mayorista; escribe a mayor@albar.example."},
			{ID: 4, Question: "¿Organizáis talleres?", Answer: "Damos talleres de torno los sábados por 45 € la plaza."},
			{ID: 5, Question: "¿Tenéis envío exprés?", Answer: "El envío exprés cuesta 9 € y entrega en 24 horas laborables."},
			{ID: 6, Question: "¿Cómo se conservan las velas?", Answer: "Consérvalas en un lugar seco, lejos del sol."},
			{ID: 7, Question: "¿Cuál es el plazo de devolución?", Answer: "Tienes 30 días para devolver una pieza sin usar."},
		},
	}
}

// Spanish shoppers' everyday phrasing meets the merchant's words: going
// for one's things is a pickup, paying "a meses" is in installments, one's
// own business buys wholesale, a class is a workshop, "para mañana" is
// express, keeping a thing from spoiling is keeping it, bringing it back
// ("regresarla") is a return.
func TestSpanishShopperPhrasingsMeetMerchantWords(t *testing.T) {
	kit := languageFor("es")
	idx := buildIndex(tallerShop(), kit, true)
	cases := []struct{ question, want string }{
		{"puedo ir yo por mis cosas en vez de que me las manden", "¿Puedo recoger mi pedido en el taller?"},
		{"aceptan pagar a meses", "¿Se puede pagar a plazos?"},
		{"tengo un negocio y me gustaría surtirme con ustedes", "¿Vendéis al por mayor?"},
		{"dan clases o cursos?", "¿Organizáis talleres?"},
		{"lo necesito para mañana, cuánto cuesta", "¿Tenéis envío exprés?"},
		{"cómo guardo las velas para que no se echen a perder", "¿Cómo se conservan las velas?"},
		{"cuántos días tengo para regresarla", "¿Cuál es el plazo de devolución?"},
	}
	for _, c := range cases {
		a := idx.respond(kit, normalized(c.question))
		if got := firstSource(a); got != c.want {
			t.Errorf("%q: answered from %q (handoff %v, confidence %.2f), want %q", c.question, got, a.Handoff, a.Confidence, c.want)
		}
	}
}
