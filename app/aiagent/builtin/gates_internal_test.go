package builtin

import (
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// A passage that matches one of two services a question asks of together,
// and leaves out the other, answers of another service: "subscription
// discount?" is not the first order's discount, "return shipping cost?"
// is not the cost of shipping an order.
func TestAPassageOfAnotherServiceIsNoAnswer(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Is there a discount for a first order?", "Yes: sign up to our newsletter for a code worth 15% off your first order."},
		[2]string{"What do I get with a subscription?", "Every subscription delivery is 10% off and ships free."},
		[2]string{"How do I pause my subscription?", "Pause your subscription from your account."},
		[2]string{"When is my subscription charged?", "A subscription is charged on each renewal date."},
		[2]string{"Can I change the coffee of my subscription?", "Yes, change it in your account."},
		[2]string{"Can I cancel my subscription?", "Yes, cancel your subscription at any time."},
		[2]string{"Can I return a gift?", "Yes, gifts can be returned for store credit."},
		[2]string{"Can I return sale items?", "Sale items cannot be returned."},
		[2]string{"How do I start a return?", "Write to us to start a return."},
		[2]string{"When is my return refunded?", "Within 5 days of the return reaching us."},
		[2]string{"Do you ship to Canada?", "We ship within the United States only."},
		[2]string{"How do I wash the wool socks?", "Wash cold and dry flat."})
	snap.Policies = []storage.ShopPolicy{
		{Type: "SHIPPING_POLICY", Title: "Shipping policy",
			Body: "Standard shipping takes 2 to 5 business days and costs $6.99, free over $49."},
		{Type: "REFUND_POLICY", Title: "Refund policy",
			Body: "You can send back unused items within 30 days.\n\nA $7 label for sending an item back is taken from your refund."},
	}
	idx := buildIndex(snap, languageFor("en"), true)
	for question, wrong := range map[string]string{
		"subscription discount?": "first order",
		"return shipping cost?":  "$6.99",
	} {
		a := idx.respond(languageFor("en"), normalized(question))
		if !a.Handoff && strings.Contains(a.Text+strings.Join(a.Choices, " "), wrong) {
			t.Errorf("%q answered %q (choices %q), of another service", question, a.Text, a.Choices)
		}
	}
	// Both services in one passage: answered.
	if a := idx.respond(languageFor("en"), normalized("subscription shipping?")); a.Handoff || !strings.Contains(a.Text, "10% off") {
		t.Errorf("answered %q (handoff %v), want the subscription's FAQ", a.Text, a.Handoff)
	}
}

// A word only a product's description uses ("induction" of a moka pot's
// "not on induction") is what a question asks of, and counts in full: an
// article that names the kettle asked of does not answer whether it works
// on induction.
func TestAWordOfAProductsDescriptionIsAskedOf(t *testing.T) {
	snap := faqShop("en",
		[2]string{"How should I store my coffee?", "Keep it in its bag, away from light and heat."},
		[2]string{"Do you ship abroad?", "We ship within the United States only."},
		[2]string{"Which cards do you accept?", "Visa, Mastercard and PayPal."},
		[2]string{"Can I return a gift?", "Yes, for store credit."},
		[2]string{"Do you have gift cards?", "Yes, from $25."},
		[2]string{"When do you roast?", "Monday to Thursday."},
		[2]string{"Are your bags recyclable?", "They are compostable."},
		[2]string{"Is your decaf chemical-free?", "Yes, Swiss Water Process."},
		[2]string{"Can I visit the roastery?", "Yes, every day from 7 am."},
		[2]string{"Do you sell wholesale?", "Write to our wholesale team."},
		[2]string{"Is there a first order discount?", "Yes, 15% off."},
		[2]string{"How fresh is the coffee?", "Every bag shows its roast date."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Pour over brew guide", Published: true,
		Body: "You need a cone dripper, a filter, a gooseneck kettle and a scale.\n\nPour slowly in circles."}}
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Gooseneck Electric Kettle", Handle: "kettle", Price: "79.00", Status: "active",
			Description: "A 0.9 L electric gooseneck kettle with temperature control."},
		{ShopifyID: 2, Title: "Moka Pot", Handle: "moka-pot", Price: "35.00", Status: "active",
			Description: "A stovetop espresso maker. Works on gas and electric stoves, not on induction."},
	}
	idx := buildIndex(snap, languageFor("en"), true)
	a := idx.respond(languageFor("en"), normalized("does the kettle work on induction"))
	if !a.Handoff {
		t.Errorf("answered %q, want a handoff: nothing says whether the kettle works on induction", a.Text)
	}
}

