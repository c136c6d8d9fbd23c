package shopifytest

// What metafieldsSet checks before it stores anything: identifiers
// (MetafieldsSetInput: namespace 3–255 and key 2–64 characters of
// alphanumerics, hyphen and underscore), the type, and the value against
// the type. Each check returns a userError message and code, or "" when the
// input is fine. The messages are the fake's own wording.

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// adminapiMetafieldTypes are the types the fake validates; Shopify has
// more (dates, references, lists…), which the fake rejects as unsupported.
var adminapiMetafieldTypes = map[string]func(value string) string{
	"json": func(v string) string {
		var x any
		if err := json.Unmarshal([]byte(v), &x); err != nil {
			return "Value is invalid JSON: " + err.Error() + "."
		}
		return ""
	},
	"boolean": func(v string) string {
		if v != "true" && v != "false" {
			return "Value must be true or false."
		}
		return ""
	},
	"single_line_text_field": func(v string) string {
		if strings.ContainsAny(v, "\r\n") {
			return "Value must be a single line text string."
		}
		return ""
	},
	"multi_line_text_field": func(string) string { return "" },
	"number_integer": func(v string) string {
		// Shopify's integers are within ±9,007,199,254,740,991.
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n > 1<<53-1 || n < -(1<<53-1) {
			return "Value must be an integer."
		}
		return ""
	},
	"number_decimal": func(v string) string {
		if !adminapiDecimal.MatchString(v) {
			return "Value must be a decimal."
		}
		return ""
	},
}

var adminapiDecimal = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

func adminapiCheckMetafieldType(typ string) (msg, code string) {
	switch {
	case typ == "":
		// Required without a metafield definition, and the fake has none.
		return "Type can't be blank.", "BLANK"
	case adminapiMetafieldTypes[typ] == nil:
		return fmt.Sprintf("Type %q is invalid or not supported by the local Shopify.", typ), "INVALID_TYPE"
	}
	return "", ""
}

// adminapiCheckMetafieldValue checks value against a valid type.
func adminapiCheckMetafieldValue(typ, value string) (msg, code string) {
	if value == "" {
		return "Value can't be blank.", "BLANK"
	}
	if msg := adminapiMetafieldTypes[typ](value); msg != "" {
		return msg, "INVALID_VALUE"
	}
	return "", ""
}

// adminapiCheckIdentifier checks a namespace or key.
func adminapiCheckIdentifier(field, s string) (msg, code string) {
	lo, hi := 3, 255
	if field == "key" {
		lo, hi = 2, 64
	}
	name := strings.ToUpper(field[:1]) + field[1:]
	switch {
	case len(s) < lo:
		return fmt.Sprintf("%s is too short (minimum is %d characters)", name, lo), "TOO_SHORT"
	case len(s) > hi:
		return fmt.Sprintf("%s is too long (maximum is %d characters)", name, hi), "TOO_LONG"
	}
	for _, c := range s {
		if !(c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return name + " can only contain alphanumeric, hyphen, and underscore characters.", "INVALID"
		}
	}
	return "", ""
}
