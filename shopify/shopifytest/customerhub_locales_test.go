package shopifytest_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The Customer Hub speaks the storefront's language: every string it shows
// comes from the extension's locale files, which these tests hold to the
// English default. A key missing or empty in one language, a placeholder
// lost in translation, a plural form the language needs left out, or a
// string left in English fails here.

// hubLanguages are the languages the widget must speak besides English.
var hubLanguages = []string{"es", "fr", "it", "pl", "de"}

// hubPluralForms are the CLDR cardinal plural categories each language
// uses, which a counted string must give (Unicode CLDR plural rules).
var hubPluralForms = map[string][]string{
	"en": {"one", "other"},
	"de": {"one", "other"},
	"es": {"one", "many", "other"},
	"fr": {"one", "many", "other"},
	"it": {"one", "many", "other"},
	"pl": {"one", "few", "many", "other"},
}

// hubSameAsEnglish are the words a translation may share with English:
// borrowed into the language as they are.
var hubSameAsEnglish = map[string]bool{
	"Chat":         true, // es, fr, it, de
	"Conversation": true, // fr
	"Message":      true, // fr
	"Home":         true, // it
	"AI":           true, // pl
	"Position":     true, // fr, de
	"Layout":       true, // it, de
	"Headset":      true, // de
}

// hubPlaceholder matches what gets filled in: Liquid's {{ name }} and the
// chat UI's {count}.
var hubPlaceholder = regexp.MustCompile(`\{\{\s*[\w.]+\s*\}\}|\{\w+\}`)

func TestCustomerHubStorefrontLocalesAreComplete(t *testing.T) {
	checkHubLocales(t, ".json", "en.default.json")
}

func TestCustomerHubSchemaLocalesAreComplete(t *testing.T) {
	checkHubLocales(t, ".schema.json", "en.default.schema.json")
}

// checkHubLocales holds every language's file (lang+suffix) to the
// English one.
func checkHubLocales(t *testing.T, suffix, english string) {
	t.Helper()
	dir := filepath.Join(hubExtensionDir, "locales")
	en := readHubLocale(t, filepath.Join(dir, english))
	if len(en) == 0 {
		t.Fatalf("%s has no strings", english)
	}
	for key, v := range en {
		if forms, ok := v.(map[string]any); ok && !slices.Equal(sortedKeys(forms), sorted(hubPluralForms["en"])) {
			t.Errorf("%s: %s has the plural forms %v, English needs %v", english, key, sortedKeys(forms), hubPluralForms["en"])
		}
	}
	for _, lang := range hubLanguages {
		t.Run(lang, func(t *testing.T) {
			tr := readHubLocale(t, filepath.Join(dir, lang+suffix))
			for _, problem := range hubLocaleProblems(en, tr, lang) {
				t.Errorf("%s%s: %s", lang, suffix, problem)
			}
		})
	}
}

// hubLocaleProblems lists what is wrong with tr, the language lang's
// strings, against en: both flattened to dotted keys.
func hubLocaleProblems(en, tr map[string]any, lang string) []string {
	var problems []string
	for _, key := range sortedKeys(en) {
		got, ok := tr[key]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s is missing", key))
			continue
		}
		switch want := en[key].(type) {
		case string:
			s, isString := got.(string)
			if !isString {
				problems = append(problems, fmt.Sprintf("%s is %T, English has a string", key, got))
				continue
			}
			problems = append(problems, hubStringProblems(key, s, want)...)
		case map[string]any:
			problems = append(problems, hubPluralProblems(key, got, want, lang)...)
		}
	}
	for _, key := range sortedKeys(tr) {
		if _, ok := en[key]; !ok {
			problems = append(problems, fmt.Sprintf("%s is not in English (a stale or misspelled key)", key))
		}
	}
	return problems
}

// hubStringProblems checks one translated string s against English.
func hubStringProblems(key, s, english string) []string {
	var problems []string
	if strings.TrimSpace(s) == "" {
		problems = append(problems, fmt.Sprintf("%s is empty", key))
	}
	if s == english && !hubSameAsEnglish[s] {
		problems = append(problems, fmt.Sprintf("%s is still English: %q", key, s))
	}
	if got, want := hubPlaceholders(s), hubPlaceholders(english); !slices.Equal(got, want) {
		problems = append(problems, fmt.Sprintf("%s fills in %v, English %v: %q", key, got, want, s))
	}
	return problems
}

