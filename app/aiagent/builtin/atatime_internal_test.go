package builtin

import (
	"slices"
	"testing"
)

// "In one go", "in one sitting" say what the merchant writes as "at a
// time": how long a candle may burn without a break.
func TestInOneGoIsAtATime(t *testing.T) {
	idx := buildIndex(faqShop("en", [2]string{"How should I burn my candle?",
		"Never burn a candle for more than 4 hours at a time, and trim the wick before every burn."}), languageFor("en"), true)
	for _, q := range []string{"can i burn it for 6 hours in one go", "how long can i burn a candle in one sitting"} {
		terms := conceptTerms(idx, q)
		if !slices.Contains(terms, "~atatime") {
			t.Errorf("%q analysed as %q, want at a time among them", q, terms)
		}
	}
}
