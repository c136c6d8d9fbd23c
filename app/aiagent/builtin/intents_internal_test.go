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
		{"en", "status of my camping stove order", true},
		{"en", "what's going on with order 8812", true},
		{"en", "what happened to my parcel", true},
		{"en", "can I get the tracking for my most recent order", true},
		{"en", "send me the tracking please", true},
		{"en", "got a tracking link for me?", true},
		{"en", "any tracking number for us yet", true},
		{"en", "do you send a tracking number with every order", false},
		{"en", "has it shipped yet?", true},
		{"en", "did they send it already", true},
		{"en", "still waiting on my stuff", true},
		{"en", "I never got my package", true},
		{"en", "haven't received the order yet", true},
		{"en", "any updates about our delivery?", true},
		{"en", "could you check on my order please", true},
		{"en", "when can I expect my tent", true},
		{"en", "order 5521", true},
		{"en", "I ordered a tent last week and nothing yet", true},
		{"en", "we bought two jackets ten days ago, when will they arrive", true},
		{"en", "the package still hasn't arrived", true},
		{"en", "any idea when my stuff will show up", true},
		{"en", "our parcel went missing", true},
		{"en", "I ordered the wrong size, can I exchange it", false},
		{"en", "I bought a hoodie last month and want to return it", false},
		{"en", "do you provide tracking numbers?", false},
		{"en", "how long does delivery take to Texas", false},
		{"en", "is it shipped from the US or from China", false},
		{"en", "I want to cancel my order, has it shipped yet?", false},
		{"en", "can I change the address on my order before it ships", false},
		{"en", "I received my order and want to exchange the size", false},
		{"en", "what happens if my package is late", false},
		{"en", "when will the grey hoodie be back in stock", false},
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

// A request for a person is recognised however it is worded: to talk to
// someone, to be called back, whether anyone is there; a question that
// only names people, calls or the team is not one.
func TestHumanRequestsAreRecognised(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"can someone call me", true},
		{"please call me back tomorrow", true},
		{"could somebody get back to me about this", true},
		{"is there a human I can talk to", true},
		{"am I chatting with a bot?", true},
		{"I'd rather talk to someone", true},
		{"connect me to customer service", true},
		{"can you transfer me to a supervisor", true},
		{"I'd like to speak with a specialist about my knee", true},
		{"please escalate this", true},
		{"I want to complain to a manager", true},
		{"can you call me when it's back in stock", false},
		{"real person please", true},
		{"hello? anyone there?", true},
		{"how can I reach a human", true},
		{"I need help from a real person", true},
		{"can I request a call back", true},
		{"do you have live chat", true},
		{"someone please", true},
		{"what do you call the dark blue colour", false},
		{"what's your phone number", false},
		{"how do I contact support", false},
		{"is the dog food human grade", false},
		{"does your team roast on weekends", false},
		{"is there a size chart", false},
		{"are you open on sundays", false},
		{"do your gloves suit people with big hands", false},
		{"can I reach you by email", false},
		{"is the jacket available in blue", false},
	}
	kit := languageFor("en")
	for _, c := range cases {
		if got := matchesAny(kit.intents.human, normalized(c.text)); got != c.want {
			t.Errorf("%q: asks for a person %v, want %v", c.text, got, c.want)
		}
	}
}

// A product search is recognised when a shopper asks what to get for a use
// or a person, and not when a question only mentions gifts or using.
func TestProductSearchesAreRecognised(t *testing.T) {
	cases := []struct {
		text string
		want bool
	}{
		{"I need something to keep my feet dry", true},
		{"looking for anything waterproof under 100", true},
		{"what should I get for a friend who runs", true},
		{"what can I use for descaling my kettle", true},
		{"any gift ideas for a new dad", true},
		{"a nice gift for my sister", true},
		{"can I include a gift receipt", false},
		{"do you offer gift wrapping", false},
		{"can I use two codes on one order", false},
		{"is there anything I can do to speed up shipping", false},
	}
	kit := languageFor("en")
	for _, c := range cases {
		if got := matchesAny(kit.intents.products, normalized(c.text)); got != c.want {
			t.Errorf("%q: product search %v, want %v", c.text, got, c.want)
		}
	}
}

// A message that only greets, thanks or acknowledges ("ok", "sounds good")
// is social and answered as such, never handed off for want of meaning; a
// question after the opening words is still a question.
func TestEnglishSocialMessages(t *testing.T) {
	cases := []struct{ text, social, rest string }{
		{"ok", "thanks", ""},
		{"okay thank you so much", "thanks", ""},
		{"sounds good!", "thanks", ""},
		{"appreciate it", "thanks", ""},
		{"much appreciated, cheers", "thanks", ""},
		{"that helps, thanks", "thanks", ""},
		{"hey folks", "greeting", ""},
		{"hi again", "greeting", ""},
		{"dear team, do you ship to canada", "greeting", "do you ship to canada"},
		{"ok so how long is shipping", "thanks", "so how long is shipping"},
		{"how long is shipping", "", "how long is shipping"},
	}
	kit := languageFor("en")
	for _, c := range cases {
		rest, social := stripSocial(kit, normalized(c.text))
		if c.rest == "" && hasMeaning(kit, rest) || c.rest != "" && rest != c.rest || social != c.social {
			t.Errorf("%q: social %q, rest %q; want %q, %q", c.text, social, rest, c.social, c.rest)
		}
	}
}
