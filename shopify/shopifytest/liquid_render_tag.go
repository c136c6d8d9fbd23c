package shopifytest

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/osteele/liquid"
	"github.com/osteele/liquid/render"
)

// maxRenderDepth bounds nested {% render %} calls, so a snippet that
// renders itself fails instead of exhausting the stack.
const maxRenderDepth = 16

// renderCall is a parsed {% render %}.
type renderCall struct {
	snippet string
	mode    string // "", "with" or "for"
	expr    string // the with/for expression
	alias   string // the "as" name; defaults to the snippet name
	args    [][2]string
}

var identifier = regexp.MustCompile(`^[A-Za-z_][\w-]*$`)

// parseRenderArgs parses "'name'", "'name', k: v, …", "'name' with x as y,
// …" and "'name' for xs as x, …".
func parseRenderArgs(args string) (renderCall, error) {
	args = strings.TrimSpace(args)
	if args == "" || (args[0] != '\'' && args[0] != '"') {
		return renderCall{}, errors.New("render: the snippet name must be a quoted string")
	}
	end := strings.IndexByte(args[1:], args[0])
	if end < 0 {
		return renderCall{}, errors.New("render: unterminated snippet name")
	}
	call := renderCall{snippet: args[1 : end+1]}
	segments := splitTopLevel(args[end+2:], ',')
	if head := strings.TrimSpace(segments[0]); head != "" {
		mode, rest, _ := strings.Cut(head, " ")
		if mode != "with" && mode != "for" {
			return renderCall{}, fmt.Errorf("render: unexpected %q after the snippet name", head)
		}
		call.mode, call.expr, call.alias = mode, strings.TrimSpace(rest), call.snippet
		if expr, alias, ok := strings.Cut(call.expr, " as "); ok {
			call.expr, call.alias = strings.TrimSpace(expr), strings.TrimSpace(alias)
		}
	}
	for _, seg := range segments[1:] {
		key, expr, ok := strings.Cut(seg, ":")
		key = strings.TrimSpace(key)
		if !ok || !identifier.MatchString(key) || strings.TrimSpace(expr) == "" {
			return renderCall{}, fmt.Errorf("render: expected name: value, got %q", strings.TrimSpace(seg))
		}
		call.args = append(call.args, [2]string{key, strings.TrimSpace(expr)})
	}
	return call, nil
}

// splitTopLevel splits s at sep outside quotes and brackets.
func splitTopLevel(s string, sep byte) []string {
	var parts []string
	var quote byte
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == sep && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// renderTag renders a snippet in an isolated scope, as Shopify does: the
// snippet sees the global objects and what the tag passes, not variables
// the caller assigned.
func (env *liquidEnv) renderTag(ctx render.Context) (string, error) {
	call, err := parseRenderArgs(ctx.TagArgs())
	if err != nil {
		return "", err
	}
	depth, _ := ctx.Get(liquidDepthKey).(int)
	if depth >= maxRenderDepth {
		return "", fmt.Errorf("render %q: snippets nested more than %d deep", call.snippet, maxRenderDepth)
	}
	tpl, err := env.snippet(call.snippet)
	if err != nil {
		return "", err
	}
	globals, _ := ctx.Get(liquidGlobalsKey).(map[string]any)
	scope := make(map[string]any, len(globals)+len(call.args)+3)
	for k, v := range globals {
		scope[k] = v
	}
	scope[liquidGlobalsKey], scope[liquidDepthKey] = globals, depth+1
	for _, kv := range call.args {
		v, err := ctx.EvaluateString(kv[1])
		if err != nil {
			return "", fmt.Errorf("render %q: %s: %w", call.snippet, kv[0], err)
		}
		scope[kv[0]] = v
	}
	file := "snippets/" + call.snippet + ".liquid"
	if call.mode == "" {
		return renderTemplate(tpl, file, scope)
	}
	value, err := ctx.EvaluateString(call.expr)
	if err != nil {
		return "", fmt.Errorf("render %q: %w", call.snippet, err)
	}
	if call.mode == "with" {
		scope[call.alias] = value
		return renderTemplate(tpl, file, scope)
	}
	return renderEach(tpl, file, scope, call.alias, value)
}

// renderEach renders the snippet once per item, with a forloop object.
func renderEach(tpl *liquid.Template, file string, scope map[string]any, alias string, items any) (string, error) {
	rv := reflect.ValueOf(items)
	if items == nil {
		return "", nil
	}
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return "", fmt.Errorf("render %s: for needs an array, got %T", file, items)
	}
	var b strings.Builder
	n := rv.Len()
	for i := 0; i < n; i++ {
		scope[alias] = rv.Index(i).Interface()
		scope["forloop"] = map[string]any{
			"index": i + 1, "index0": i, "rindex": n - i, "rindex0": n - i - 1,
			"first": i == 0, "last": i == n-1, "length": n,
		}
		s, err := renderTemplate(tpl, file, scope)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// snippet parses a snippet once per environment.
func (env *liquidEnv) snippet(name string) (*liquid.Template, error) {
	env.mu.Lock()
	defer env.mu.Unlock()
	if tpl, ok := env.parsed[name]; ok {
		return tpl, nil
	}
	src, ok := env.snippets[name]
	if !ok {
		return nil, fmt.Errorf("render: no snippet %q in snippets/", name)
	}
	tpl, _, err := parseLiquid(env, "snippets/"+name+".liquid", src)
	if err != nil {
		return nil, err
	}
	env.parsed[name] = tpl
	return tpl, nil
}
