package builtin

import (
	"slices"
	"testing"
)

// "Try" before another verb frames what is asked and indexes nothing;
// before a noun it is a trial ("can I try a sample").
func TestTryBeforeAVerbIsNoWordOfTheQuestion(t *testing.T) {
	a := languageFor("en").analyzer
	tried := a.lang.stem("try")
	for _, c := range []struct {
		text    string
		framing bool
	}{
		{"i want to try pouring candles myself", true},
		{"trying to grow herbs indoors", true},
		{"can i try a sample first", false},
		{"i want to try something new", false},
		{"can i try the kit before i buy it", false},
	} {
		has := slices.Contains(a.terms(c.text), tried)
		if has == c.framing {
			t.Errorf("%q: terms %v, want %q among them %v", c.text, a.terms(c.text), tried, !c.framing)
		}
	}
}
