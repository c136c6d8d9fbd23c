package builtin_test

import (
	"context"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// needsShop is a small pet shop, in English or Spanish, whose products say
// what they are in the merchant's words ("orthopedic", "dental", "set"),
// never in a shopper's ("arthritis", "teeth", "kit").
func needsShop(locale string) storage.KnowledgeSnapshot {
	product := func(id int64, title, handle, kind, description string) storage.Product {
		return storage.Product{ShopifyID: id, Title: title, Handle: handle, Price: "20.00", Status: "active",
			Available: true, ProductType: kind, Description: description}
	}
	if locale == "es" {
		snap := faqShop("es", [2]string{"¿Cuánto tarda el envío?", "El envío tarda de 3 a 5 días hábiles."})
		snap.Products = []storage.Product{
			product(1, "Set de Té Verde", "set-verde", "Accesorios", "Tetera, dos tazas y una lata de té verde."),
			product(2, "Té Verde Sencha", "sencha", "Té", "Un té verde japonés de sabor fresco."),
			product(3, "Cama Ortopédica para Perro", "cama-perro", "Camas", "Espuma ortopédica que alivia la cadera."),
			product(4, "Cama Cueva para Gato", "cama-gato", "Camas", "Una cama cerrada y suave."),
		}
		return snap
	}
	snap := faqShop("en", [2]string{"How long does shipping take?", "Shipping takes 3 to 5 business days."})
	snap.Products = []storage.Product{
		product(1, "Orthopedic Memory Foam Dog Bed", "dog-bed", "Beds", "Memory foam that eases sore joints."),
		product(2, "Cozy Cave Cat Bed", "cat-bed", "Beds", "A soft, enclosed bed for cats."),
		product(3, "Dental Chews", "dental-chews", "Treats", "Chews for dogs that fight tartar and freshen breath."),
		product(4, "Rope Tug Toy", "rope-toy", "Toys", "A cotton rope toy to tug and fetch."),
	}
	return snap
}

// A need said in the shopper's words finds the product that meets it in
// the merchant's: a breed is a dog, arthritis asks for an orthopedic bed,
// teeth for dental chews, a kit is a set; a need the catalogue does not
// meet still shows nothing.
func TestNeedsInShoppersWordsFindTheProduct(t *testing.T) {
	for _, tt := range []struct {
		locale, question string
		cards            []string // nil: handed off
	}{
		{"en", "need a bed for my old lab with arthritis", []string{"dog-bed"}},
		{"en", "anything for my dog's teeth", []string{"dental-chews"}},
		{"en", "something for my dog's sore hips", []string{"dog-bed"}},
		{"en", "do you have a leash for my labrador", nil},
		{"es", "busco un kit de té verde", []string{"set-verde"}},
		{"es", "busco una cama para mi labrador con artritis", []string{"cama-perro"}},
		// A word in its diminutive is the word it is made from.
		{"es", "busco una camita cerrada para gato", []string{"cama-gato"}},
		{"es", "tienen un setcito de té verde", []string{"set-verde"}},
	} {
		k := newMemoryKnowledge()
		k.set(1, needsShop(tt.locale))
		a, handles := askForCards(t, builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1}), tt.locale, tt.question)
		if a.Handoff != (tt.cards == nil) || !sameSet(handles, tt.cards) {
			t.Errorf("%q: cards %v (handoff %v, %q), want %v", tt.question, handles, a.Handoff, a.Text, tt.cards)
		}
	}
}

// situationShop sells games and their accessories; no text of it names a
// pub, a cottage or friends.
func situationShop() storage.KnowledgeSnapshot {
	snap := faqShop("en", [2]string{"How long does shipping take?", "Shipping takes 3 to 5 business days."})
	product := func(id int64, title, handle, description string) storage.Product {
		return storage.Product{ShopifyID: id, Title: title, Handle: handle, Price: "15.00", Status: "active",
			Available: true, ProductType: "Games", Description: description}
	}
	snap.Products = []storage.Product{
		product(1, "Fox and Hollow", "fox", "A small card game for two players, twenty minutes a round."),
		product(2, "Harbour Lords", "harbour", "A big strategy board game for three to five players."),
		product(3, "Car Travel Chess", "car-chess", "Magnetic chess for the back seat of a car."),
		product(4, "Velvet Dice Bag", "dice-bag", "A drawstring bag for your dice."),
	}
	return snap
}

// Where, with whom or for whom a product search says the product will be
// used counts for less where a product does not name it: a two-player
// card game for the pub is shown, though no product names a pub, while a
// game for the car is the one made for a car; a search for a thing the
// shop does not sell, in a situation, still shows nothing.
func TestProductSearchSituationCountsForLess(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, situationShop())
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question string
		cards    []string // nil: handed off
	}{
		{"looking for a card game for the pub", []string{"fox"}},
		{"do you have a board game for my mates", []string{"harbour"}},
		{"looking for a game for my car", []string{"car-chess"}},
		{"do you have a puzzle for the pub", nil},
	} {
		a, handles := askForCards(t, e, "en", tt.question)
		if a.Handoff != (tt.cards == nil) || !sameSet(handles, tt.cards) {
			t.Errorf("%q: cards %v (handoff %v, %q), want %v", tt.question, handles, a.Handoff, a.Text, tt.cards)
		}
	}
}

// A message that names what is wanted without a question ("a tree that
// grows lemons indoors") is a product search: the product that matches
// most of it is shown. One that opens as a question, or names a product
// and says of it what its data does not hold, is not answered with it.
func TestABareSearchShowsTheProductWanted(t *testing.T) {
	snap := faqShop("en", [2]string{"How long does shipping take?", "Shipping takes 3 to 5 business days."})
	product := func(id int64, title, handle, description string, tags ...string) storage.Product {
		return storage.Product{ShopifyID: id, Title: title, Handle: handle, Price: "45.00", Status: "active",
			Available: true, ProductType: "Trees", Description: description, Tags: tags}
	}
	snap.Products = []storage.Product{
		product(1, "Meyer Lemon Tree", "lemon-tree", "A dwarf citrus with fragrant blossoms.", "indoor", "citrus"),
		product(2, "Arbequina Olive Tree", "olive-tree", "A slow olive for a bright patio.", "outdoor"),
		product(3, "Fiddle Leaf Fig", "fig", "A fig that grows tall, with big glossy leaves.", "indoor"),
	}
	k := newMemoryKnowledge()
	k.set(1, snap)
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	for _, tt := range []struct {
		question string
		first    string // the first card's handle; "": handed off
	}{
		{"a tree that actually grows lemons indoors", "lemon-tree"},
		{"is the lemon tree organic certified", ""},
		{"lemon tree organic certified", ""},
	} {
		a, handles := askForCards(t, e, "en", tt.question)
		first := ""
		if len(handles) > 0 {
			first = handles[0]
		}
		if a.Handoff != (tt.first == "") || first != tt.first {
			t.Errorf("%q: cards %+v (handoff %v, %q), want %q first", tt.question, a.Cards, a.Handoff, a.Text, tt.first)
		}
	}
}

// askForCards asks e a question of shop 1 in lang: its answer and the
// handles of its cards, in order.
func askForCards(t *testing.T, e *builtin.Engine, lang, question string) (aiagent.Answer, []string) {
	t.Helper()
	a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: question, Language: lang})
	if err != nil {
		t.Fatal(err)
	}
	var handles []string
	for _, c := range a.Cards {
		handles = append(handles, c.Handle)
	}
	return a, handles
}