// A product search's cards are of the kind of product asked for: "wet
// food for dogs" shows no cats' wet food, however well the rest matches.
func TestAProductSearchShowsNoProductOfAnotherKind(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship within the United States only."})
	snap.Products = []storage.Product{
		{ShopifyID: 1, Title: "Pate Variety Pack for Cats", Handle: "pate-cats", Price: "21.99", Status: "active",
			Tags: []string{"cat", "wet food", "cans"}, Description: "Twelve cans of wet food for cats."},
		{ShopifyID: 2, Title: "Salmon Dog Food", Handle: "dog-food", Price: "39.00", Status: "active",
			Tags: []string{"dog", "food", "dry"}, Description: "Dry food for adult dogs."},
		{ShopifyID: 3, Title: "Rope Tug Toy", Handle: "rope-toy", Price: "11.00", Status: "active",
			Tags: []string{"dog", "toy"}, Description: "A rope toy for dogs."},
		{ShopifyID: 4, Title: "Feather Wand", Handle: "feather-wand", Price: "9.00", Status: "active",
			Tags: []string{"cat", "toy"}, Description: "A wand toy for cats."},
	}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	if a := idx.respond(kit, normalized("do you have wet food for dogs")); hasCard(a.Cards, "pate-cats") {
		t.Errorf("cards %v: the cats' wet food for dogs", a.Cards)
	}
	if a := idx.respond(kit, normalized("do you have wet food for cats")); !hasCard(a.Cards, "pate-cats") {
		t.Errorf("cards %v, want the cats' wet food", a.Cards)
	}
}

func hasCard(cards []aiagent.ProductCard, handle string) bool {
	for _, c := range cards {
		if c.Handle == handle {
			return true
		}
	}
	return false
}

// Buying is not a service the subject gate holds a passage to: every
// order is a purchase, so "la dirección de mi compra" is answered by the
// FAQ of an order's (pedido's) address.
func TestBuyingIsNoServiceLeftOut(t *testing.T) {
	for _, c := range []struct {
		locale, question, want string
		faqs                   [][2]string
	}{
		{"es", "puedo cambiar la dirección de mi compra", "no haya salido",
			[][2]string{
				{"¿Puedo cambiar la dirección de envío de mi pedido?", "Sí, mientras tu pedido no haya salido: escríbenos."},
				{"¿Cuánto tarda el envío?", "De 2 a 5 días hábiles."},
				{"¿Envían fuera de México?", "Solo enviamos dentro de México."},
				{"¿Puedo devolver un regalo?", "Sí, a cambio de saldo en la tienda."},
				{"¿Qué tarjetas aceptan?", "Visa, Mastercard y PayPal."},
				{"¿Cómo lavo los calcetines de lana?", "En frío y secar en plano."},
				{"¿Hay compra mínima?", "No, compra lo que quieras."},
				{"¿Gano puntos con cada compra?", "Sí, un punto por cada peso de tu compra."},
				{"¿Puedo pagar mi compra a meses?", "Sí, con tarjeta de crédito."}}},
	} {
		idx := buildIndex(faqShop(c.locale, c.faqs...), languageFor(c.locale), true)
		a := idx.respond(languageFor(c.locale), normalized(c.question))
		if a.Handoff || !strings.Contains(a.Text, c.want) {
			t.Errorf("%q answered %q (handoff %v), want the FAQ of an order's address", c.question, a.Text, a.Handoff)
		}
	}
}
