package builtin_test

import (
	"testing"

	"hubchat/app/aiagent"
)

// Every answer has a topic tag, handoffs too: from the question's words
// first (the most specific wins), else from the answer's source.
func TestTags(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		text     string
		lang     string
		customer int64
		want     aiagent.Tag
	}{
		{"where is my order?", "en", 7001, aiagent.TagOrderStatus},
		{"where is my order?", "en", 0, aiagent.TagOrderStatus},
		{"can I cancel my order", "en", 0, aiagent.TagOrderStatus},
		{"how long does delivery take", "en", 0, aiagent.TagShipping},
		{"do you ship to canada", "en", 0, aiagent.TagShipping},
		{"what is your return policy", "en", 0, aiagent.TagReturns},
		{"who pays for return shipping", "en", 0, aiagent.TagReturns},
		{"my hoodie arrived damaged", "en", 0, aiagent.TagReturns},
		{"can i stack coupons?", "en", 0, aiagent.TagDiscounts},
		{"do you offer a student discount", "en", 0, aiagent.TagDiscounts},
		{"I forgot my password", "en", 0, aiagent.TagAccount},
		{"does this hoodie run big?", "en", 0, aiagent.TagProduct},
		{"do you have rain jackets?", "en", 0, aiagent.TagProduct},
		{"do you take paypal", "en", 0, aiagent.TagOther},
		{"hello", "en", 0, aiagent.TagOther},
		{"talk to a person about my refund", "en", 0, aiagent.TagReturns},
		{"talk to a person", "en", 0, aiagent.TagOther},
		{"what is the meaning of life", "en", 0, aiagent.TagOther},
		{"¿cuánto tarda el envío?", "es", 0, aiagent.TagShipping},
		{"quiero una devolución", "es", 0, aiagent.TagReturns},
		{"¿tienen cupones de descuento?", "es", 0, aiagent.TagDiscounts},
		{"no puedo entrar en mi cuenta", "es", 0, aiagent.TagAccount},
		{"¿dónde está mi pedido?", "es", 0, aiagent.TagOrderStatus},
	} {
		a := f.askAs(t, tt.text, tt.lang, tt.customer)
		if a.Tag != tt.want {
			t.Errorf("%q: tag %s, want %s (%s)", tt.text, a.Tag, tt.want, source(a))
		}
	}
}
