package storage

import "strings"

// prefixed rewrites a list of selected columns (as conversationColumns or
// messageColumns spell them) so each comes out named prefix.name, which
// sqlx scans into the struct field tagged prefix: one row can then carry
// two records whose columns share names (a message and its conversation).
// table, when not "", qualifies the bare column names ("u." for a
// statement's alias).
func prefixed(columns, table, prefix string) string {
	exprs := splitColumns(columns)
	for i, e := range exprs {
		name := e
		if at := strings.LastIndex(e, " AS "); at >= 0 {
			e, name = e[:at], e[at+len(" AS "):]
		} else if dot := strings.LastIndexByte(e, '.'); dot >= 0 {
			name = e[dot+1:]
		} else {
			e = table + e
		}
		exprs[i] = e + ` AS "` + prefix + "." + name + `"`
	}
	return strings.Join(exprs, ", ")
}

// splitColumns splits a select list at its top-level commas (not those
// inside a function's parentheses), each expression trimmed.
func splitColumns(columns string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range columns {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(columns[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(columns[start:]))
}
