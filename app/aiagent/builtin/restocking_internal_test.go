package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// bikeShop is a shop whose refund policy charges a restocking fee on a
// returned bike and whose helmet is sold out.
func bikeShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"Do you service bikes?", "Yes, our workshop tunes any bike from $60."})
	snap.Policies = []storage.ShopPolicy{{Type: "REFUND_POLICY", Title: "Refund policy",
		URL: "https://shop.example/policies/refund-policy",
		Body: "Unused parts can be returned within 45 days for a full refund.\n\n" +
			"Complete bikes can be returned within 14 days. A $75 restocking fee applies to returned bikes."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Trail Helmet", Handle: "trail-helmet", Price: "89.00", Status: "active", Available: false,
			Description: "A vented trail helmet with a visor."},
		{ShopifyID: 2, Title: "Road Bike", Handle: "road-bike", Price: "1200.00", Status: "active", Available: true,
			Description: "An aluminium road bike with a carbon fork."},
	}
	return snap
}

// A shop's "restocking fee" is a charge on returns, not stock coming
// back: "when will you restock the helmet" is not answered by the refund
// policy's fee, while "is there a restocking fee" still is.
func TestARestockingFeeIsNoRestock(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(bikeShop(), kit, true)
	for _, q := range []string{"when will you restock the trail helmet", "will the helmet be restocked soon"} {
		a := idx.respond(kit, normalized(q))
		if strings.Contains(a.Text, "restocking fee") {
			t.Errorf("%q answered by the restocking fee: %q", q, a.Text)
		}
	}
	a := idx.respond(kit, normalized("is there a restocking fee on bikes"))
	if !strings.Contains(a.Text, "$75 restocking fee") {
		t.Errorf("the restocking fee answered %q (choices %v)", a.Text, a.Choices)
	}
}
