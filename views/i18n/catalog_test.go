package i18n

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// sameAsEnglish lists the keys whose translation may rightly read as the
// English does (a brand, a unit, a pattern of placeholders only), in any
// language. Everything else identical to English is taken as untranslated.
var sameAsEnglish = map[string]bool{
	"layout.app_name":      true,
	"layout.nav.dashboard": true, // "Dashboard" in Italian and German admins too
	"time.clock":           true,
	"time.date_time":       true,
	"time.span.seconds":    true,
	"time.span.minutes":    true,
	"time.span.hours":      true,
	"time.day_month":       true,
	"time.date":            true,
}

// clockArgs are the arguments Time gives time.clock: each language writes
// the hour its own way, so that key's placeholders need not match English.
var clockArgs = map[string]bool{"{hour}": true, "{hour2}": true, "{hour12}": true, "{minute}": true, "{ampm}": true}

// requiredForms are the plural forms each language's integer counts select
// (CLDR cardinal rules); Polish also keeps "other", the form of fractions.
var requiredForms = map[string][]string{
	"en": {"one", "other"}, "es": {"one", "other"}, "fr": {"one", "other"},
	"it": {"one", "other"}, "pl": {"one", "few", "many", "other"}, "de": {"one", "other"},
}

// TestCatalogsAreComplete is the check that nothing ships untranslated:
// every English key is in the five other languages, non-empty, with the
// same placeholders, the plural forms the language needs, and not left in
// English; no language has a key English lacks.
func TestCatalogsAreComplete(t *testing.T) {
	for _, problem := range catalogProblems(catalogs) {
		t.Error(problem)
	}
}

// TestCatalogCheckFindsAMissingKey proves the check above fails on a
// key taken out of one language, an English leftover, a lost placeholder
// and a missing Polish plural form.
func TestCatalogCheckFindsAMissingKey(t *testing.T) {
	files := fstest.MapFS{}
	for _, l := range Locales() {
		files["catalog/"+l.Lang()+"/inbox.json"] = &fstest.MapFile{Data: []byte(`{
			"inbox.title": "Inbox ` + l.Lang() + `",
			"inbox.unread": {"one": "{count} ` + l.Lang() + `", "few": "{count} f", "many": "{count} m", "other": "{count} o"}}`)}
	}
	complete, err := loadCatalogs(files)
	if err != nil {
		t.Fatal(err)
	}
	if problems := catalogProblems(complete); len(problems) > 0 {
		t.Fatalf("a complete catalog is reported: %v", problems)
	}
	files["catalog/es/inbox.json"] = &fstest.MapFile{Data: []byte(`{"inbox.unread": {"one": "{count}", "other": "{count} o"}}`)}
	files["catalog/fr/inbox.json"] = &fstest.MapFile{Data: []byte(`{"inbox.title": "Inbox en", "inbox.unread": {"one": "un", "other": "{count} o"}}`)}
	files["catalog/pl/inbox.json"] = &fstest.MapFile{Data: []byte(`{"inbox.title": "Skrzynka", "inbox.unread": {"one": "{count}", "other": "{count} o"}}`)}
	broken, err := loadCatalogs(files)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(catalogProblems(broken), "\n")
	for _, want := range []string{
		`es: "inbox.title" is missing`,
		`fr: "inbox.title" is the same as English`,
		`fr: "inbox.unread" (one) has placeholders [] where English has [{count}]`,
		`pl: "inbox.unread" lacks the plural form "few"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the check does not report %s; it reports:\n%s", want, got)
		}
	}
}

// catalogProblems lists, sorted, what is wrong with the other languages
// measured against English.
func catalogProblems(all map[string]map[string]entry) []string {
	var out []string
	english := all["en"]
	for _, l := range Locales()[1:] {
		lang, translated := l.Lang(), all[l.Lang()]
		for key, en := range english {
			m, ok := translated[key]
			if !ok {
				out = append(out, lang+`: "`+key+`" is missing`)
				continue
			}
			out = append(out, messageProblems(lang, key, en, m)...)
		}
		for key := range translated {
			if _, ok := english[key]; !ok {
				out = append(out, lang+`: "`+key+`" is not in English`)
			}
		}
	}
	sort.Strings(out)
	return out
}

func messageProblems(lang, key string, en, m entry) []string {
	var out []string
	if (en.forms == nil) != (m.forms == nil) && !(en.forms != nil && allSame(en.forms)) {
		return []string{lang + `: "` + key + `" has plural forms in one language only`}
	}
	if !sameAsEnglish[key] && m.text == en.text && m.forms == nil {
		out = append(out, lang+`: "`+key+`" is the same as English`)
	}
	want := placeholders(en.text)
	if en.forms != nil {
		want = placeholders(en.forms["other"])
	}
	check := func(form, text string) {
		switch got := placeholders(text); {
		case strings.TrimSpace(text) == "":
			out = append(out, lang+`: "`+key+`" (`+form+`) is empty`)
		case key == "time.clock":
			for _, p := range got {
				if !clockArgs[p] {
					out = append(out, lang+`: "time.clock" has the unknown placeholder `+p)
				}
			}
		case !slices.Equal(got, want):
			out = append(out, lang+`: "`+key+`" (`+form+`) has placeholders `+"["+strings.Join(got, " ")+"]"+` where English has [`+strings.Join(want, " ")+`]`)
		}
	}
	if m.forms == nil {
		check("text", m.text)
		return out
	}
	for _, form := range requiredForms[lang] {
		if _, ok := m.forms[form]; !ok {
			out = append(out, lang+`: "`+key+`" lacks the plural form "`+form+`"`)
		}
	}
	for form, text := range m.forms {
		check(form, text)
	}
	return out
}

func allSame(forms map[string]string) bool {
	for _, v := range forms {
		if v != forms["other"] {
			return false
		}
	}
	return true
}

var placeholderPattern = regexp.MustCompile(`\{[a-z0-9_]+\}`)

// placeholders are the {name}s of text, sorted, each once.
func placeholders(text string) []string {
	found := placeholderPattern.FindAllString(text, -1)
	sort.Strings(found)
	return slices.Compact(found)
}
