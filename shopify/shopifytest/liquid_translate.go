package shopifytest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// liquidLocales holds storefront translations from a locales/ directory:
// "en.default.json" names the default locale, "fr.json" another one. The
// "*.schema.json" files translate the theme editor, not the storefront, so
// they are not read.
type liquidLocales struct {
	defaultLocale string
	trees         map[string]map[string]any
}

// loadLiquidLocales reads dir; a missing directory means no translations.
func loadLiquidLocales(dir string) (liquidLocales, error) {
	l := liquidLocales{trees: map[string]map[string]any{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return l, nil
	}
	if err != nil {
		return l, fmt.Errorf("locales: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".schema.json") {
			continue
		}
		locale := strings.TrimSuffix(name, ".json")
		if base, ok := strings.CutSuffix(locale, ".default"); ok {
			if l.defaultLocale != "" {
				return l, fmt.Errorf("locales: two default locale files (%s and %s.default.json)", name, l.defaultLocale)
			}
			locale, l.defaultLocale = base, base
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return l, fmt.Errorf("locales: %w", err)
		}
		var tree map[string]any
		if err := json.Unmarshal(raw, &tree); err != nil {
			return l, fmt.Errorf("locales/%s: %w", name, err)
		}
		l.trees[locale] = tree
	}
	if len(l.trees) > 0 && l.defaultLocale == "" {
		return l, errors.New("locales: no default locale file (e.g. en.default.json)")
	}
	return l, nil
}

var translationVariable = regexp.MustCompile(`\{\{\s*([\w.-]+)\s*\}\}`)

// translate looks key (dotted) up in the active locale, then its language
// ("fr" for "fr-CA"), then the default locale, and fills in {{ variables }}.
// A pluralized entry ({"one": …, "few": …, "other": …}) is chosen by the
// count variable under the plural rules of the locale the entry was found
// in (pluralCategory). Interpolated values are HTML-escaped unless the key ends in
// "_html", the suffix Shopify reserves for translations that carry HTML.
// A missing key renders "translation missing: {locale}.{key}", as on a
// Shopify storefront.
func (l liquidLocales) translate(locale, key string, vars map[string]any) (string, error) {
	var entry any
	var from string
	for _, loc := range l.candidates(locale) {
		if entry = lookupDotted(l.trees[loc], key); entry != nil {
			from = loc
			break
		}
	}
	switch e := entry.(type) {
	case string:
		return interpolate(e, key, vars), nil
	case map[string]any:
		if s, ok := pluralForm(from, e, vars["count"]); ok {
			return interpolate(s, key, vars), nil
		}
	}
	return "translation missing: " + locale + "." + key, nil
}

// candidates lists the locales to try, most specific first.
func (l liquidLocales) candidates(locale string) []string {
	out := []string{locale}
	if lang, _, ok := strings.Cut(locale, "-"); ok {
		out = append(out, lang)
	}
	return append(out, l.defaultLocale)
}

func lookupDotted(tree map[string]any, key string) any {
	var cur any = tree
	for _, part := range strings.Split(key, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[part]
	}
	return cur
}

// pluralForm picks the entry's form for count in locale: "zero" when the
// entry has one and count is 0, else the CLDR plural category of count in
// the locale's language (pluralCategory). A form the entry lacks is
// missing, not replaced by another.
func pluralForm(locale string, forms map[string]any, count any) (string, bool) {
	n, ok, err := liquidInteger(count)
	if err != nil || !ok {
		return "", false
	}
	choice := pluralCategory(locale, n)
	if _, hasZero := forms["zero"]; n == 0 && hasZero {
		choice = "zero"
	}
	s, ok := forms[choice].(string)
	return s, ok
}

// pluralCategory is the CLDR cardinal plural category of the whole number
// n in locale's language, for the languages the fake knows (English,
// German, Spanish, French, Italian, Polish); any other language gets the
// English rule.
func pluralCategory(locale string, n int64) string {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if n < 0 {
		n = -n
	}
	millions := n != 0 && n%1000000 == 0 // Romance "many": 1000000, 2000000…
	switch lang {
	case "fr":
		if n == 0 || n == 1 {
			return "one"
		}
		if millions {
			return "many"
		}
	case "es", "it":
		if n == 1 {
			return "one"
		}
		if millions {
			return "many"
		}
	case "pl":
		last, lastTwo := n%10, n%100
		switch {
		case n == 1:
			return "one"
		case last >= 2 && last <= 4 && (lastTwo < 12 || lastTwo > 14):
			return "few"
		default:
			return "many"
		}
	default:
		if n == 1 {
			return "one"
		}
	}
	return "other"
}

func interpolate(s, key string, vars map[string]any) string {
	raw := strings.HasSuffix(key, "_html")
	return translationVariable.ReplaceAllStringFunc(s, func(m string) string {
		v := liquidString(vars[translationVariable.FindStringSubmatch(m)[1]])
		if raw {
			return v
		}
		return htmlEscaper.Replace(v)
	})
}
