package builtin

import (
	"slices"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// A small shop whose documents each answer one support topic, in the
// merchant's words.
func synonymsShop() storage.KnowledgeSnapshot {
	faq := func(id int64, q, a string) storage.FAQ {
		return storage.FAQ{ID: id, Question: q, Answer: a, Published: true}
	}
	return storage.KnowledgeSnapshot{Version: 1, ShopName: "Harbour Goods", Currency: "USD", Locale: "en",
		FAQs: []storage.FAQ{
			faq(1, "When is your shop open?", "Our shop on Pier Street is open Monday to Friday from 9 am to 6 pm."),
			faq(2, "Can I change my order?", "Write to us within 3 hours of ordering and we will change it."),
			faq(3, "What payment methods do you accept?", "We accept Visa, Mastercard and PayPal."),
			faq(4, "Will I pay import duties?", "Orders outside the US may owe customs duties, paid on delivery."),
			faq(5, "Is shipping free?", "Shipping is free on orders over $60; otherwise it is $7."),
			faq(6, "Do you have a discount for a first order?", "Join our newsletter for 10% off your first order."),
			faq(7, "How does the rewards program work?", "You earn 1 point per dollar; 100 points are $5 off."),
			faq(8, "Can I split my payment?", "Yes, pay in 4 interest-free installments at checkout."),
			faq(9, "Can I exchange for another size?", "Yes, size exchanges are free: write to us with your order number."),
			faq(10, "Do you price match?", "We match the price of any US retailer for the same item."),
			faq(11, "What if something falls apart?", "If an item falls apart within a year of normal use we replace it."),
			faq(12, "Do you offer expedited shipping?", "Yes: overnight delivery is $25."),
			faq(13, "What currency are your prices in?", "All prices are in US dollars."),
			faq(14, "What are your bags made from?", "Our bags are made from recycled sailcloth."),
			faq(15, "Can I pre-order?", "Yes, pre-orders ship as soon as stock arrives."),
			faq(16, "Do you offer subscriptions?", "Yes: subscribe on any product page and save 10% on every order."),
			faq(17, "How long does standard shipping take?", "Standard shipping takes 3 to 5 business days with the postal service."),
		},
		Policies: []storage.ShopPolicy{{Type: "REFUND_POLICY", Title: "Refund policy", URL: "https://harbour.example/refund",
			Body: "Return unworn, unwashed items within 30 days for a refund to your card."}},
		Products: []storage.Product{{ShopifyID: 1, Title: "Weekend Duffel", Handle: "weekend-duffel", Price: "80.00",
			Status: "active", Description: "A canvas duffel big enough for a weekend away.", Available: true},
			{ShopifyID: 2, Title: "Harbour Kids Raincoat", Handle: "kids-raincoat", Price: "45.00", Status: "active",
				Description: "A waterproof raincoat for children.", Available: true},
			{ShopifyID: 3, Title: "Harbour Tee", Handle: "harbour-tee", Price: "25.00", Status: "active",
				Description: "A cotton tee with a pocket.", Available: true}},
	}
}

// The curated synonyms join what shoppers say to what merchants write on
// each support topic, and a word with several senses matches only in the
// sense its phrase tells: an "opened" box is not opening hours, an hour
// ago is not the shop's hours.
func TestEnglishSynonymsJoinShopperAndMerchantWords(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(synonymsShop(), kit, true)
	cases := []struct {
		question string
		want     string // the title answered from; "" for any but avoid
		avoid    string
	}{
		{"what are your opening hours", "When is your shop open?", ""},
		{"are you open on saturdays", "When is your shop open?", ""},
		{"I put the wrong address on my order an hour ago", "Can I change my order?", ""},
		{"can I pay with apple pay", "What payment methods do you accept?", ""},
		{"do you take american express", "What payment methods do you accept?", ""},
		{"do I have to pay customs charges in Canada", "Will I pay import duties?", ""},
		{"is delivery free if I spend enough", "Is shipping free?", ""},
		{"any code for first time buyers", "Do you have a discount for a first order?", ""},
		{"how do I redeem my loyalty points", "How does the rewards program work?", ""},
		{"can I pay over time", "Can I split my payment?", ""},
		{"can I send back something I wore once", "Refund policy", ""},
		{"I opened the box and didn't like it, can I get my money back", "", "When is your shop open?"},
		{"what are your hours", "", "Weekend Duffel"},
		{"it's too small, can I swap it for a large", "Can I exchange for another size?", ""},
		{"will you match a lower price from another website", "Do you price match?", ""},
		{"will you beat a lower price", "Do you price match?", ""},
		{"it broke after a month, what now", "What if something falls apart?", ""},
		{"I ordered 20 minutes ago, can I still change it", "Can I change my order?", ""},
		{"a raincoat for my toddler", "Harbour Kids Raincoat", ""},
		{"do you have next day delivery", "Do you offer expedited shipping?", ""},
		{"are your prices in euros", "What currency are your prices in?", ""},
		{"are the bags eco friendly", "What are your bags made from?", ""},
		{"can I backorder the duffel", "Can I pre-order?", ""},
		{"do you do automatic deliveries", "Do you offer subscriptions?", ""},
		// A t-shirt is a shirt, but a shirt (flannel, dress, polo) is not a t-shirt.
		{"do you sell t-shirts", "Harbour Tee", ""},
		{"do you sell shirts", "", "Harbour Tee"},
		{"can I earn anything here", "How does the rewards program work?", ""},
		{"is shipping free over a certain amount", "Is shipping free?", ""},
		{"how much do I need to spend to get free shipping", "Is shipping free?", ""},
		{"what time do you shut on fridays", "When is your shop open?", ""},
		{"how many days does normal delivery take", "How long does standard shipping take?", ""},
	}
	for _, c := range cases {
		a := idx.respond(kit, normalized(c.question))
		if got := firstSource(a); c.want != "" && got != c.want || got == c.avoid {
			t.Errorf("%q: answered from %q (handoff %v, confidence %.2f), want %q, not %q", c.question, got, a.Handoff, a.Confidence, c.want, c.avoid)
		}
	}
}

// A child's age names a child: "for my 7 year old" asks for kids' things.
func TestEnglishAgeNamesAChild(t *testing.T) {
	terms := languageFor("en").analyzer.terms("a bike for my 7 year old")
	if !slices.Contains(terms, "~kids") {
		t.Errorf("terms %v: want the kids group", terms)
	}
}

func firstSource(a aiagent.Answer) string {
	if a.Handoff || len(a.Choices) > 0 || len(a.Sources) == 0 {
		return ""
	}
	return a.Sources[0].Title
}

// A thing sent for someone's birthday is a gift: the gift FAQ answers,
// not a handoff for the birthday the shop never writes of.
func TestABirthdayPresentIsAGift(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Can I send a candle as a gift?", "Yes: add Gift Wrap & Note for $5 and we hide the prices."},
		[2]string{"How long does shipping take?", "Orders leave within 2 business days."},
		[2]string{"Do you ship to the US?", "Yes, for a flat $19."})
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, question := range []string{"can i ship a candle to my sister for her birthday", "sending my dad a candle for his birthday, can you"} {
		if a := idx.respond(kit, normalized(question)); firstSource(a) != "Can I send a candle as a gift?" {
			t.Errorf("%q: answered from %q (handoff %v, choices %v), want the gift FAQ", question, firstSource(a), a.Handoff, a.Choices)
		}
	}
}
