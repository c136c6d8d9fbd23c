package builtin

import "testing"

// Order status is a question about an order the shopper placed; a
// question of what would happen to an order is one of policy, for the
// shop's data to answer.
func TestOrderStatusIsAboutAnOrderPlaced(t *testing.T) {
	cases := []struct {
		lang, text string
		want       bool
	}{
		{"en", "where's my parcel got to", true},
		{"en", "has my order shipped yet?", true},
		{"en", "when will my new boots arrive", true},
		{"en", "any news on my delivery", true},
		{"en", "what's the tracking number for my order", true},
		{"en", "my package still hasn't been sent", true},
		{"en", "status of order 4417", true},
		{"en", "can I get my order sent to my office instead?", false},
		{"en", "could you ship my order to Toronto", false},
		{"en", "can my parcel be delivered on a Saturday", false},
		{"en", "if I order today, when will it ship?", false},
		{"en", "if we buy two tents do they ship together", false},
		{"en", "would I have my order wrapped as a gift", false},
		{"en", "when will I see the money for my return", false},
		{"es", "¿dónde está mi pedido?", true},
		{"es", "mi paquete todavía no ha llegado", true},
		{"es", "cuándo llega el pedido 2210", true},
		{"es", "si pido hoy, ¿cuándo llega el pedido?", false},
		{"es", "¿podéis enviar mi pedido a Canarias?", false},
		{"es", "¿puedo recibir mi pedido en la oficina?", false},
	}
	for _, c := range cases {
		if got := asksOrderStatus(languageFor(c.lang), normalized(c.text)); got != c.want {
			t.Errorf("%s %q: order status %v, want %v", c.lang, c.text, got, c.want)
		}
	}
}
