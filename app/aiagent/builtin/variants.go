package builtin

import (
	"slices"
	"strings"

	"hubchat/storage"
)

// This file reads a question that asks for a product in one of its
// options' values ("do you have the helmet in medium", "the house blend in
// 2 lb"): it asks whether the product is for sale and in which values it
// comes, which its structured fields answer, with its card.

// variantAsked finds in a normalised message one of the language's frames
// followed by a value of one of the shop's product options, or a size word
// the shop's values hold as letters ("in medium", of "M"): the phrase's
// value, normalised, and the message without the phrase; ok is false when the
// message names none. The longest phrase wins ("in extra large" is "xl").
func (idx *index) variantAsked(kit *languageKit, msg string) (value, rest string, ok bool) {
	padded := " " + msg + " "
	best := ""
	for _, frame := range kit.variantFrames {
		for _, candidate := range idx.variantWords(kit) {
			phrase := " " + frame + " " + candidate + " "
			if len(phrase) > len(best) && strings.Contains(padded, phrase) {
				best, value = phrase, candidate
			}
		}
	}
	if best == "" {
		return "", msg, false
	}
	if !idx.optionValues[value] && !idx.optionValues[kit.sizeLetters[value]] {
		return "", msg, false
	}
	return value, strings.TrimSpace(strings.Replace(padded, best, " ", 1)), true
}

// variantWords are the shop's option values and the language's size words.
func (idx *index) variantWords(kit *languageKit) []string {
	out := make([]string, 0, len(idx.optionValues)+len(kit.sizeLetters))
	for v := range idx.optionValues {
		out = append(out, v)
	}
	for w := range kit.sizeLetters {
		out = append(out, w)
	}
	return out
}

// valueOf is the value of one of p's options a phrase of variantAsked
// names, as p spells it: the value itself, or the letters of a size word
// ("medium" is "M" of a product sized by letters, "Medium" of one sized in
// words); ok is false when p has neither.
func valueOf(kit *languageKit, p storage.Product, phrase string) (value string, ok bool) {
	for _, want := range []string{phrase, kit.sizeLetters[phrase]} {
		for _, o := range p.Options {
			if i := slices.IndexFunc(o.Values, func(v string) bool { return want != "" && normalized(v) == want }); i >= 0 {
				return o.Values[i], true
			}
		}
	}
	return "", false
}
