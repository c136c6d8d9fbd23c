package builtin

import "testing"

// Spellings of one sound share a key, in Spanish and in English; words
// that sound otherwise do not.
func TestSpellingsOfOneSoundShareAKey(t *testing.T) {
	cases := []struct {
		key        func(string) string
		a, b       string
		soundAlike bool
	}{
		{spanishSoundKey, "hacer", "aser", true},
		{spanishSoundKey, "quiera", "kiera", true},
		{spanishSoundKey, "vino", "bino", true},
		{spanishSoundKey, "calle", "caye", true},
		{spanishSoundKey, "cerveza", "serbesa", true},
		{spanishSoundKey, "gente", "jente", true},
		{spanishSoundKey, "envio", "embio", true},
		{spanishSoundKey, "casa", "gasa", false},
		{spanishSoundKey, "pino", "bino", false},
		{englishSoundKey, "unscented", "unsented", true},
		{englishSoundKey, "knife", "nife", true},
		{englishSoundKey, "phone", "fone", true},
		{englishSoundKey, "night", "nite", true},
		{englishSoundKey, "receive", "recieve", true},
		{englishSoundKey, "colour", "color", true},
		{englishSoundKey, "centre", "center", true},
		{englishSoundKey, "recommend", "reccomend", true},
		{englishSoundKey, "bought", "bout", false},
		{englishSoundKey, "store", "stoer", false},
	}
	for _, c := range cases {
		if got := c.key(c.a) == c.key(c.b); got != c.soundAlike {
			t.Errorf("%q (%s) and %q (%s) share a key: %v, want %v", c.a, c.key(c.a), c.b, c.key(c.b), got, c.soundAlike)
		}
	}
}

// A word unknown to the shop that sounds like one of its words is that
// word before a more frequent word a typo away ("bino" is the shop's
// "vino", not its commoner "bono"); a function word spelt by sound one
// edit further than a typo ("kiera" of "quiera", "aser" of "hacer") is
// dropped like the function word, while a word of the shop that far is
// not reached ("serbeza" stays: "cerveza" is two edits away).
func TestAWordSpeltBySoundIsTheWord(t *testing.T) {
	snap := faqShop("es",
		[2]string{"¿Tienen vino de regalo?", "Sí, un vino tinto con cada caja."},
		[2]string{"¿Cómo uso mi bono?", "El bono se canjea al pagar; cada bono vale una vez."},
		[2]string{"¿Puedo cancelar la suscripción?", "Cancela cuando quieras desde tu cuenta; la cerveza no."})
	idx := buildIndex(snap, languageFor("es"), true)
	checkAnalyses(t,
		analysis{idx, "bino de regalo", []string{"vin", "~regalo"}},
		analysis{idx, "cancelar la suscripcion cuando kiera", []string{"cancel", "suscripcion"}},
		analysis{idx, "que tengo que aser para cancelar", []string{"cancel"}},
		analysis{idx, "serbeza", []string{"serbez"}},
	)
	lang := *languageFor("es").language
	lang.soundKey = nil // without spelling by sound, the commoner word wins
	plain := buildIndex(snap, &languageKit{language: &lang, analyzer: newAnalyzer(&lang)}, true)
	checkAnalyses(t, analysis{plain, "bino de regalo", []string{"bon", "~regalo"}})
}

// Two words are the one word the shop's data writes joined ("mouse pad"
// where it writes "mousepad") when one of them is no word of its data;
// two words it uses each ("tea pot") stay two, and a stop word joins
// nothing ("a part" is not "apart").
func TestTwoWordsAreTheShopsWordJoined(t *testing.T) {
	snap := faqShop("en",
		[2]string{"Is the mousepad washable?", "Yes, wash the mousepad by hand and keep it apart from the kettle."},
		[2]string{"Do you sell loose tea?", "Our tea comes in a tin, enough for forty pots; a teapot is sold apart."})
	idx := buildIndex(snap, languageFor("en"), true)
	checkAnalyses(t,
		analysis{idx, "is the mouse pad washable", []string{"mousepad", "washabl"}},
		analysis{idx, "tea pot", []string{"tea", "pot"}},
		analysis{idx, "a part kettle", []string{"part", "kettl"}},
	)
}

// A form of a word the stemmer does not bring to it ("went" of "go") is a
// word of the language when the thesaurus knows the word, so it is not
// bent into the shop's word a letter away ("west"), while a typo of that
// word ("wset") still is.
func TestAnIrregularFormIsNoTypo(t *testing.T) {
	snap := faqShop("en", [2]string{"Do you ship to the West Coast?", "Yes, west of the Rockies in 3 days."})
	with, _ := indexesOf(t, snap, entry{"go", []string{"(verb)|travel|move"}})
	checkAnalyses(t,
		analysis{with, "went", []string{"went"}},
		analysis{with, "wset", []string{"west"}},
	)
}
