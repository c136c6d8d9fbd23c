package builtin

import "testing"

// A question about the shopper's own order may name what they bought
// instead of the order, or ask only of part of it; a question of how
// orders go, of using a product bought or of what would happen stays a
// question for the shop's data.
func TestOwnOrderNamedByWhatWasBought(t *testing.T) {
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "when is the dog bed I ordered going to arrive", true},
		{"en", "status of the grinder I bought", true},
		{"en", "where's that lamp we purchased last week", true},
		{"en", "has the leash I ordered shipped", true},
		{"en", "my kettle still hasn't arrived", true},
		{"en", "when am I getting my new boots", true},
		{"en", "can I get tracking for my grinder", true},
		{"en", "my matcha tracking", true},
		{"en", "I bought a grinder on monday, is it on its way?", true},
		{"en", "only part of my order showed up", true},
		{"en", "I only got half my order", true},
		{"en", "where is the rest of my order", true},
		{"en", "I'm still waiting for my kettle", true},
		{"en", "I haven't received my kettle", true},
		{"en", "did you send my tea yet", true},
		{"en", "has my candle been sent out", true},
		{"en", "what's the delivery date for my kettle", true},
		{"en", "my package says delivered but it's not here", true},
		{"en", "how do I wash the hoodie I bought", false},
		{"en", "can you tell me when my size will be back in stock", false},
		{"en", "when will the new candles arrive in store", false},
		{"en", "did you send my discount code", false},
		{"en", "I haven't received my discount code", false},
		{"en", "waiting for my size to come back in stock", false},
		{"en", "does the tent I bought come with stakes", false},
		{"en", "the jacket I bought is too small, can I exchange it", false},
		{"en", "what if the dog bed I ordered doesn't fit", false},
		{"en", "if I ordered today would it arrive by Friday", false},
		{"en", "I bought the kettle last year, is it still under warranty", false},
		{"en", "can you help me find my size", false},
		{"en", "my dog is not eating the food", false},
		{"en", "will I get a tracking number", false},
		{"es", "me pasas la guía de mi matcha", true},
		{"es", "¿cuándo me llega el aceite de almendras?", true},
		{"es", "¿dónde está la tetera que compré?", true},
		{"es", "¿ya enviaron mi tetera?", true},
		{"es", "mi champú ya salió?", true},
		{"es", "todavía no me llega mi crema", true},
		{"es", "solo me llegó la mitad", true},
		{"es", "¿dónde está el resto de mi pedido?", true},
		{"es", "sigo esperando mi tetera", true},
		{"es", "¿cuándo recibo mi matcha?", true},
		{"es", "¿me pasas la guía?", true},
		{"es", "¿cómo va mi pedido?", true},
		{"es", "¿ya mandaron la tetera?", true},
		{"es", "me pasas la guía de tallas", false},
		{"es", "¿ya salió la nueva colección?", false},
		{"es", "¿cómo va la talla?", false},
		{"es", "¿ya enviaron la factura?", false},
		{"es", "me pasas la guía de la talla M", false},
		{"es", "¿cómo uso el champú que compré?", false},
		{"es", "¿la crema que compré sirve para pieles sensibles?", false},
		{"es", "si lo compro hoy, ¿cuándo me llega?", false},
		{"es", "¿cuándo me llega el reembolso?", false},
		{"es", "¿tienen seguimiento los envíos?", false},
	} {
		kit := languageFor(tt.lang)
		if got := asksOrderStatus(kit, normalized(tt.text)); got != tt.want {
			t.Errorf("%s %q: order status %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// Whether the shopper's own money came back is a question of their order;
// how refunds go ("how long do refunds take?") is the policy's.
func TestOwnRefundIsNotTheRefundPolicy(t *testing.T) {
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "did I get my money back for the wax warmer", true},
		{"en", "has my refund gone through", true},
		{"en", "was I refunded for the hoodie", true},
		{"en", "has my order been refunded", true},
		{"en", "did you process my refund", true},
		{"en", "I still haven't received my refund", true},
		{"en", "where's my refund", true},
		{"en", "refund for order 1005?", true},
		{"en", "refund for my kettle?", true},
		{"en", "how long do refunds take", false},
		{"en", "I want a refund for my kettle", false},
		{"en", "how long until my refund arrives", false},
		{"en", "when will I get my refund", false},
		{"en", "do you refund shipping costs", false},
		{"en", "will I be refunded if my package is lost", false},
		{"en", "where does my refund go, card or store credit", false},
		{"en", "can I get a refund if I don't like it", false},
		{"es", "¿me devolvieron el dinero de la tetera?", true},
		{"es", "¿ya me reembolsaron?", true},
		{"es", "¿ya procesaron mi reembolso?", true},
		{"es", "todavía no me han devuelto el dinero", true},
		{"es", "sigo esperando mi reembolso", true},
		{"es", "¿mi pedido fue reembolsado?", true},
		{"es", "¿ya está mi reembolso?", true},
		{"es", "reembolso cuantos dias", false},
		{"es", "¿se procesó el pago?", false},
		{"es", "¿cuánto tarda el reembolso?", false},
		{"es", "¿me devuelven el dinero si no me gusta?", false},
		{"es", "¿cómo pido un reembolso?", false},
	} {
		kit := languageFor(tt.lang)
		if got := asksRefundStatus(kit, normalized(tt.text)); got != tt.want {
			t.Errorf("%s %q: refund status %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
