package builtin

// Shoppers write a word they are unsure of as it sounds: "aser" for
// "hacer", "kiera" for "quiera", "unsented" for "unscented". Each language
// tells how its words sound through a sound key (language.soundKey): two
// spellings with the same key sound alike, so a word unknown to the shop
// whose key is a known word's key is that word, before any other word a
// typo away ("bino" is "vino", not "bono"). It may be one edit further
// than a typo only when it is a function word, which is then dropped
// ("aser" is "hacer"): a word is bent into a different word of the shop
// only within a typo's reach, since a wrong bend answers wrongly.

// soundIndex maps sound keys to the known words that have them.
type soundIndex map[string][]string

// soundKeyOf is word's key under key, "" when the language has none.
func soundKeyOf(key func(string) string, word string) string {
	if key == nil {
		return ""
	}
	return key(word)
}

// soundAlike is the known word that sounds like word (the same sound key)
// within maxDist edits, the nearest then the most frequent winning; ok is
// false when there is none. The bound keeps a key shared by unrelated
// words ("bought", "bout" would share one that drops every silent "gh")
// from bending one into the other.
func (v *vocabulary) soundAlike(word string, maxDist int) (best string, dist int, ok bool) {
	key := soundKeyOf(v.soundKey, word)
	if key == "" {
		return "", 0, false
	}
	dist = maxDist + 1
	for _, c := range v.sounds[key] {
		if c == word {
			continue
		}
		d := editDistance(word, c, maxDist)
		if d < dist || (d == dist && (v.count[c] > v.count[best] || v.count[c] == v.count[best] && c < best)) {
			best, dist = c, d
		}
	}
	return best, dist, dist <= maxDist
}

// indexSound adds a known word under its sound key.
func (v *vocabulary) indexSound(w string) {
	if key := soundKeyOf(v.soundKey, w); key != "" {
		v.sounds[key] = append(v.sounds[key], w)
	}
}

// joinedWord is toks[i] and toks[i+1] written as the one word the shop's
// data uses ("pre order" where the shop writes "preorder", "back pack"),
// when one of the two is no word the data uses: two words the shop does
// use keep their own meaning ("gift" and "card" both in its data stay
// two, "tea pot" where it writes "pots"), and a stop word joins nothing ("a part" is not "apart").
func (idx *index) joinedWord(toks []token, i int) (token, bool) {
	if i+1 >= len(toks) || toks[i].term == "" || toks[i+1].term == "" {
		return token{}, false
	}
	if idx.df[toks[i].term] > 0 && idx.df[toks[i+1].term] > 0 {
		return token{}, false
	}
	w := toks[i].word + toks[i+1].word
	if idx.vocab.count[w] == 0 || idx.vocab.term(w) == "" || hasDigit(w) {
		return token{}, false
	}
	term := idx.vocab.term(w)
	return token{word: w, stem: term, term: term}, true
}
