package shopifytest

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/osteele/liquid/parser"
)

// liquidMode says which rules a Liquid source follows: files of a theme app
// extension obey the app block restrictions; a Liquid response from the app
// proxy is rendered as a theme template.
type liquidMode int

const (
	liquidAppExtension liquidMode = iota
	liquidTheme
)

// liquidForbiddenInAppBlocks maps each tag Shopify refuses in theme app
// extensions (SHOPIFY.md §6) to the advice printed with the refusal.
var liquidForbiddenInAppBlocks = map[string]string{
	"javascript": `list the file in the block schema's "javascript" instead`,
	"stylesheet": `list the file in the block schema's "stylesheet" instead`,
	"include":    "use {% render %} instead",
	"layout":     "an app block cannot choose the theme layout",
	"section":    "an app block cannot render theme sections",
}

// liquidKeywordPrefix marks a rewritten keyword argument. osteele/liquid
// has no keyword arguments for filters (`t: name: x`), so the source is
// rewritten to pass `'…name', x` positionally and the Shopify filters read
// the pairs back with liquidKeywords.
const liquidKeywordPrefix = "__shopify_keyword__:"

// preparedLiquid is a source ready for osteele/liquid.
type preparedLiquid struct {
	text string
	// layoutNone is set by `{% layout none %}` in a theme template: render
	// without the theme layout, as the app proxy's Liquid responses may ask.
	layoutNone bool
}

// inlineComment matches `{% # … %}`, which osteele/liquid's scanner does not
// recognise as a tag.
var inlineComment = regexp.MustCompile(`\{%-?\s*#(?:[^%]|%[^}])*-?%\}`)

// prepareLiquid checks the tags Shopify forbids and rewrites the Shopify
// syntax osteele/liquid lacks ({% liquid %}, {% echo %}, inline comments,
// keyword arguments) into equivalent syntax it has. Every rewrite keeps the
// newlines of the original, so line numbers in later errors still match the
// file.
func prepareLiquid(file, src string, mode liquidMode) (preparedLiquid, error) {
	var out preparedLiquid
	var b strings.Builder
	inRaw, inComment := false, false
	for _, tok := range parser.Scan(src, parser.SourceLoc{Pathname: file, LineNo: 1}, nil) {
		switch {
		case tok.Type == parser.TrimLeftTokenType || tok.Type == parser.TrimRightTokenType:
			// The "-" is also part of the neighbouring tag's Source.
		case inRaw || inComment:
			if tok.Type == parser.TagTokenType && (tok.Name == "endraw" && inRaw || tok.Name == "endcomment" && inComment) {
				inRaw, inComment = false, false
			}
			b.WriteString(tok.Source)
		case tok.Type == parser.TextTokenType:
			b.WriteString(inlineComment.ReplaceAllStringFunc(tok.Source, newlinesOf))
		case tok.Type == parser.ObjTokenType:
			b.WriteString(replaceArgs(tok, rewriteFilterKeywords(tok.Args)))
		default:
			inRaw, inComment = tok.Name == "raw", tok.Name == "comment"
			text, err := prepareTag(tok, mode, &out)
			if err != nil {
				return preparedLiquid{}, err
			}
			b.WriteString(text)
		}
	}
	out.text = b.String()
	if mode == liquidAppExtension {
		// Checked after the rewrite so that statements inside {% liquid %}
		// are caught too; the rewrite keeps line numbers.
		if err := checkForbiddenTags(file, out.text); err != nil {
			return preparedLiquid{}, err
		}
	}
	return out, nil
}

// checkForbiddenTags refuses the tags app blocks may not use, outside
// comments and raw blocks, as Shopify refuses them at deploy.
func checkForbiddenTags(file, src string) error {
	inRaw, inComment := false, false
	for _, tok := range parser.Scan(src, parser.SourceLoc{Pathname: file, LineNo: 1}, nil) {
		if tok.Type != parser.TagTokenType {
			continue
		}
		switch {
		case inRaw:
			inRaw = tok.Name != "endraw"
		case inComment:
			inComment = tok.Name != "endcomment"
		default:
			inRaw, inComment = tok.Name == "raw", tok.Name == "comment"
			if advice, bad := liquidForbiddenInAppBlocks[tok.Name]; bad {
				return &StorefrontLiquidError{File: file, Line: tok.SourceLoc.LineNo, Syntax: true,
					Message: fmt.Sprintf("{%% %s %%} is not allowed in theme app extensions: %s", tok.Name, advice)}
			}
		}
	}
	return nil
}

// prepareTag rewrites one tag token.
func prepareTag(tok parser.Token, mode liquidMode, out *preparedLiquid) (string, error) {
	switch {
	case tok.Name == "layout" && mode == liquidTheme:
		name := strings.Trim(strings.TrimSpace(tok.Args), `'"`)
		if name != "none" && name != "theme" {
			return "", &StorefrontLiquidError{File: tok.SourceLoc.Pathname, Line: tok.SourceLoc.LineNo, Syntax: true,
				Message: fmt.Sprintf("layout %q: the fake theme has only layout/theme.liquid", name)}
		}
		out.layoutNone = name == "none"
		return newlinesOf(tok.Source), nil
	case tok.Name == "echo":
		return echoObject(strings.HasPrefix(tok.Source, "{%-"), strings.HasSuffix(tok.Source, "-%}"), tok.Args, ""), nil
	case tok.Name == "liquid":
		return expandLiquidTag(tok), nil
	}
	return replaceArgs(tok, rewriteFilterKeywords(tok.Args)), nil
}

