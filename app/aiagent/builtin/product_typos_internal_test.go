package builtin

import (
	"testing"

	"hubchat/storage"
)

// A slip in a word of the products' names is corrected even when the
// stemmer reads the slip as a form of a word the thesaurus knows
// ("unsented" as "unsent" with an ending): only a letter left out or two
// swapped, and never a word the thesaurus knows as it is written. The
// product's "unscented" is the term of a scent it is without (without.go).
func TestASlipInAProductWordIsCorrected(t *testing.T) {
	snap := storage.KnowledgeSnapshot{
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you post letters?", Answer: "Letters go out daily.", Published: true}},
		Products: []storage.Product{{ShopifyID: 1, Title: "Unscented Laundry Soap", Handle: "soap", Status: "active",
			Description: "A gentle soap for sensitive skin.", Tags: []string{"laundry"}}},
	}
	with, _ := indexesOf(t, snap, entry{"unsent", []string{"(adj)|unmailed"}})
	checkAnalyses(t,
		analysis{with, "is there an unsented soap", []string{"¬scent", "soap"}},
		analysis{with, "is there an unscetned soap", []string{"¬scent", "soap"}},
		// A word of the language as written stays what it is.
		analysis{with, "my letter is unsent", []string{"letter", "unsent"}},
	)
}

// A double letter of a product word written once is that word even where
// the thesaurus knows the slip as another ("trimer", a molecule); a slip
// of another kind into a known word stays what it is ("trimmed" is no
// "trimmer").
func TestADoubleLetterWrittenOnceInAProductWordIsCorrected(t *testing.T) {
	snap := storage.KnowledgeSnapshot{
		FAQs: []storage.FAQ{{ID: 1, Question: "Do you ship abroad?", Answer: "We ship to Canada and the US.", Published: true}},
		Products: []storage.Product{{ShopifyID: 1, Title: "Wick Trimmer", Handle: "trimmer", Status: "active",
			Description: "A steel trimmer for candle wicks.", Tags: []string{"accessory"}}},
	}
	with, _ := indexesOf(t, snap, entry{"trimer", []string{"(noun)|polymer"}}, entry{"trimmed", []string{"(adj)|neat"}})
	checkAnalyses(t,
		analysis{with, "wick trimer", []string{"wick", "trimmer"}},
		analysis{with, "wick trimmed", []string{"wick", "trim"}},
	)
}
