package builtin

import "regexp"

// This file lets a question of a time of day find the passage that states
// one: "if I order at 3pm will it still go out today" is answered by
// "orders placed before 2pm leave the same day", "greenhouse hours" by
// "open Friday to Sunday from 9am to 4pm", neither of which shares a
// word with the question but the time. A passage that states a time of
// day is indexed under clockTerm, which a question's time, its word for
// a part of the day ("in the morning") and its words for opening hours or
// a same-day cutoff match as a synonym.

// clockTime finds a time of day in a text as written: "2pm", "9:30 am",
// "14:00", "13 h", "noon", "1 de la tarde".
var clockTime = regexp.MustCompile(`(?i)\b\d{1,2}(:\d\d)?\s?(am|pm|a\.m\.|p\.m\.|h|hrs)(\W|$)|\b\d{1,2}:\d\d\b|` +
	`\b(noon|midday|midnight|mediod[ií]a|medianoche)\b|\bde la (mañana|manana|tarde|noche)\b`)

// clockTerm is the term of a passage that states a time of day (never a
// word: "~" starts no word's term).
const clockTerm = "~clock"

// countClock adds to a passage's term frequencies one count of clockTerm
// when its text states a time of day.
func countClock(tf map[string]float32, text string) {
	if clockTime.MatchString(text) {
		tf[clockTerm]++
	}
}

// clockRules tell a question that asks a time of day.
type clockRules struct {
	// groups name the synonym groups whose words ask one (opening hours,
	// a same-day cutoff).
	groups []string
	// word tells a word that names one as written ("3pm", "noon",
	// "morning").
	word *regexp.Regexp
	// hours tells, on the question normalised, a bare word for hours that
	// asks when the shop is open ("greenhouse hours"), not how long
	// something takes.
	hours *regexp.Regexp
}

// asksClock reports whether a question's concept asks a time of day:
// key is its synonym group's key or its term, word the word as written,
// text the question normalised.
func (idx *index) asksClock(key, word, text string) bool {
	r := idx.kit.analyzer.lang.clock
	for _, g := range r.groups {
		if key == "~"+g {
			return true
		}
	}
	if r.word != nil && r.word.MatchString(word) {
		return true
	}
	return r.hours != nil && r.hours.MatchString(text) && (word == "hours" || word == "hour" || word == "hrs")
}
