package i18n

import (
	"context"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Locale is one of the admin's languages. The zero Locale is English.
type Locale struct {
	lang string // "en", "es", "fr", "it", "pl", "de"
}

// The admin's languages. English is the default and the fallback.
var (
	English = Locale{"en"}
	Spanish = Locale{"es"}
	French  = Locale{"fr"}
	Italian = Locale{"it"}
	Polish  = Locale{"pl"}
	German  = Locale{"de"}
)

// Locales lists every language the admin speaks, English first.
func Locales() []Locale { return []Locale{English, Spanish, French, Italian, Polish, German} }

var (
	tags    = []language.Tag{language.English, language.Spanish, language.French, language.Italian, language.Polish, language.German}
	matcher = language.NewMatcher(tags)
)

// Match returns the admin's language closest to a BCP 47 tag as Shopify
// sends it ("es", "es-MX", "pt-BR", "zh-CN"): a regional variant gets its
// language, anything the admin does not speak (or cannot be parsed) gets
// English. Shopify writes some tags with an underscore; both are read.
func Match(tag string) Locale {
	t, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"))
	if err != nil {
		return English
	}
	_, i, confidence := matcher.Match(t)
	if confidence == language.No {
		return English
	}
	return Locales()[i]
}

// Lang is the language's BCP 47 code, as <html lang> takes it.
func (l Locale) Lang() string {
	if l.lang == "" {
		return "en"
	}
	return l.lang
}

// Tag is the language as golang.org/x/text knows it.
func (l Locale) Tag() language.Tag {
	for i, loc := range Locales() {
		if loc.Lang() == l.Lang() {
			return tags[i]
		}
	}
	return language.English
}

func (l Locale) printer() *message.Printer { return message.NewPrinter(l.Tag()) }

type contextKey struct{}

// WithLocale returns ctx carrying the staff member's language.
func WithLocale(ctx context.Context, l Locale) context.Context {
	return context.WithValue(ctx, contextKey{}, l)
}

// InContext is the language WithLocale put in ctx; false when none.
func InContext(ctx context.Context) (Locale, bool) {
	if ctx == nil {
		return English, false
	}
	l, ok := ctx.Value(contextKey{}).(Locale)
	return l, ok
}

// FromContext is the language WithLocale put in ctx; English when none.
func FromContext(ctx context.Context) Locale {
	if ctx == nil {
		return English
	}
	l, _ := ctx.Value(contextKey{}).(Locale)
	return l
}
