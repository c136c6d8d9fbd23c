package builtin

import (
	"slices"
	"testing"

	"hubchat/storage"
)

// unwantedShop sells a plant that needs no soil, soil itself, candles
// scented and not, a bike and its lock.
func unwantedShop() storage.KnowledgeSnapshot {
	product := func(id int64, title, handle, description string) storage.Product {
		return storage.Product{ShopifyID: id, Title: title, Handle: handle, Price: "20.00", Status: "active",
			Description: description, Available: true}
	}
	return storage.KnowledgeSnapshot{ShopName: "Green Room", Currency: "USD", Products: []storage.Product{
		product(1, "Air Plant", "air-plant", "A plant that grows without any soil: mist it twice a week."),
		product(2, "Potting Soil", "potting-soil", "Rich soil for every plant in your home."),
		product(3, "Fig Candle", "fig-candle", "A candle with a strong scent of ripe figs."),
		product(4, "Plain Pillar Candle", "plain-pillar", "A candle with no scent at all, for the dinner table."),
		product(5, "Steel U-Lock", "u-lock", "A hardened steel lock for your bike."),
		product(6, "City Bike", "city-bike", "A light bike for the city."),
	}}
}

// A product search's negated word is what the shopper does not want: a
// product that has it is no match, one that says it in the negative is;
// a negation that opens the question asks rather than refuses.
func TestNegatedWordsOfAProductSearchAreNotWanted(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(unwantedShop(), kit, true)
	cases := []struct {
		question    string
		want, avoid string // card handles
	}{
		{"do you have plants that don't need soil", "air-plant", "potting-soil"},
		{"looking for candles without scent", "plain-pillar", "fig-candle"},
		{"don't you sell potting soil", "potting-soil", ""},
	}
	for _, c := range cases {
		a := idx.respond(kit, normalized(c.question))
		var handles []string
		for _, card := range a.Cards {
			handles = append(handles, card.Handle)
		}
		if !slices.Contains(handles, c.want) || c.avoid != "" && slices.Contains(handles, c.avoid) {
			t.Errorf("%q: cards %v (handoff %v), want %s and not %s", c.question, handles, a.Handoff, c.want, c.avoid)
		}
	}
}

// A negation in the purpose a product serves ("so my bike doesn't get
// stolen") names the harm it prevents: the product search finds the lock,
// whose text names no theft in the negative.
func TestANegatedPurposeIsNoUnwantedWord(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(unwantedShop(), kit, true)
	a, ok := idx.productAnswer(idx.analyse(normalized("something so my bike doesn't get stolen")).plain(), priceBound{}, kit.texts)
	if !ok || len(a.Cards) != 1 || a.Cards[0].Handle != "u-lock" {
		t.Errorf("cards %+v (found %v), want the u-lock alone", a.Cards, ok)
	}
}
