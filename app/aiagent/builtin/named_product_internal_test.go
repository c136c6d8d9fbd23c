package builtin

import (
	"fmt"
	"strings"
	"testing"

	"hubchat/storage"
)

// nurseryShop is a nursery whose light guide and shipping policy name its
// lemon tree in passing, as a shop's texts name its products.
func nurseryShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"Can I visit the greenhouse?", "Yes, Friday to Sunday from 9am to 4pm."})
	snap.Articles = []storage.Article{{ID: 1, Title: "A light guide for houseplants", Published: true,
		Body: "Direct sun. Several hours of sun right on the leaves: succulents and the Meyer Lemon Tree love it.\n\n" +
			"Low light. A room with a north window suits snake plants."}}
	snap.Policies = []storage.ShopPolicy{{Type: "SHIPPING_POLICY", Title: "Shipping policy",
		URL:  "https://shop.example/policies/shipping-policy",
		Body: "Because of citrus quarantines, the Meyer Lemon Tree can't ship to California."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Meyer Lemon Tree", Handle: "meyer-lemon", Price: "59.00", Status: "active", Available: true,
			Description: "A dwarf lemon that fruits in a pot: fragrant white flowers, then sweet, thin-skinned lemons."},
		{ShopifyID: 2, Title: "Arbequina Olive Tree", Handle: "olive", Price: "49.00", Status: "active", Available: true,
			Description: "A self-fruitful olive with silvery leaves. Grows outside on a sunny patio and is hardy to about 15°F."},
		{ShopifyID: 3, Title: "Reflective Nylon Leash", Handle: "leash", Price: "18.00", Status: "active", Available: true,
			Description: "A 6-foot nylon leash with reflective stitching and a padded handle."},
	}
	return snap
}

// A question that asks nothing but a product's name ("does the lemon
// tree make lemons") is about the product, not about the articles that
// name it in passing: the product answers, not "did you mean" the light
// guide or the shipping policy.
func TestAQuestionNamingOnlyAProductIsAnsweredByIt(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(nurseryShop(), kit, true)
	a := idx.respond(kit, normalized("does the lemon tree actually make lemons"))
	if a.Handoff || len(a.Choices) > 0 || !strings.Contains(a.Text, "thin-skinned lemons") {
		t.Errorf("answered %q (choices %v, handoff %v), want the lemon tree's description", a.Text, a.Choices, a.Handoff)
	}
	// A question with words beyond the name is still the articles' to answer.
	a = idx.respond(kit, normalized("can the lemon tree ship to california"))
	if len(a.Sources) == 0 || a.Sources[0].Title != "Shipping policy" {
		t.Errorf("answered %q from %v, want the shipping policy", a.Text, a.Sources)
	}
}

// "Outside" alone is out of doors, not abroad: "can the olive tree live
// outside" is no question about international shipping.
func TestOutsideIsNotAbroad(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(nurseryShop(), kit, true)
	q := idx.analyse(normalized("can the olive tree live outside"))
	for _, c := range q.concepts {
		for _, f := range c.forms {
			if f.term == "~international" {
				t.Errorf("%q reads outside as abroad", "can the olive tree live outside")
			}
		}
	}
	q = idx.analyse(normalized("do you ship outside the us"))
	if !slicesContainsTerm(q, "~international") {
		t.Errorf("%q does not read as abroad: %+v", "do you ship outside the us", q.concepts)
	}
}

// "How long is the leash" asks the leash's length: the words "how long",
// which the synonym lists read as a duration, do not keep the leash from
// answering with its description.
func TestHowLongIsAProductAsksItsLength(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(nurseryShop(), kit, true)
	a := idx.respond(kit, normalized("how long is the leash"))
	if a.Handoff || !strings.Contains(a.Text, "6-foot") {
		t.Errorf("answered %q (handoff %v), want the leash's length", a.Text, a.Handoff)
	}
}

func slicesContainsTerm(q query, term string) bool {
	for _, c := range q.concepts {
		if c.term == term {
			return true
		}
	}
	return false
}

// Of two products that share a name, the one that covers more of the
// question ranks first, though the other's short text scores higher: the
// game, whose text gives its playing time, not the traded-in copy.
func TestTheProductThatCoversMostRanksFirst(t *testing.T) {
	snap := faqShop("en", [2]string{"Can I play games in your shop?", "Yes, our café has over 400 games."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Pre-owned: Iron & Steam", Handle: "pre-owned-iron", Price: "30.00", Status: "active",
			Available: true, Description: "A traded-in copy of the game, counted and checked complete by our staff."},
		{ShopifyID: 2, Title: "Iron & Steam", Handle: "iron-and-steam", Price: "49.99", Status: "active", Available: true,
			Description: "Lay track across the north of England, deliver coal and wool, and sell your railway shares " +
				"at the right moment. An economic game with no luck at all. 3-5 players, 120 minutes, ages 13+."},
	}
	for i, name := range []string{"Beeline", "Fox & Hollow", "Word Weavers", "Bluff Island", "Mossy Knights", "Pocket Tavern"} {
		snap.Products = append(snap.Products, storage.Product{ShopifyID: int64(10 + i), Title: name, Handle: fmt.Sprint("game-", i),
			Price: "20.00", Status: "active", Available: true, Description: "A card game for 2 to 4 players."})
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	hits := idx.ranked(idx.analyse(normalized("how long does a game of iron and steam take")))
	if len(hits) == 0 || idx.docs[hits[0].doc].title != "Iron & Steam" {
		var titles []string
		for _, h := range hits {
			titles = append(titles, idx.docs[h.doc].title)
		}
		t.Errorf("ranked %v, want Iron & Steam first", titles)
	}
}
