package builtin

import "hubchat/app/aiagent"

// This file reads "time" after a word of the shop's services, in a
// message of a few words, as how long that service takes: the fragments
// "refund time", "us shipping time", "delivery time to ontario" ask a
// duration, as "how long" does. In a sentence the words are more often a
// moment ("can I pick a delivery time"), after a thing one does ("feeding
// time") always, and elsewhere the word frames a question and asks
// nothing ("this time", "the first time", "at a time"), so it stays a
// stop word there.

// durationNounRules tell a language's word for time that follows a noun.
type durationNounRules struct {
	// word is the word for time ("time"), group the synonym group of
	// durations it is read as; fragment the most words of a message read
	// as a fragment.
	word, group string
	fragment    int
}

var englishDurationNoun = &durationNounRules{word: "time", group: "duration", fragment: 4}

// isDurationNoun reports whether ws[i] (as written, lower-case) is the
// word for time after a word of one of the language's synonym groups of
// the shop's services (shipping, refunds, orders: a group whose topic is
// a service's, not a product's), in a fragment of a message.
func (a *analyzer) isDurationNoun(ws []string, i int) bool {
	rules := a.lang.durationNoun
	if rules == nil || len(ws) > rules.fragment || ws[i] != rules.word || i == 0 || a.stopword(ws[i-1]) {
		return false
	}
	topic, ok := a.tagOf[a.groupOf[fold(a.lang.stem(ws[i-1]))]]
	return ok && topic != "" && topic != aiagent.TagProduct
}
