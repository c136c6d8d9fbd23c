package adminapi

import (
	"fmt"
	"strconv"
	"strings"
)

type tokKind int

const (
	tokEOF tokKind = iota
	tokPunct
	tokName
	tokNumber
	tokString
)

type token struct {
	kind tokKind
	text string // the punctuator, name, number, or the decoded string
}

func (t token) is(punct string) bool { return t.kind == tokPunct && t.text == punct }

// lexer splits a GraphQL document into tokens, skipping whitespace, commas
// (insignificant in GraphQL) and # comments.
type lexer struct {
	src string
	pos int
}

func (l *lexer) next() (token, error) {
	l.skip()
	if l.pos >= len(l.src) {
		return token{kind: tokEOF}, nil
	}
	c := l.src[l.pos]
	switch {
	case strings.HasPrefix(l.src[l.pos:], "..."):
		l.pos += 3
		return token{kind: tokPunct, text: "..."}, nil
	case strings.IndexByte("{}()[]:$!=@", c) >= 0:
		l.pos++
		return token{kind: tokPunct, text: string(c)}, nil
	case c == '"':
		return l.str()
	case c == '-' || isDigit(c):
		return token{kind: tokNumber, text: l.run(func(c byte) bool {
			return isDigit(c) || strings.IndexByte("+-.eE", c) >= 0
		})}, nil
	case isNameStart(c):
		return token{kind: tokName, text: l.run(func(c byte) bool { return isNameStart(c) || isDigit(c) })}, nil
	}
	return token{}, fmt.Errorf("adminapi: query at offset %d: unexpected character %q", l.pos, c)
}

func (l *lexer) skip() {
	for l.pos < len(l.src) {
		switch c := l.src[l.pos]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',':
			l.pos++
		case c == '#':
			for l.pos < len(l.src) && l.src[l.pos] != '\n' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *lexer) run(ok func(byte) bool) string {
	start := l.pos
	for l.pos < len(l.src) && ok(l.src[l.pos]) {
		l.pos++
	}
	return l.src[start:l.pos]
}

// str reads a "..." string. GraphQL's escapes are Go's except \/, which is
// rewritten first; block strings (""") are not supported.
func (l *lexer) str() (token, error) {
	if strings.HasPrefix(l.src[l.pos:], `"""`) {
		return token{}, fmt.Errorf("adminapi: query at offset %d: block strings are not supported", l.pos)
	}
	start := l.pos
	for l.pos++; l.pos < len(l.src); l.pos++ {
		switch l.src[l.pos] {
		case '\\':
			l.pos++
		case '\n':
			return token{}, fmt.Errorf("adminapi: query at offset %d: newline in string", l.pos)
		case '"':
			l.pos++
			s, err := strconv.Unquote(unescapeSlash(l.src[start:l.pos]))
			if err != nil {
				return token{}, fmt.Errorf("adminapi: query at offset %d: bad string: %w", start, err)
			}
			return token{kind: tokString, text: s}, nil
		}
	}
	return token{}, fmt.Errorf("adminapi: query at offset %d: unterminated string", start)
}

// unescapeSlash drops the backslash of each \/ escape (valid in GraphQL and
// JSON, not in Go), leaving other escapes, \\ included, as they are.
func unescapeSlash(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			if s[i+1] != '/' {
				b.WriteByte('\\')
			}
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isNameStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
