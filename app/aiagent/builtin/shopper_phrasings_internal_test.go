package builtin

import (
	"testing"

	"hubchat/storage"
)

// phrasingsShop is a small shop whose merchant writes in a merchant's words:
// a studio to visit (and pick up at), wholesale, custom orders, workshops,
// gift wrapping, the refund window and the free-shipping threshold.
func phrasingsShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{
		ShopName: "Quill & Clay", Currency: "USD",
		FAQs: []storage.FAQ{
			{ID: 1, Question: "Can I visit your studio?", Answer: "Yes, the studio at 12 Mill Lane is open Thursday to Sunday, 10 am to 5 pm. You can pick up your order there too."},
			{ID: 3, Question: "Do you sell wholesale?", Answer: "Yes, stockists order from 24 mugs at trade prices; email trade@quill.example."},
			{ID: 4, Question: "Do you make personalised pieces?", Answer: "Yes, we engrave names and dates on mugs for $12 per piece; allow 2 weeks."},
			{ID: 5, Question: "Do you run workshops?", Answer: "Our wheel-throwing workshops run on Saturdays for $65 a seat."},
			{ID: 6, Question: "Do you offer gift wrapping?", Answer: "Yes, gift wrapping is $4 per order, chosen at checkout."},
			{ID: 7, Question: "Is shipping free?", Answer: "Shipping is free on orders of $75 or more; below that it is $8."},
			{ID: 8, Question: "How long do refunds take?", Answer: "Refunds reach the original payment method within 5 business days of your return arriving."},
			{ID: 9, Question: "Can I return a piece?", Answer: "Unused pieces can be returned within 30 days; pieces that were used cannot."},
		},
	}
}

// The shopper's everyday phrasing meets the merchant's words: dropping by
// is a visit, grabbing an order is a pickup, stocking the shop's goods is
// wholesale, a present is a gift, a class is a workshop, not paying for
// delivery is its being free, money back on a card is a refund.
func TestShopperPhrasingsMeetMerchantWords(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(phrasingsShop(), kit, true)
	cases := []struct{ question, want string }{
		{"can i drop by and see where you make them", "Can I visit your studio?"},
		{"could I swing by on saturday", "Can I visit your studio?"},
		{"can i just grab my order from you", "Can I visit your studio?"},
		{"i own a gift shop, could i stock your mugs", "Do you sell wholesale?"},
		{"can you put our names on the mugs", "Do you make personalised pieces?"},
		{"do you do classes", "Do you run workshops?"},
		{"can you wrap it as a present for me", "Do you offer gift wrapping?"},
		{"how much do i have to spend so i don't pay for delivery", "Is shipping free?"},
		{"how long till the money is back on my card", "How long do refunds take?"},
	}
	for _, c := range cases {
		a := idx.respond(kit, normalized(c.question))
		if got := firstSource(a); got != c.want {
			t.Errorf("%q: answered from %q (handoff %v, confidence %.2f), want %q", c.question, got, a.Handoff, a.Confidence, c.want)
		}
	}
}
