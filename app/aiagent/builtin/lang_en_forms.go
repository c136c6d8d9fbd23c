package builtin

import "strings"

// englishIrregularForms are the past forms of the common English verbs
// that do not end as the stemmer expects, by the verb they are a form of:
// the thesaurus lists "go", not "went", and a shopper's "went" is a word
// of the language, no typo of a shop's "west".
var englishIrregularForms = func() map[string]string {
	forms := map[string]string{}
	for _, line := range []string{
		"go went gone", "buy bought", "bring brought", "come came", "send sent", "get got gotten", "make made",
		"take took taken", "give gave given", "tell told", "say said", "pay paid", "leave left", "feel felt",
		"keep kept", "hold held", "find found", "think thought", "sell sold", "break broke broken", "wear wore worn",
		"tear tore torn", "eat ate eaten", "run ran", "sit sat", "stand stood", "spend spent", "lose lost",
		"mean meant", "build built", "choose chose chosen", "draw drew drawn", "drive drove driven",
		"fall fell fallen", "fly flew flown", "forget forgot forgotten", "freeze froze frozen", "grow grew grown",
		"hide hid hidden", "know knew known", "lead led", "light lit", "meet met", "ride rode ridden",
		"ring rang rung", "rise rose risen", "sing sang sung", "sink sank sunk", "shake shook shaken", "shoot shot",
		"sleep slept", "speak spoke spoken", "steal stole stolen", "stick stuck", "swim swam swum", "teach taught",
		"throw threw thrown", "understand understood", "wake woke woken", "win won", "write wrote written",
		"bend bent", "bite bit bitten", "bleed bled", "blow blew blown", "catch caught", "deal dealt", "dig dug",
		"feed fed", "fight fought", "flee fled", "hang hung", "lay laid", "lend lent", "seek sought", "spin spun",
		"strike struck", "sweep swept", "swing swung", "weep wept", "wind wound", "begin began begun",
		"drink drank drunk", "hear heard", "shrink shrank shrunk", "sting stung", "see saw seen", "do did done",
		"have had", "be was were been",
	} {
		ws := strings.Fields(line)
		for _, f := range ws[1:] {
			forms[f] = ws[0]
		}
	}
	return forms
}()

// baseForm is the word an irregular form is a form of, with its stem
// ("went": "go"), else word and stem as they are.
func (k *languageKit) baseForm(word, stem string) (string, string) {
	if base, ok := k.irregularForms[word]; ok {
		return base, fold(k.stem(base))
	}
	return word, stem
}
