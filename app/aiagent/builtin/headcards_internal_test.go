package builtin

import (
	"testing"

	"hubchat/storage"
)

// "Do you sell cut flowers", or "a cut flower", asks for flowers: pruning
// snips "for clean cuts" (and a monstera grown "from cuttings") match its
// other word only and are not shown as if they were them.
func TestProductsThatSayNothingOfTheThingAskedAreNotShown(t *testing.T) {
	snap := faqShop("en", [2]string{"Is shipping free?", "Standard shipping is free on orders of $75 or more."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Pruning Snips", Handle: "snips", Price: "19.00", Status: "active", Available: true,
			ProductType: "Tool", Tags: []string{"tool", "pruning"},
			Description: "Sharp stainless steel snips with a locking spring, for clean cuts when you trim leaves or take cuttings."},
		{ShopifyID: 2, Title: "Peace Lily", Handle: "peace-lily", Price: "32.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant", "flowering"},
			Description: "Dark glossy leaves and white flowers that come back year after year."},
		{ShopifyID: 3, Title: "Snake Plant", Handle: "snake-plant", Price: "28.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant"}, Description: "Upright leaves with yellow edges."},
		{ShopifyID: 4, Title: "Hoya Krimson Queen", Handle: "hoya", Price: "24.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant", "flowering"},
			Description: "Waxy leaves on trailing vines; once mature it flowers with clusters of pink blooms."},
		{ShopifyID: 5, Title: "Meyer Lemon Tree", Handle: "lemon", Price: "79.00", Status: "active", Available: true,
			ProductType: "Fruit Tree", Tags: []string{"fruit tree"}, Description: "A dwarf lemon: fragrant white flowers, then lemons."},
		{ShopifyID: 6, Title: "Monstera Deliciosa", Handle: "monstera", Price: "42.00", Status: "active", Available: true,
			ProductType: "Houseplant", Tags: []string{"houseplant"}, Description: "The split-leaf plant, grown from cuttings."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	for _, q := range []string{"do you sell cut flowers", "a cut flower"} {
		if a := idx.respond(kit, normalized(q)); len(a.Cards) > 0 && a.Cards[0].Handle == "snips" {
			t.Errorf("%q: showed %v (%q)", q, a.Cards, a.Text)
		}
	}
}
