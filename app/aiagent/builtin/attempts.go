package builtin

import "strings"

// This file reads "try" before another verb as the shopper's framing, not
// as what is asked: "i want to try pouring candles myself", "trying to
// grow herbs indoors" ask for what pours candles or grows herbs, and a
// shop's "try them at home before buying a full candle" (a sample) is not
// about it. Before a noun ("can I try a sample", "try it on") the word
// keeps its meaning of a trial.

// attemptRules tell a language's verbs of attempting and the forms of
// the verb after them that make them framing.
type attemptRules struct {
	// verbs are the forms of "try".
	verbs func(word string) bool
	// infinitive opens the verb attempted ("try to pour").
	infinitive string
	// gerund is the ending of the verb attempted ("try pouring"), thing
	// the ending of the nouns for a thing not named that share it
	// ("anything", "something").
	gerund, thing string
}

var englishAttempts = &attemptRules{
	verbs:      wordSet("try", "tries", "trying", "tried"),
	infinitive: "to",
	gerund:     "ing",
	thing:      "thing",
}

// isAttempt reports whether ws[i] (as written, lower-case) is a verb of
// attempting another verb: "try" before "to" or before a word in "-ing".
func (a *analyzer) isAttempt(ws []string, i int) bool {
	rules := a.lang.attempts
	if rules == nil || !rules.verbs(ws[i]) || i+1 == len(ws) {
		return false
	}
	next := ws[i+1]
	return next == rules.infinitive ||
		len(next) > len(rules.gerund)+2 && strings.HasSuffix(next, rules.gerund) && !strings.HasSuffix(next, rules.thing)
}
