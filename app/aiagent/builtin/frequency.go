package builtin

import "regexp"

// This file lets a question of how often find the passage that says so:
// "how often should I repot" is answered by "most houseplants want a
// bigger pot every 1 to 2 years", which shares no word with it but the
// frequency. A passage that says how often ("every 2 years", "once a
// week", "daily", "cada 3 meses") is indexed under oftenTerm, which the
// words of the language's frequency group match as a synonym.

// howOften finds a frequency in a text as written.
var howOften = regexp.MustCompile(`(?i)\bevery (\d+|other|few|couple|day|week|month|year|morning|night|evening)\b|` +
	`\beach (day|week|month|year|morning|night|evening)\b|` +
	`\b(once|twice|\d+ times) (a|an|per|every)\b|\b(daily|weekly|fortnightly|monthly|yearly|annually)\b|` +
	`\bcada (\d+|d[ií]a|semana|mes|año|ano|noche|mañana)|\b(una|dos|tres|\d+) veces (al|por|a la)\b|` +
	`\b(diariamente|semanalmente|mensualmente)\b`)

// oftenTerm is the term of a passage that says how often (never a word).
const oftenTerm = "~often"

// countFrequency adds to a passage's term frequencies one count of
// oftenTerm when its text says how often.
func countFrequency(tf map[string]float32, text string) {
	if howOften.MatchString(text) {
		tf[oftenTerm]++
	}
}

// asksFrequency reports whether a question's concept (key: its synonym
// group's key) asks how often.
func (idx *index) asksFrequency(key string) bool {
	g := idx.kit.analyzer.lang.frequencyGroup
	return g != "" && key == "~"+g
}
