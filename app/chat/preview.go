package chat

import (
	"strings"
	"unicode"
)

// Preview returns body shortened for the inbox list: every run of whitespace,
// line breaks included, collapsed to one space and the ends trimmed, so the
// row reads as one line; then, when that is longer than n runes, cut to at
// most n runes ending in "…". The cut never splits a rune, and backs off so as
// not to split what displays as one character: a letter and its combining
// marks, an emoji with its skin tone or variation selector, a ZWJ sequence
// (👩‍💻) or a flag. n <= 0 gives "".
func Preview(body string, n int) string {
	if n <= 0 {
		return ""
	}
	runes := []rune(strings.Join(strings.Fields(body), " "))
	if len(runes) <= n {
		return string(runes)
	}
	cut := graphemeCut(runes, n-1) // one rune is kept for the "…"
	return strings.TrimRightFunc(string(runes[:cut]), unicode.IsSpace) + "…"
}

// graphemeCut returns the largest cut <= at such that runes[:cut] does not end
// inside a grapheme cluster, by the standard library's means: Go has no
// grapheme segmentation, so this covers the cases that occur in chat.
func graphemeCut(runes []rune, at int) int {
	cut := at
	for cut > 0 && (extendsPrevious(runes[cut]) || runes[cut-1] == zwj) {
		cut--
	}
	// Flags are pairs of regional indicators: an odd count before the cut
	// means it falls inside one.
	if cut > 0 && isRegionalIndicator(runes[cut]) {
		k := 0
		for i := cut - 1; i >= 0 && isRegionalIndicator(runes[i]); i-- {
			k++
		}
		if k%2 == 1 {
			cut--
		}
	}
	return cut
}

const zwj = '\u200d' // zero-width joiner, which glues emoji into one

// extendsPrevious reports whether r attaches to the rune before it: combining
// marks (which include variation selectors), the joiner, and emoji skin tones.
func extendsPrevious(r rune) bool {
	return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Mc, r) ||
		r == zwj || (r >= 0x1F3FB && r <= 0x1F3FF)
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }
