package builtin

import "strings"

// respelled is a normalised message with its typos corrected as the
// index's analysis corrects a question's (understood): words the shop's
// data and the synonym lists do not know, a typo away from one they do
// ("wheres my pakage"). It lets the intent rules, which read words as
// written, see a mistyped order question. ok is false when nothing changed.
func (idx *index) respelled(msg string) (string, bool) {
	toks := idx.understood(idx.kit.analyzer.tokens(msg))
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.word
	}
	fixed := strings.Join(ws, " ")
	return fixed, fixed != msg
}
