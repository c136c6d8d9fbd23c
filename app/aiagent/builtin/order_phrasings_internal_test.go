package builtin

import "testing"

// A signed-in shopper asks after an order in many ways besides "where is
// my order": the tracking of a product bought, an order on hold, part of it
// come, the release date of a pre-order; questions of how the shop holds,
// tracks or ships orders in general stay with its policies.
func TestOrderStatusPhrasedDifferently(t *testing.T) {
	kit := languageFor("en")
	cases := []struct {
		text string
		want bool
	}{
		{"tracking # for the candle making kit pls", true},
		{"tracking number for my lamp", true},
		{"tracking number please", true},
		{"any tracking info yet?", true},
		{"tracking?", false},
		{"do you give a tracking number", false},
		{"why is my hoya order on hold", true},
		{"my parcel is stuck somewhere", true},
		{"why hasn't my package arrived", true},
		{"the dice and mat came but not the rpg starter box", true},
		{"got the mug but not the teapot", true},
		{"release date for the expansion i preordered?", true},
		{"i ordered a game on monday, is it on the way", true},
		{"can you hold my order until I get back from vacation", false},
		{"is tracking included on all orders", false},
		{"tracking for international orders?", false},
		{"how long until a pre-order ships", false},
		{"when is the release date of the new expansion", false},
		{"it arrived but not working", false},
	}
	for _, c := range cases {
		if got := asksOrderStatus(kit, normalized(c.text)); got != c.want {
			t.Errorf("%q: order status %v, want %v", c.text, got, c.want)
		}
	}
	if es := languageFor("es"); !asksOrderStatus(es, normalized("mi té oolong ya va en camino o todavía no")) {
		t.Error(`"mi té oolong ya va en camino": want order status`)
	}
	part := []struct {
		text string
		want bool
	}{
		{"the dice and mat came but not the rpg starter box", true},
		{"why is my hoya order on hold", false},
	}
	for _, c := range part {
		if got := matchesAny(kit.intents.partOfOrder, normalized(c.text)); got != c.want {
			t.Errorf("%q: part of an order %v, want %v", c.text, got, c.want)
		}
	}
}
