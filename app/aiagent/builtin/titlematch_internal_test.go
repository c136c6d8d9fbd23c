package builtin

import (
	"testing"

	"hubchat/storage"
)

// winterShop has an article whose title relates to the shopper's word only
// loosely ("winter" for "cold") while its opening says the word itself
// and states no fact; the paragraphs below it answer.
func winterShop() storage.KnowledgeSnapshot {
	return storage.KnowledgeSnapshot{
		ShopName: "Moss & Frond", Currency: "USD",
		Articles: []storage.Article{{ID: 1, Title: "Winter shipping", Body: "Tropical plants do not like the cold, " +
			"and a doorstep in January can get very cold indeed.\n\n" +
			"Weather holds. When the forecast low at your address is below 20°F, we hold your order and ship it in the next warm window.\n\n" +
			"Heat packs. Every plant order going somewhere below 40°F gets a heat pack, free."}},
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you sell pots?", Answer: "Yes, in clay and ceramic."}},
	}
}

// A question whose word the title has only as a loose relative is about
// the paragraph that says it, not the article as a whole: the opening,
// which says "cold" where the title says only "winter", is not quoted as
// if the question were about all of the article.
func TestALooseTitleRelativeIsNoQuestionAboutTheWhole(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(winterShop(), kit, true)
	q := idx.analyse(normalized("super cold, will you still ship it"))
	hits := idx.search(q, nil)
	if len(hits) == 0 {
		t.Fatal("no hit")
	}
	if idx.onlyTitleMatches(q, hits[0]) {
		t.Errorf("onlyTitleMatches of %q = true, want false: the title says only a relative of cold", idx.passages[hits[0].passage].text)
	}
	// A curated synonym in the title does say the word: "shipping?" asks
	// about the whole article.
	q = idx.analyse(normalized("sending?"))
	if hits := idx.search(q, nil); len(hits) == 0 || !idx.onlyTitleMatches(q, hits[0]) {
		t.Errorf("onlyTitleMatches of sending? = false, want true")
	}
}

// When no sentence past the opening matches a word beyond the title, the
// first one is quoted, and a run-in heading ("Weather holds.") is quoted
// with the sentence it heads, never alone.
func TestAfterIntroQuotesNoBareLabel(t *testing.T) {
	kit := languageFor("en")
	idx := buildIndex(winterShop(), kit, true)
	q := idx.analyse(normalized("super cold, will you still ship it"))
	hits := idx.search(q, nil)
	if len(hits) == 0 {
		t.Fatal("no hit")
	}
	if got := idx.afterIntro(query{}, hits[0]); got != "Weather holds. When the forecast low at your address is below 20°F, we hold your order and ship it in the next warm window." {
		t.Errorf("afterIntro = %q, want the first paragraph's label with its sentence", got)
	}
}
