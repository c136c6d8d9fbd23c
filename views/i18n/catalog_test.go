package i18n

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// sameAsEnglish lists the translations that rightly read as the English
// does, by key and language ("*": every language): a brand, a unit, a
// pattern of placeholders only, or a word the language shares ("Status" in
// Polish and German). Anything else identical to English is taken as
// untranslated.
var sameAsEnglish = map[string]string{
	"messages.import.at":          "*",
	"messages.import.place.faq":   "de",
	"messages.topic.account":      "it",
	"layout.app_name":             "*",
	"time.clock":                  "*",
	"time.date_time":              "*",
	"time.day_month":              "*",
	"time.date":                   "*",
	"time.span.seconds":           "*",
	"time.span.minutes":           "*",
	"time.weekday_day_time":       "es it pl de",
	"time.weekday_time":           "*",
	"time.span.hours":             "*",
	"dashboard.period_range":      "*",
	"dashboard.chart.tip_series":  "*",
	"common.channel.sms":          "*",
	"common.tag.account":          "it",
	"dashboard.change.points":     "es fr",
	"dashboard.chart.total":       "es fr",
	"dashboard.chart.axis":        "fr",
	"dashboard.table.title":       "fr",
	"dashboard.table.messages":    "fr",
	"dashboard.thread.title":      "fr",
	"notifications.title":         "fr",
	"inbox.list_label":            "es fr de",
	"inbox.row.waiting_short":     "es fr it pl",
	"ticket.order.amount":         "*",
	"ticket.composer.macros":      "es fr",
	"ticket.author.agent":         "fr pl",
	"ticket.messages_label":       "fr",
	"ticket.composer.emoji_label": "it pl",
	"ticket.profile.email":        "it",
	"dashboard.group.status":      "pl de",
	"dashboard.table.status":      "pl de",
	"dashboard.group.tag":         "it pl de",
	"dashboard.table.tag":         "it pl de",
}

// mayMatchEnglish reports whether key's translation in lang may be the
// English text.
func mayMatchEnglish(lang, key string) bool {
	langs := sameAsEnglish[key]
	return langs == "*" || slices.Contains(strings.Fields(langs), lang)
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
	files["catalog/fr/inbox.json"] = &fstest.MapFile{Data: []byte(`{"inbox.title": "Inbox en", "inbox.unread": {"one": "un", "other": "o"}}`)}
	files["catalog/pl/inbox.json"] = &fstest.MapFile{Data: []byte(`{"inbox.title": "Skrzynka", "inbox.unread": {"one": "{count}", "other": "{count} o"}}`)}
	broken, err := loadCatalogs(files)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(catalogProblems(broken), "\n")
	for _, want := range []string{
		`es: "inbox.title" is missing`,
		`fr: "inbox.title" is the same as English`,
		`fr: "inbox.unread" (all forms) has placeholders [] where English has [{count}]`,
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
	if !mayMatchEnglish(lang, key) && m.text == en.text && m.forms == nil {
		out = append(out, lang+`: "`+key+`" is the same as English`)
	}
	want := placeholders(en.text)
	if en.forms != nil {
		want = formPlaceholders(en.forms)
	}
	if key == "time.clock" {
		for _, p := range placeholders(m.text) {
			if !clockArgs[p] {
				out = append(out, lang+`: "time.clock" has the unknown placeholder `+p)
			}
		}
		return out
	}
	if m.forms == nil {
		if strings.TrimSpace(m.text) == "" {
			return append(out, lang+`: "`+key+`" is empty`)
		}
		if got := placeholders(m.text); !slices.Equal(got, want) {
			out = append(out, placeholderProblem(lang, key, "text", got, want))
		}
		return out
	}
	for _, form := range requiredForms[lang] {
		if _, ok := m.forms[form]; !ok {
			out = append(out, lang+`: "`+key+`" lacks the plural form "`+form+`"`)
		}
	}
	// A form may leave out the count ("el día anterior"), but no form may
	// bring a placeholder English lacks, and together they use them all.
	for form, text := range m.forms {
		if strings.TrimSpace(text) == "" {
			out = append(out, lang+`: "`+key+`" (`+form+`) is empty`)
		}
		for _, p := range placeholders(text) {
			if !slices.Contains(want, p) {
				out = append(out, placeholderProblem(lang, key, form, placeholders(text), want))
				break
			}
		}
	}
	if got := formPlaceholders(m.forms); !slices.Equal(got, want) {
		out = append(out, placeholderProblem(lang, key, "all forms", got, want))
	}
	return out
}

func placeholderProblem(lang, key, form string, got, want []string) string {
	return lang + `: "` + key + `" (` + form + `) has placeholders [` + strings.Join(got, " ") + `] where English has [` + strings.Join(want, " ") + `]`
}

// formPlaceholders are the placeholders of all of a message's forms.
func formPlaceholders(forms map[string]string) []string {
	var all []string
	for _, text := range forms {
		all = append(all, placeholders(text)...)
	}
	sort.Strings(all)
	return slices.Compact(all)
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
