package builtin

import (
	"strings"
	"testing"

	"hubchat/storage"
)

// A question of one of the things an article's title names ("heat
// pack?" of "Winter shipping and heat packs") is answered by the
// paragraph labelled with it, not the article's opening; a question of the
// whole title still gets the opening.
func TestAParagraphLabelledWithTheQuestionAnswersIt(t *testing.T) {
	snap := faqShop("en", [2]string{"Can I visit the greenhouse?", "Yes, Friday to Sunday from 9am to 4pm."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Winter shipping and heat packs", Published: true,
		Body: "Tropical houseplants don't like the cold, and a box on a porch in January gets very cold indeed. " +
			"Here is how we keep your plants warm between November and March, from the greenhouse to your door.\n\n" +
			"Heat packs. Every plant order going somewhere with nighttime lows below 40°F gets a 72-hour heat pack, free.\n\n" +
			"Weather holds. If the low is expected below 20°F, we hold the order and ship it in the next warm-enough window."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	a := idx.respond(kit, normalized("heat pack?"))
	if a.Handoff || !strings.Contains(a.Text, "72-hour heat pack") {
		t.Errorf("heat pack?: answered %q (handoff %v), want the heat packs paragraph", a.Text, a.Handoff)
	}
	a = idx.respond(kit, normalized("winter shipping and heat packs"))
	if a.Handoff || !strings.HasPrefix(a.Text, "Tropical houseplants") {
		t.Errorf("the whole title: answered %q (handoff %v), want the article's opening", a.Text, a.Handoff)
	}
}