// echoObject turns `{% echo x %}` into `{{ x }}` with the given trim
// markers, putting tail (newlines) inside the delimiters, where it is
// insignificant whitespace.
func echoObject(trimLeft, trimRight bool, args, tail string) string {
	open, close := "{{", "}}"
	if trimLeft {
		open = "{{-"
	}
	if trimRight {
		close = "-}}"
	}
	return open + " " + rewriteFilterKeywords(args) + tail + " " + close
}

// expandLiquidTag turns `{% liquid %}` (one statement a line) into one tag
// per statement. Each tag starts on its statement's line and carries the
// newlines up to the next statement inside its delimiters, never between
// tags, so the expansion outputs no whitespace the original did not and
// later errors keep their line numbers.
func expandLiquidTag(tok parser.Token) string {
	start := strings.Index(tok.Source, tok.Name) + len(tok.Name)
	argsAt := start + strings.Index(tok.Source[start:], tok.Args)
	first := strings.Count(tok.Source[:argsAt], "\n") // line of the first argument line
	total := strings.Count(tok.Source, "\n")
	var stmts []string
	var lines []int // each statement's line, relative to the tag's first line
	for i, line := range strings.Split(tok.Args, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			stmts, lines = append(stmts, line), append(lines, first+i)
		}
	}
	trimLeft, trimRight := strings.HasPrefix(tok.Source, "{%-"), strings.HasSuffix(tok.Source, "-%}")
	if len(stmts) == 0 {
		return "{% comment %}" + strings.Repeat("\n", total) + "{% endcomment %}"
	}
	var b strings.Builder
	open := "{%"
	if trimLeft {
		open = "{%-"
	}
	if lines[0] > 0 {
		// A comment holds the newlines before the first statement, so that
		// its tag starts on its own line.
		b.WriteString(open + " comment %}" + strings.Repeat("\n", lines[0]) + "{% endcomment %}")
		open = "{%"
	}
	for i, stmt := range stmts {
		next, close := total, "%}"
		if i+1 < len(stmts) {
			next = lines[i+1]
		} else if trimRight {
			close = "-%}"
		}
		gap := strings.Repeat("\n", next-lines[i])
		name, args, _ := strings.Cut(stmt, " ")
		if name == "echo" {
			b.WriteString(echoObject(open == "{%-", close == "-%}", args, gap))
		} else {
			b.WriteString(open + " " + name + " " + rewriteFilterKeywords(args) + gap + " " + close)
		}
		open = "{%"
	}
	return b.String()
}

// replaceArgs returns the token's source with its arguments replaced.
func replaceArgs(tok parser.Token, args string) string {
	if args == tok.Args || tok.Args == "" {
		return tok.Source
	}
	from := 0
	if tok.Type == parser.TagTokenType {
		from = strings.Index(tok.Source, tok.Name) + len(tok.Name)
	}
	at := from + strings.Index(tok.Source[from:], tok.Args)
	return tok.Source[:at] + args + tok.Source[at+len(tok.Args):]
}

// rewriteFilterKeywords rewrites each keyword argument of a filter
// (`| t: name: x, count: 2`) into a marked positional pair
// (`| t: '…name', x, '…count', 2`). Only text after a top-level "|" is
// touched, so `{% render 'x', a: b %}` keeps its own keyword syntax.
func rewriteFilterKeywords(expr string) string {
	if !strings.Contains(expr, "|") {
		return expr
	}
	var b strings.Builder
	var quote byte
	depth, inFilter, pastName, paramStart := 0, false, false, false
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		if quote != 0 {
			b.WriteByte(c)
			if c == quote {
				quote = 0
			}
			continue
		}
		if paramStart && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			paramStart = false
			if name, n := keywordAt(expr[i:]); n > 0 {
				b.WriteString("'" + liquidKeywordPrefix + name + "',")
				i += n - 1
				continue
			}
		}
		switch {
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case depth == 0 && c == '|':
			inFilter, pastName = true, false
		case depth == 0 && inFilter && c == ':' && !pastName:
			pastName, paramStart = true, true
		case depth == 0 && inFilter && pastName && c == ',':
			paramStart = true
		}
		b.WriteByte(c)
	}
	return b.String()
}

var keywordPattern = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:`)

// keywordAt reports the keyword ("name:") s begins with and its length.
func keywordAt(s string) (string, int) {
	m := keywordPattern.FindStringSubmatchIndex(s)
	if m == nil {
		return "", 0
	}
	return s[m[2]:m[3]], m[1]
}

// newlinesOf returns only the newlines of s, to stand in for removed text
// without shifting later line numbers.
func newlinesOf(s string) string {
	return strings.Repeat("\n", strings.Count(s, "\n"))
}
