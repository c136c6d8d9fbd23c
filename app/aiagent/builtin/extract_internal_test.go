package builtin

import (
	"testing"

	"hubchat/storage"
)

// A long paragraph is quoted by the sentences that match the question
// best, in the shopper's own word before a synonym ("return" before
// "refund"), wherever they stand in it.
func TestQuotedSentencesAreTheBestMatches(t *testing.T) {
	paragraph := "Refunds go back to the card you paid with, within five business days of our inspection of the parcel. " +
		"Returns of sale items are accepted for store credit only, within fourteen days of delivery. " +
		"Return labels are printed free of charge from the link in your confirmation email. " +
		"Shipping is free on orders over fifty dollars and takes three to five business days across the country."
	snap := storage.KnowledgeSnapshot{Articles: []storage.Article{
		{ID: 1, Title: "Store help", Body: paragraph, Published: true},
		{ID: 2, Title: "Care", Body: "Wash cold.", Published: true},
	}}
	idx := buildIndex(snap, languageFor("en"), true)
	cases := []struct{ question, want string }{
		{"can I return it", "Returns of sale items are accepted for store credit only, within fourteen days of delivery. " +
			"Return labels are printed free of charge from the link in your confirmation email."},
	}
	for _, c := range cases {
		if got := idx.bestSentences(paragraph, idx.analyse(c.question), quotedSentences, nil); got != c.want {
			t.Errorf("%q quotes\n  %q\nwant\n  %q", c.question, got, c.want)
		}
	}
}
