package builtin

import (
	"strconv"
	"strings"

	"hubchat/storage"
)

// merchantSynonyms are one shop's own synonym groups (Settings → AI
// agent), analysed with its index's language. They work as the curated
// groups do, for that shop's index only: a shopper's word or phrase of a
// group matches the group's other words and phrases. A nil value has none.
//
// A single word matches the group's other single words through the
// question's concept (expand); a phrase ("hooded sweatshirt") is joined
// into its group's key in the question (join) and counted as that key in
// the passages that contain it (countPhrases), so both sides meet on it.
type merchantSynonyms struct {
	groupsOf map[string][]string // a single-word member's term → the keys of its groups
	members  map[string][]string // group key → its single-word members' terms
	phrases  map[string][]phrase // a phrase's first stem → the phrases starting with it
}

// merchantKeyPrefix starts a merchant group's key: never a word (words are
// letters and digits), nor a curated group's key ("~" + a name).
const merchantKeyPrefix = "~merchant:"

// newMerchantSynonyms analyses the shop's groups with a, and adds their
// words to vocab so a shopper's typo is corrected to them and their own
// spelling is never "corrected" away.
func newMerchantSynonyms(groups []storage.SynonymGroup, a *analyzer, vocab *vocabulary) *merchantSynonyms {
	if len(groups) == 0 {
		return nil
	}
	m := &merchantSynonyms{groupsOf: map[string][]string{}, members: map[string][]string{}, phrases: map[string][]phrase{}}
	for i, g := range groups {
		key := merchantKeyPrefix + strconv.Itoa(i)
		for _, entry := range g.Words {
			toks := a.tokens(entry)
			for _, t := range toks {
				if t.term != "" {
					vocab.add(t.word, t.term)
				}
			}
			switch {
			case len(toks) == 1 && toks[0].term != "":
				m.groupsOf[toks[0].term] = appendNew(m.groupsOf[toks[0].term], key)
				m.members[key] = appendNew(m.members[key], toks[0].term)
			case len(toks) > 1:
				stems := make([]string, len(toks))
				for j, t := range toks {
					stems[j] = t.stem
				}
				m.phrases[stems[0]] = append(m.phrases[stems[0]], phrase{terms: stems, key: key})
			}
		}
	}
	return m
}

// join is a's join of a question's tokens with the merchant's phrases
// first joined into their groups' keys.
func (m *merchantSynonyms) join(a *analyzer, toks []token) []string {
	if m == nil || len(m.phrases) == 0 {
		return a.join(toks)
	}
	var out []string
	start := 0
	for i := 0; i < len(toks); {
		p, ok := m.longestPhrase(toks[i:])
		if !ok {
			i++
			continue
		}
		out = append(append(out, a.join(toks[start:i])...), p.key)
		i += len(p.terms)
		start = i
	}
	return append(out, a.join(toks[start:])...)
}

// countPhrases adds to a passage's term frequencies one count of a
// group's key for each of its phrases the title holds (titleWeight) and
// the body holds (one).
func (m *merchantSynonyms) countPhrases(tf map[string]float32, title, body []token) {
	if m == nil || len(m.phrases) == 0 {
		return
	}
	for _, part := range []struct {
		toks   []token
		weight float32
	}{{title, titleWeight}, {body, 1}} {
		for i := 0; i < len(part.toks); {
			if p, ok := m.longestPhrase(part.toks[i:]); ok {
				tf[p.key] += part.weight
				i += len(p.terms)
				continue
			}
			i++
		}
	}
}

// expand adds to a question's concept the forms its term's merchant groups
// give: the groups' keys (their phrases) and other single words, each worth
// synonymWeight; a group's key itself (a phrase the shopper wrote) gets its
// group's words.
func (m *merchantSynonyms) expand(term string, forms []form) []form {
	if m == nil {
		return forms
	}
	keys := m.groupsOf[term]
	if isMerchantKey(term) {
		keys = append([]string{term}, keys...)
	}
	for _, key := range keys {
		forms = addForm(forms, key)
		for _, w := range m.members[key] {
			forms = addForm(forms, w)
		}
	}
	return forms
}

// isMerchantKey reports whether term is a merchant group's key.
func isMerchantKey(term string) bool { return strings.HasPrefix(term, merchantKeyPrefix) }

func (m *merchantSynonyms) longestPhrase(toks []token) (phrase, bool) {
	var best phrase
	found := false
	for _, p := range m.phrases[toks[0].stem] {
		if len(p.terms) <= len(toks) && len(p.terms) > len(best.terms) && stemsAre(toks[:len(p.terms)], p.terms) {
			best, found = p, true
		}
	}
	return best, found
}

// addForm adds term as a synonym's form unless the concept has it already.
func addForm(forms []form, term string) []form {
	for _, f := range forms {
		if f.term == term {
			return forms
		}
	}
	return append(forms, form{term, synonymWeight})
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
