package adminapi

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// SearchTerm is one term of Shopify's search syntax (the query argument of
// orders, products, …), in the subset hubchat uses: field:value,
// field:>=value (also >, <, <=) and bare words, all ANDed.
type SearchTerm struct {
	Field string // empty for a bare word, matched against default fields
	Op    string // "", ">", ">=", "<" or "<="
	Value string
}

// UpdatedSince is the term for objects updated at or after t, the resumable
// backfill's filter.
func UpdatedSince(t time.Time) SearchTerm {
	return SearchTerm{Field: "updated_at", Op: ">=", Value: t.UTC().Format(time.RFC3339)}
}

// String renders the term, quoting the value when it holds anything but
// letters, digits, '.', '_' and '-' (a time's colons, a space).
func (t SearchTerm) String() string {
	v := t.Value
	if v == "" || strings.IndexFunc(v, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("._-", r)
	}) >= 0 {
		v = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
	}
	if t.Field == "" {
		return v
	}
	return t.Field + ":" + t.Op + v
}

// SearchQuery joins terms into one query string (terms are ANDed).
func SearchQuery(terms ...SearchTerm) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

// ParseSearchQuery is the inverse of SearchQuery, for the fake Shopify. It
// rejects the syntax it does not model (OR, NOT, '-' negation, parentheses,
// wildcards) rather than answer something Shopify would not.
func ParseSearchQuery(q string) ([]SearchTerm, error) {
	var terms []SearchTerm
	for rest := strings.TrimSpace(q); rest != ""; rest = strings.TrimSpace(rest) {
		word, after, err := cutWord(rest)
		if err != nil {
			return nil, err
		}
		rest = after
		if strings.HasPrefix(word, "-") || strings.HasPrefix(word, "(") {
			return nil, fmt.Errorf("adminapi: search syntax %q is not supported", word)
		}
		var t SearchTerm
		if field, val, ok := strings.Cut(word, ":"); ok && !strings.HasPrefix(word, `"`) {
			t.Field = field
			for _, op := range []string{">=", "<=", ">", "<"} {
				if v, ok := strings.CutPrefix(val, op); ok {
					t.Op, val = op, v
					break
				}
			}
			word = val
		}
		bare := !strings.HasPrefix(word, `"`)
		if bare && (t.Field == "" && (word == "OR" || word == "AND" || word == "NOT") ||
			strings.ContainsAny(word, "()*")) {
			return nil, fmt.Errorf("adminapi: search syntax %q is not supported", word)
		}
		if t.Value, err = unquoteSearch(word); err != nil {
			return nil, err
		}
		terms = append(terms, t)
	}
	return terms, nil
}

// cutWord splits off the first whitespace-separated word, keeping a quoted
// part ("…", with \-escapes) whole.
func cutWord(s string) (word, rest string, err error) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && quoted:
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ' ' || c == '\t' || c == '\n'):
			return s[:i], s[i:], nil
		}
	}
	if quoted {
		return "", "", fmt.Errorf("adminapi: unterminated quote in search %q", s)
	}
	return s, "", nil
}

func unquoteSearch(v string) (string, error) {
	if !strings.HasPrefix(v, `"`) {
		return v, nil
	}
	if len(v) < 2 || !strings.HasSuffix(v, `"`) {
		return "", fmt.Errorf("adminapi: bad quoted search value %s", v)
	}
	return strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(v[1 : len(v)-1]), nil
}
