package i18n

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"golang.org/x/text/feature/plural"
)

//go:embed catalog/*/*.json
var catalogFiles embed.FS

// entry is one catalog entry: a text, or texts by plural form.
type entry struct {
	text  string
	forms map[string]string // "one", "few", "many", "other"...
}

// catalogs holds every language's messages by key, read once at start; a
// malformed file stops the program at start rather than showing raw keys.
var catalogs = mustLoadCatalogs(catalogFiles)

func mustLoadCatalogs(files fs.FS) map[string]map[string]entry {
	out, err := loadCatalogs(files)
	if err != nil {
		panic(err)
	}
	return out
}

// loadCatalogs reads catalog/<lang>/<area>.json. Every key must start with
// its file's area and appear in one file only.
func loadCatalogs(files fs.FS) (map[string]map[string]entry, error) {
	paths, err := fs.Glob(files, "catalog/*/*.json")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]entry{}
	for _, p := range paths {
		lang, area := path.Base(path.Dir(p)), strings.TrimSuffix(path.Base(p), ".json")
		raw, err := fs.ReadFile(files, p)
		if err != nil {
			return nil, err
		}
		var entries map[string]json.RawMessage
		if err := json.Unmarshal(raw, &entries); err != nil {
			return nil, fmt.Errorf("i18n catalog %s: %w", p, err)
		}
		if out[lang] == nil {
			out[lang] = map[string]entry{}
		}
		for key, value := range entries {
			if !strings.HasPrefix(key, area+".") {
				return nil, fmt.Errorf("i18n catalog %s: key %q does not start with %q", p, key, area+".")
			}
			if _, dup := out[lang][key]; dup {
				return nil, fmt.Errorf("i18n catalog %s: key %q is defined twice", p, key)
			}
			m, err := parseMessage(value)
			if err != nil {
				return nil, fmt.Errorf("i18n catalog %s: key %q: %w", p, key, err)
			}
			out[lang][key] = m
		}
	}
	return out, nil
}

func parseMessage(raw json.RawMessage) (entry, error) {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return entry{text: text}, nil
	}
	var forms map[string]string
	if err := json.Unmarshal(raw, &forms); err != nil {
		return entry{}, fmt.Errorf("a message is a string or an object of plural forms")
	}
	if forms["other"] == "" {
		return entry{}, fmt.Errorf(`plural forms need "other"`)
	}
	return entry{forms: forms}, nil
}

// T is the entry of key in ctx's language (see FromContext) with its
// placeholders filled from args, given as name, value pairs.
func T(ctx context.Context, key string, args ...any) string {
	return FromContext(ctx).T(key, args...)
}

// T is the entry of key in l with its {name} placeholders filled from
// args, given as name, value pairs: T("time.ago.hours", "count", 3). A
// entry with plural forms takes the form the "count" argument needs. A key
// l lacks is taken from English; a key English lacks is returned as is.
func (l Locale) T(key string, args ...any) string {
	m, ok := catalogs[l.Lang()][key]
	if !ok {
		if m, ok = catalogs["en"][key]; !ok {
			return key
		}
		l = English
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[l.pluralForm(countArg(args))]
		if text == "" {
			text = m.forms["other"]
		}
	}
	return l.fill(text, args)
}

// countArg is the "count" argument as an integer; 0 when there is none.
func countArg(args []any) int64 {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == "count" {
			n, _ := asInt(args[i+1])
			return n
		}
	}
	return 0
}

var formNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// pluralForm is the CLDR cardinal category of the integer n in l.
func (l Locale) pluralForm(n int64) string {
	if n < 0 {
		n = -n
	}
	return formNames[plural.Cardinal.MatchPlural(l.Tag(), int(n), 0, 0, 0, 0)]
}

// fill replaces each {name} in text by the value args give name.
func (l Locale) fill(text string, args []any) string {
	if len(args) < 2 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		name, _ := args[i].(string)
		pairs = append(pairs, "{"+name+"}", l.argText(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// argText writes one argument: integers as Number writes them, floats as
// Decimal with up to one decimal, the rest as fmt prints it.
func (l Locale) argText(v any) string {
	if n, ok := asInt(v); ok {
		return l.Number(n)
	}
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return l.Decimal(v, 1)
	}
	return fmt.Sprint(v)
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	}
	return 0, false
}
