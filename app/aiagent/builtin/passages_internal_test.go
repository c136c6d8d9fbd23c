package builtin

import (
	"reflect"
	"strings"
	"testing"

	"hubchat/storage"
)

// A heading is the context of the paragraphs under it, never a passage of
// its own: a question about a section quotes its paragraph, not its
// heading; a list's items stay with the line that introduces them.
func TestAHeadingIsQuotedWithItsParagraphNeverAlone(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you sell gift cards?", "Yes, from $10 to $200."})
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		URL: "https://shop.example/policies/shipping-policy",
		Body: "Orders leave our studio within 2 business days.\n\nShipping within Canada\n\nIt costs a flat $12 anywhere in Canada, free over $85.\n\n" +
			"Shipping to the United States\n\nA flat $19, delivered in 6 to 10 business days.\n\nLost parcels\n\nIf tracking stalls for 7 days, we open a trace."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, c := range []struct{ question, want string }{
		{"do you ship to the united states", "$19"},
		{"how much is shipping within canada", "$12"},
	} {
		a := idx.respond(kit, normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q: %q (handoff %v), want %q", c.question, a.Text, a.Handoff, c.want)
		}
	}
	for _, p := range idx.passages {
		if isHeading(p.text) {
			t.Errorf("a heading is a passage of its own: %q", p.text)
		}
	}
}

func TestParagraphsKeepHeadingsAndListsWithTheirText(t *testing.T) {
	got := paragraphs("Returns\n\nWithin 30 days.\n\nUnworn items only.\n\nWe accept:\n\nVisa\n\nPayPal\n\nSale items are final.\n\n" +
		"Refunds\n\nBy card\n\nIn 5 days.\n\nExchanges:\n\nWe swap sizes for free.\n\nLast words")
	want := []section{
		{heading: "Returns", text: "Within 30 days."},
		{heading: "Returns", text: "Unworn items only."},
		{heading: "Returns", text: "We accept:\nVisa\nPayPal"},
		{heading: "Returns", text: "Sale items are final."},
		{heading: "Refunds . By card", text: "In 5 days."},
		{heading: "Refunds . By card", text: "Exchanges:\nWe swap sizes for free.\nLast words"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs:\n got %q\nwant %q", got, want)
	}
	if got := paragraphs("Free shipping over $50"); !reflect.DeepEqual(got, []section{{text: "Free shipping over $50"}}) {
		t.Errorf("a text that is one short line: %q", got)
	}
}
