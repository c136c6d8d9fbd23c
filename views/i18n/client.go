package i18n

import (
	"context"
	"encoding/json"
)

// ClientMessages are keys' messages in ctx's language as JSON, for a
// script that words things between renders (a waiting time that advances):
// {"key": "text"} or {"key": {"one": "...", "other": "..."}}. The script
// fills {name} placeholders itself and picks a plural form with
// Intl.PluralRules of the document's lang, whose CLDR categories are the
// catalogs' ("one", "few", "many", "other"). A key the catalogs lack is
// left out.
func ClientMessages(ctx context.Context, keys ...string) string {
	l := FromContext(ctx)
	out := make(map[string]any, len(keys))
	for _, key := range keys {
		m, ok := catalogs[l.Lang()][key]
		if !ok {
			if m, ok = catalogs["en"][key]; !ok {
				continue
			}
		}
		if m.forms != nil {
			out[key] = m.forms
		} else {
			out[key] = m.text
		}
	}
	b, _ := json.Marshal(out) // strings and maps of strings always encode
	return string(b)
}
