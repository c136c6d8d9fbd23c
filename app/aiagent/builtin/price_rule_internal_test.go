package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// ratesShop is a shop whose shipping policy gives its rates as the rule
// then its exceptions, and whose gift card FAQ states amounts without a
// price word, beside an article that says price and gift card.
func ratesShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{ShopName: "Mossway", Currency: "USD",
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you sell gift cards?",
			Answer: "Yes, digital gift cards from $25 to $200, emailed the same day."}},
		Articles: []storage.Article{{ID: 1, Title: "Selling us your old games",
			Body: "We pay up to 40% of the new price, as store credit on a gift card.\n\nBring the games to the shop."}},
		Policies: []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
			Body: "We pack every order by hand in our barn.\n\nRates\n\n" +
				"Standard (UPS Ground or USPS Priority Mail): $9.95 per order, 2 to 5 business days in transit.\n\n" +
				"Expedited (UPS 2nd Day Air): $24.95 per order.\n\n" +
				"Large planters carry an oversize fee of $20 each."}},
	}
}

// "How much is shipping" asks a price: it is answered by the rates, the
// rule (standard) with the exception BM25 favours, not by the policy's
// opening nor by the oversize fee alone.
func TestHowMuchIsShippingQuotesTheRule(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(ratesShop(), kit, true)
	for _, q := range []string{"how much is shipping", "shipping, how much?"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, "$9.95") {
			t.Errorf("%q: answered %q (handoff %v), want the standard rate", q, a.Text, a.Handoff)
		}
	}
}

// A gift card's amounts are its prices: "gift card amounts" and "gift
// cards how much" are answered by the FAQ that states them, not by the
// article that says "price" and "gift card"; "how much is left" asks no
// price.
func TestAmountsAndTrailingHowMuchAskAPrice(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(ratesShop(), kit, true)
	for _, q := range []string{"gift card amounts", "gift cards how much"} {
		a := idx.respond(kit, normalized(q))
		if a.Handoff || !strings.Contains(a.Text, "$25 to $200") {
			t.Errorf("%q: answered %q (handoff %v, confidence %.2f), want the gift card FAQ", q, a.Text, a.Handoff, a.Confidence)
		}
	}
	if asksPrice(kit.analyzer.lang, normalized("how much is left in the bag")) {
		t.Error("how much is left: taken for a price question")
	}
}

// A paragraph that states an amount answers a price question with its
// body, though its only word of the question is in the title: it is
// quoted, not taken for a question about the whole policy.
func TestAnAmountIsABodyMatch(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(ratesShop(), kit, true)
	q := idx.analyse(normalized("how much is shipping"))
	for p, passage := range idx.passages {
		if strings.HasPrefix(passage.text, "Expedited") &&
			idx.onlyTitleMatches(q, docHit{doc: passage.doc, passage: int32(p)}) {
			t.Errorf("%q: taken for a match of the title only", passage.text)
		}
	}
}
