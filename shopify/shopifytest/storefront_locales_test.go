package shopifytest

import (
	"testing"
)

// The t filter picks a counted string's form by the CLDR plural rules of
// the language (Unicode CLDR, "Language Plural Rules").
func TestPluralCategoryFollowsEachLanguage(t *testing.T) {
	for _, tt := range []struct {
		locale string
		n      int64
		want   string
	}{
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en-GB", 1, "one"},
		{"de", 1, "one"}, {"de", 5, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"fr", 1000000, "many"}, {"fr-CA", 0, "one"},
		{"es", 0, "other"}, {"es", 1, "one"}, {"es", 5, "other"}, {"es", 1000000, "many"}, {"es", 1000001, "other"},
		{"it", 1, "one"}, {"it", 2000000, "many"},
		{"pl", 0, "many"}, {"pl", 1, "one"}, {"pl", 2, "few"}, {"pl", 4, "few"}, {"pl", 5, "many"},
		{"pl", 11, "many"}, {"pl", 12, "many"}, {"pl", 14, "many"}, {"pl", 21, "many"}, {"pl", 22, "few"},
		{"pl", 104, "few"}, {"pl", 112, "many"}, {"pl", 1000000, "many"},
	} {
		if got := pluralCategory(tt.locale, tt.n); got != tt.want {
			t.Errorf("pluralCategory(%q, %d) = %q, want %q", tt.locale, tt.n, got, tt.want)
		}
	}
}

// A Polish entry gives the form Polish needs for the count; an entry
// found in the default locale instead follows English.
func TestTranslateChoosesThePluralFormOfTheLanguage(t *testing.T) {
	l := liquidLocales{defaultLocale: "en", trees: map[string]map[string]any{
		"en": {"unread": map[string]any{"one": "{{ count }} message", "other": "{{ count }} messages"},
			"left": map[string]any{"one": "{{ count }} left", "other": "{{ count }} left"}},
		"pl": {"unread": map[string]any{"one": "{{ count }} wiadomość", "few": "{{ count }} wiadomości",
			"many": "{{ count }} wiadomości (many)", "other": "{{ count }} wiadomości (other)"}},
	}}
	for _, tt := range []struct {
		locale, key string
		count       int
		want        string
	}{
		{"pl", "unread", 1, "1 wiadomość"},
		{"pl", "unread", 22, "22 wiadomości"},
		{"pl", "unread", 25, "25 wiadomości (many)"},
		{"pl", "left", 22, "22 left"},
		{"en", "unread", 22, "22 messages"},
	} {
		got, err := l.translate(tt.locale, tt.key, map[string]any{"count": tt.count})
		if err != nil || got != tt.want {
			t.Errorf("translate(%s, %s, count %d) = %q, %v; want %q", tt.locale, tt.key, tt.count, got, err, tt.want)
		}
	}
	// An entry without the form the count needs is missing, as a key is.
	fr := liquidLocales{defaultLocale: "fr", trees: map[string]map[string]any{
		"fr": {"unread": map[string]any{"one": "{{ count }} message", "other": "{{ count }} messages"}},
	}}
	if got, _ := fr.translate("fr", "unread", map[string]any{"count": 1000000}); got != "translation missing: fr.unread" {
		t.Errorf("French 1000000 without a many form = %q", got)
	}
}

func TestStorefrontRefusesBadLocales(t *testing.T) {
	for _, alternates := range [][]string{{"en"}, {"es", "ES"}, {"not a tag"}, {"es/x"}} {
		cfg := StorefrontConfig{Shop: testShop(), Locale: "en", AlternateLocales: alternates}
		if _, err := NewStorefront(cfg); err == nil {
			t.Errorf("NewStorefront with alternate locales %q: no error", alternates)
		}
	}
}
