package builtin

import (
	"slices"
	"sort"
	"testing"
)

// The words of a situation are those after its opening, up to the next
// clause, preposition or pronoun: not what is searched for ("looking for a
// lid"), nor what the product has ("with a lid", "con tapa").
func TestSituationWords(t *testing.T) {
	for _, tt := range []struct {
		text  string
		rules *situationRules
		want  []string
	}{
		{"small card game i can take to the pub", &englishSituations, []string{"pub"}},
		{"a gift for a coffee lover", &englishSituations, []string{"coffee", "lover"}},
		{"start an rpg with my mates, where do i begin", &englishSituations, []string{"mates"}},
		{"looking for a candle with a lid", &englishSituations, nil},
		{"a plant for my living room by the window", &englishSituations, []string{"living", "room", "window"}},
		{"una taza con tapa para la oficina", &spanishSituations, []string{"oficina"}},
		{"busco para mi hermana algo dulce", &spanishSituations, []string{"hermana"}},
		{"envio a domicilio", &spanishSituations, nil},
	} {
		var got []string
		for w := range situationWords(tt.text, tt.rules) {
			got = append(got, w)
		}
		sort.Strings(got)
		want := slices.Clone(tt.want)
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: situation %v, want %v", tt.text, got, want)
		}
	}
}

// "w" and "wo", shorthand for "with" and "without", are no words of a
// search: "a candle w a lid" asks for a candle and a lid.
func TestWithShorthandIsNoWord(t *testing.T) {
	got := languageFor("en").analyzer.terms("small candle w a lid wo scent")
	if want := []string{"small", "candl", "lid", "scent"}; !slices.Equal(got, want) {
		t.Errorf("terms %v, want %v", got, want)
	}
}
