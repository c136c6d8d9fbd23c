package builtin

import "strings"

// This file reads the situation a product search is set in: "a card game
// I can take to the pub", "a gift for a coffee lover", "a tabletop RPG to
// start with my mates", "una taza para la oficina". The words after such
// a preposition say where, with whom or for whom the product will be used,
// which a merchant seldom writes ("pub", "mates", "oficina"), while the
// words before it say what is wanted. In a product search a situation's
// word that a product does not match counts for situationWeight of its
// weight in that product's coverage: a product that is what was asked for
// is shown though its text never names the place, while one made for the
// place ("a diffuser for my car" of the car vent diffuser) keeps the
// word's whole weight.

// situationWeight is what a word of a product search's situation counts
// for in coverage, against its idf.
const situationWeight = 0.5

// situationScope is how many words after its opening a situation reaches.
const situationScope = 3

// situationRules tell a language's situations: opens is how many words
// open one at a word and the next ("for my", "to the": 2; none: 0), after whether a word before the opening makes it the search
// itself ("looking for a"), ends whether a word ends it ("and", "that").
type situationRules struct {
	opens func(first, second string) int
	after func(word string) bool
	ends  func(word string) bool
}

var englishSituations = situationRules{
	opens: func(first, second string) int {
		switch first {
		case "with", "in":
			// "with a lid" is what the product has, "in the box" what
			// it holds: only the shopper's own ("with my mates") is theirs.
			if englishOwners(second) {
				return 2
			}
		case "for", "to", "at", "on", "by", "into", "around":
			if englishOwners(second) || second == "the" || second == "a" || second == "an" {
				return 2
			}
		}
		return 0
	},
	after: wordSet("looking", "searching", "shopping", "hunting", "after", "ask", "asking"),
	ends: wordSet("and", "or", "but", "so", "that", "which", "who", "where", "when", "because", "i", "we",
		"she", "he", "they", "it", "you", "can", "could", "will", "would", "to", "for", "with", "in", "on", "at",
		"by", "into", "around", "near", "from", "something", "anything"),
}

// englishOwners are the words after which a place, a person or a company
// is the shopper's own: "with my mates", "in our kitchen".
var englishOwners = wordSet("my", "our", "his", "her", "their", "your")

var spanishOwners = wordSet("mi", "mis", "tu", "tus", "su", "sus", "nuestro", "nuestra", "nuestros", "nuestras")

var spanishSituations = situationRules{
	opens: func(first, second string) int {
		article := second == "la" || second == "el" || second == "los" || second == "las"
		switch {
		case (first == "para" || first == "a") && (spanishOwners(second) || article):
			return 2
		case (first == "con" || first == "en") && spanishOwners(second):
			return 2 // "con tapa" is what the product has: only "con mis amigos" is theirs
		}
		return 0
	},
	after: wordSet(), // "busco" takes its object without a preposition
	ends: wordSet("y", "o", "pero", "que", "porque", "donde", "cuando", "para", "con", "en", "a", "al", "algo", "yo",
		"ella", "el", "ellos", "se", "me", "le", "lo"),
}

// situationWords is the set of words of text (as words splits it, accents
// folded) within a situation's reach, by rules; nil without rules.
func situationWords(text string, rules *situationRules) map[string]bool {
	if rules == nil {
		return nil
	}
	out := map[string]bool{}
	for _, clause := range strings.FieldsFunc(text, clauseEnd) {
		ws := words(clause)
		for i := range ws {
			ws[i] = fold(ws[i])
		}
		for i := 0; i < len(ws); i++ {
			second := ""
			if i+1 < len(ws) {
				second = ws[i+1]
			}
			width := rules.opens(ws[i], second)
			if width == 0 || i > 0 && rules.after(ws[i-1]) {
				continue
			}
			start := i + width // the determiner or the owner is no word of the situation
			for j := start; j < len(ws) && j < start+situationScope && !rules.ends(ws[j]); j++ {
				out[ws[j]] = true
			}
		}
	}
	return out
}
