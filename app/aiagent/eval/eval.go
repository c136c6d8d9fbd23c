// Package eval measures an answer engine (app/aiagent) on question sets
// written as shoppers write, over shops of different kinds (issue [8/13],
// docs/eval.md): each question carries what a right answer must hold, and
// the engine's answers are scored correct, wrong, or confidently wrong —
// answered when it should have handed off, or answered without the facts.
//
// The sets live in testdata as JSON, each naming its shop, and come in two
// parts: dev, to look at while improving an engine, and holdout, to check
// that the improvements hold on questions no one tuned on.
package eval

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Part is which half of a shop's questions a set is.
type Part string

// The parts.
const (
	Dev     Part = "dev"
	Holdout Part = "holdout"
)

// Categories are the kinds of questions, as the report groups them.
var Categories = []string{
	"paraphrase",      // a known question in the shopper's own words
	"typo",            // misspelt
	"fragment",        // a few words: "returns?"
	"product",         // looking for products: cards expected
	"product_fact",    // a product's price, sizes, colours, stock
	"unanswerable",    // the shop's data does not say: hand off
	"person",          // asks for a person
	"sensitive",       // chargeback, legal threat, damage, anger: hand off
	"order",           // a signed-in shopper's order
	"order_anonymous", // an order question from an anonymous visitor: sign in
}

// Set is one file of questions about one shop.
type Set struct {
	// Shop is the shop's demo-shop JSON: "demo" for the built-in demo shop
	// (shopify/shopifytest), else a file name in the set's directory.
	Shop      string     `json:"shop"`
	Part      Part       `json:"part"`
	Questions []Question `json:"questions"`
	// File is where the set was read from.
	File string `json:"-"`
}

// Question is what a shopper asks and what a right answer holds.
type Question struct {
	ID       string `json:"id"`
	Category string `json:"category"`
	Language string `json:"language"` // BCP 47, as the storefront sends it
	Text     string `json:"text"`
	// CustomerID is the signed-in shopper's Shopify customer id, 0 for an
	// anonymous visitor.
	CustomerID int64       `json:"customer_id,omitempty"`
	Expect     Expectation `json:"expect"`
}

// Expectation is what a right answer holds: either facts and/or product
// cards, or a handoff, or a request to sign in.
type Expectation struct {
	// Facts must each appear in the answer's text, ignoring case, accents
	// and the kind of dash; "a|b" is met by either a or b (the same fact in
	// the words of the FAQ or of the policy).
	Facts []string `json:"facts,omitempty"`
	// Cards are handles of products the answer must show as cards.
	Cards   []string `json:"cards,omitempty"`
	Handoff bool     `json:"handoff,omitempty"`
	SignIn  bool     `json:"sign_in,omitempty"`
}

// check says what is wrong with an expectation, "" when nothing.
func (e Expectation) check() string {
	answers := len(e.Facts) > 0 || len(e.Cards) > 0
	n := 0
	for _, b := range []bool{answers, e.Handoff, e.SignIn} {
		if b {
			n++
		}
	}
	if n != 1 {
		return "expect needs exactly one of: facts and/or cards, handoff, sign_in"
	}
	for _, f := range e.Facts {
		if strings.TrimSpace(f) == "" || slices.Contains(strings.Split(f, "|"), "") {
			return fmt.Sprintf("fact %q has an empty alternative", f)
		}
	}
	return ""
}

// LoadSets reads every set in dir (*.json files with a "questions" list;
// shop files are skipped) and checks each question's form.
func LoadSets(dir string) ([]Set, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var sets []Set
	for _, path := range paths {
		set, ok, err := readSet(path)
		if err != nil {
			return nil, err
		}
		if ok {
			sets = append(sets, set)
		}
	}
	return sets, nil
}

// readSet reads one file; ok is false when it is not a question set.
func readSet(path string) (set Set, ok bool, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Set{}, false, err
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return Set{}, false, fmt.Errorf("%s: %w", path, err)
	}
	if _, isSet := probe["questions"]; !isSet {
		return Set{}, false, nil
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&set); err != nil {
		return Set{}, false, fmt.Errorf("%s: %w", path, err)
	}
	set.File = path
	if set.Part != Dev && set.Part != Holdout {
		return Set{}, false, fmt.Errorf("%s: part is %q, want dev or holdout", path, set.Part)
	}
	for _, q := range set.Questions {
		if msg := q.check(); msg != "" {
			return Set{}, false, fmt.Errorf("%s: question %q: %s", path, q.ID, msg)
		}
	}
	return set, true, nil
}

func (q Question) check() string {
	switch {
	case q.ID == "" || strings.TrimSpace(q.Text) == "" || q.Language == "":
		return "id, text and language are required"
	case !slices.Contains(Categories, q.Category):
		return fmt.Sprintf("unknown category %q", q.Category)
	}
	return q.Expect.check()
}