// hubPluralProblems checks a counted string: exactly the plural forms the
// language uses, each translated with English's placeholders.
func hubPluralProblems(key string, got any, english map[string]any, lang string) []string {
	forms, ok := got.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s is %T, English has plural forms", key, got)}
	}
	need := hubPluralForms[lang]
	if have := sortedKeys(forms); !slices.Equal(have, sorted(need)) {
		return []string{fmt.Sprintf("%s has the plural forms %v, %s needs %v", key, have, lang, need)}
	}
	var problems []string
	for _, form := range need {
		s, _ := forms[form].(string)
		englishForm, _ := english["other"].(string)
		if form == "one" {
			englishForm, _ = english["one"].(string)
		}
		problems = append(problems, hubStringProblems(key+"."+form, s, englishForm)...)
	}
	return problems
}

func hubPlaceholders(s string) []string {
	found := hubPlaceholder.FindAllString(strings.ReplaceAll(s, " ", ""), -1)
	sort.Strings(found)
	return found
}

// readHubLocale reads a locale file, flattened to dotted keys; an object
// of plural forms (keys among zero, one, two, few, many, other) stays one
// entry.
func readHubLocale(t *testing.T, path string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("locale file: %v", err)
	}
	var tree map[string]any
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	out := map[string]any{}
	flattenHubLocale("", tree, out)
	return out
}

func flattenHubLocale(prefix string, tree map[string]any, out map[string]any) {
	for k, v := range tree {
		key := strings.TrimPrefix(prefix+"."+k, ".")
		if m, ok := v.(map[string]any); ok && !isPluralEntry(m) {
			flattenHubLocale(key, m, out)
			continue
		}
		out[key] = v
	}
}

func isPluralEntry(m map[string]any) bool {
	if _, ok := m["other"].(string); !ok {
		return false
	}
	for k, v := range m {
		if _, isString := v.(string); !isString || !slices.Contains([]string{"zero", "one", "two", "few", "many", "other"}, k) {
			return false
		}
	}
	return true
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}

// hubStringRefs are the chat UI's reads of its translations: T.key in the
// chat scripts, t.key in hub.js (both name the config's "i18n").
func hubStringRefs(t *testing.T) []string {
	t.Helper()
	refs := map[string]bool{}
	for file, pattern := range map[string]*regexp.Regexp{"hub.js": regexp.MustCompile(`\bt\.(\w+)`)} {
		collectHubRefs(t, file, pattern, refs)
	}
	for _, file := range hubChatScripts {
		collectHubRefs(t, file, regexp.MustCompile(`\bT\.(\w+)`), refs)
	}
	return sortedKeys(refs)
}

func collectHubRefs(t *testing.T, file string, pattern *regexp.Regexp, refs map[string]bool) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(hubExtensionDir, "assets", file))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range pattern.FindAllStringSubmatch(string(src), -1) {
		refs[m[1]] = true
	}
}

// Every string the chat UI reads is in its configuration, translated, on
// a storefront in each language: rendered through the storefront's t
// filter, none is missing (hubPage fails on "translation missing") or
// empty, and none but the shared words is the English one.
func TestCustomerHubConfigSpeaksEveryLanguage(t *testing.T) {
	refs := hubStringRefs(t)
	if len(refs) < 50 {
		t.Fatalf("found only %d strings the chat UI reads: %v", len(refs), refs)
	}
	english := hubI18n(t, "en")
	for _, lang := range hubLanguages {
		t.Run(lang, func(t *testing.T) {
			i18n := hubI18n(t, lang)
			for _, key := range refs {
				switch v := i18n[key].(type) {
				case string:
					if v == "" || (v == english[key] && !hubSameAsEnglish[v]) {
						t.Errorf("i18n %s = %q (English %q)", key, v, english[key])
					}
				case map[string]any: // plural forms, or the orders' statuses
					englishForms, _ := english[key].(map[string]any)
					for sub, en := range englishForms {
						if s, _ := v[sub].(string); s == "" || (s == en && !hubSameAsEnglish[s]) {
							t.Errorf("i18n %s.%s = %q (English %q)", key, sub, s, en)
						}
					}
				default:
					t.Errorf("i18n has no %s, which the chat UI reads", key)
				}
			}
		})
	}
}

// hubI18n renders a signed-in shopper's hub on a storefront in lang and
// returns its config's strings.
func hubI18n(t *testing.T, lang string) map[string]any {
	t.Helper()
	srv, browser := startHub(t, hubSetup{chat: hubChat("all"), signIn: true, locale: lang})
	page, _ := hubPage(t, browser, srv.URL+"/")
	cfg := hubConfig(t, page)
	if cfg["locale"] != lang {
		t.Errorf("config locale = %v, want %s", cfg["locale"], lang)
	}
	i18n, _ := cfg["i18n"].(map[string]any)
	return i18n
}
