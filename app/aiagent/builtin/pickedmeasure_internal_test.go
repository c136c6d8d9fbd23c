package builtin

import (
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// The pick of an article whose title holds every word of a question of a
// measure ("how many reeds come with the diffuser", then "Reed diffusers")
// is answered by the paragraph that gives the measure, not by the
// article's opening.
func TestAPickedArticleGivesTheMeasureAsked(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship abroad?", "We ship to Canada and the US."})
	snap.Articles = []storage.Article{{ID: 1, Title: "Reed diffusers: setting up", Published: true,
		Body: "Take the stopper out of the bottle, put in the reeds and turn them over so both ends are soaked.\n\n" +
			"Place the diffuser where people walk past, away from direct sun.\n\n" +
			"Flip the reeds once a week. With all 8 reeds a diffuser lasts about 3 months."}}
	kit := languageFor("en")
	idx := buildIndex(snap, kit, true)
	asked := "how many reeds come with the diffuser"
	history := []aiagent.Turn{{Author: "shopper", Text: asked}, {Author: "ai", Text: kit.texts.didYouMean}}
	a, ok := idx.titlePicked(kit, normalized("Reed diffusers: setting up"), history)
	if !ok || !strings.Contains(a.Text, "8 reeds") {
		t.Errorf("picked after %q: %q (ok %v), want the paragraph with 8 reeds", asked, a.Text, ok)
	}
}
