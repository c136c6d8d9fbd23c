package builtin

import (
	"testing"

	"hubchat/storage"
)

// A question two products answer alike, naming neither, shows both
// cards rather than quoting the one that scored a little higher; a
// question that names one by its title is still answered by that one.
func TestProductsAQuestionFitsAlikeAreShownTogether(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and the US."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Finding your scent", Published: true,
		Body: "The discovery set has five scents, so you can try them at home before buying a full candle."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Soy Wax Flakes", Handle: "flakes", Price: "22.00", Available: true, ProductType: "Supply",
			Tags: []string{"diy", "wax"}, Description: "The same natural soy wax we pour our candles with, in easy-melt flakes."},
		{ShopifyID: 2, Title: "Candle Making Kit", Handle: "kit", Price: "48.00", Available: true, ProductType: "Kit",
			Tags: []string{"diy", "kit"}, Description: "Pour two 8 oz candles at home: 1 lb of soy wax flakes, 2 cotton wicks with stickers and centring bars, " +
				"30 ml of fragrance oil, 2 amber jars, a pouring pitcher and our step-by-step card. You'll need a pot of water " +
				"and a thermometer helps. Takes about 2 hours plus a day to cure."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	a := idx.respond(kit, normalized("i want to try pouring candles myself at home"))
	if a.Handoff || len(a.Choices) > 0 || !hasCard(a.Cards, "flakes") || !hasCard(a.Cards, "kit") {
		t.Errorf("pouring candles at home: %q with %v (choices %v), want the flakes' and the kit's cards", a.Text, a.Cards, a.Choices)
	}
	a = idx.respond(kit, normalized("how many candles does the candle making kit pour"))
	if len(a.Cards) != 1 || !hasCard(a.Cards, "kit") {
		t.Errorf("the kit named: %q with %v, want the kit's card alone", a.Text, a.Cards)
	}
}
