package builtin

import (
	"strings"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// This file finds the shop's products that a FAQ's, article's or policy's
// answer names ("cats usually prefer the Cozy Cave Cat Bed"), so the
// answer shows their cards.

// productName is one way a text names a product: its title's words, or a
// shorter run of them only that product's title holds ("Yerba Mate" of
// "Yerba Mate Orgánica").
type productName struct {
	doc   int32
	words []string // normalised (lower case, accents folded)
}

// productNames are the names of a shop's products, by their first word.
type productNames map[string][]productName

// minNameWords is the fewest meaningful words a name has: one word alone
// ("Espresso", "Bed") is too often the shop's ordinary vocabulary.
const minNameWords = 2

// indexProductNames collects the names of the index's products: each
// title of at least minNameWords meaningful words, and every shorter run
// of at least as many that begins and ends on a meaningful word, that no
// other product's title holds and that is no option's value ("French
// Press" is a grind as well as the end of "Glass French Press").
func (idx *index) indexProductNames() {
	titles := map[int32][]string{}
	runs := map[string][]int32{} // a run's words, joined → the products whose titles hold it
	generic := map[string]bool{} // what describes products: options' values
	for i, d := range idx.docs {
		if d.kind != aiagent.SourceProduct || !isActive(d.product.Status) {
			continue
		}
		for _, g := range genericNames(d.product) {
			generic[normalized(g)] = true
		}
		ws := strings.Fields(normalized(d.title))
		titles[int32(i)] = ws
		for _, run := range idx.nameRuns(ws) {
			key := strings.Join(run, " ")
			if n := len(runs[key]); n == 0 || runs[key][n-1] != int32(i) {
				runs[key] = append(runs[key], int32(i))
			}
		}
	}
	idx.names = productNames{}
	for doc, ws := range titles {
		for _, run := range idx.nameRuns(ws) {
			key := strings.Join(run, " ")
			if len(run) == len(ws) || len(runs[key]) == 1 && !generic[key] {
				idx.names[run[0]] = append(idx.names[run[0]], productName{doc: doc, words: run})
			}
		}
	}
}

// genericNames are the words a product is described by rather than named:
// its options' values (not its type or tags, which often hold its name's
// core: "yerba mate").
func genericNames(p storage.Product) []string {
	var out []string
	for _, o := range p.Options {
		out = append(out, o.Values...)
	}
	return out
}

// isActive reports whether a product's status lets a shopper buy it (a
// snapshot holds active products only; "" is a product of older data).
func isActive(status string) bool {
	return status == "" || strings.EqualFold(status, "active")
}

// nameRuns are the runs of a title's words that may name it: at least
// minNameWords meaningful words, beginning and ending on one.
func (idx *index) nameRuns(ws []string) [][]string {
	var out [][]string
	for i := range ws {
		if idx.kit.stopword(ws[i]) {
			continue
		}
		meaningful := 0
		for j := i; j < len(ws); j++ {
			if idx.kit.stopword(ws[j]) {
				continue
			}
			if meaningful++; meaningful >= minNameWords {
				out = append(out, ws[i:j+1])
			}
		}
	}
	return out
}

// productsNamed are the products a text names, in the order it names them,
// at most limit: at each word the longest name that starts there ("Reed
// Diffuser Refill" over "Reed Diffuser").
func (idx *index) productsNamed(text string, limit int) []int32 {
	ws := strings.Fields(normalized(text))
	var out []int32
	seen := map[int32]bool{}
	for i := 0; i < len(ws) && len(out) < limit; i++ {
		best := productName{doc: -1}
		for _, n := range idx.names[ws[i]] {
			if len(n.words) > len(best.words) && i+len(n.words) <= len(ws) && equalWords(ws[i:i+len(n.words)], n.words) {
				best = n
			}
		}
		if best.doc < 0 {
			continue
		}
		if !seen[best.doc] {
			seen[best.doc] = true
			out = append(out, best.doc)
		}
		i += len(best.words) - 1
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// namedCards are the cards of the products a quoted text names.
func (idx *index) namedCards(text string) ([]aiagent.ProductCard, []aiagent.Source) {
	var cards []aiagent.ProductCard
	var sources []aiagent.Source
	for _, doc := range idx.productsNamed(text, maxCards) {
		d := idx.docs[doc]
		cards = append(cards, idx.card(d))
		sources = append(sources, aiagent.Source{Kind: d.kind, ID: d.id, Title: d.title})
	}
	return cards, sources
}
