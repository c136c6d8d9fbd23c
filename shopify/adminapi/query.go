package adminapi

import (
	"fmt"
	"strconv"
)

// Operation is a parsed GraphQL operation: enough structure to estimate its
// cost and, in the fake Shopify, to dispatch it. ParseQuery accepts what
// hubchat sends (a query, shorthand or with a "query Name($v: T = default)"
// header, or a mutation with a "mutation Name(…)" header; nested fields,
// aliases, arguments with literals, lists, objects and variables, comments)
// and inline fragments "... on Type { … }" on a union or interface, and
// rejects the rest (subscriptions, several operations, named fragments,
// directives, block strings) with an error instead of guessing.
type Operation struct {
	Type     string // "query" or "mutation"
	Name     string
	Defaults map[string]any // variable defaults declared in the header
	Fields   []Field
}

// Operation types, as the header's keyword spells them.
const (
	OpQuery    = "query"
	OpMutation = "mutation"
)

// Field is one selected field.
type Field struct {
	Alias  string // the response key: the alias, or Name when there is none
	Name   string
	Args   map[string]Value
	Fields []Field // the sub-selection; empty for scalars and enums
	// On is the type condition of the inline fragment the field was
	// selected in ("... on OnlineStoreThemeFileBodyText { content }"), or
	// "" for a field selected directly. A fragment's fields are listed with
	// their siblings: cost and dispatch do not depend on the condition.
	On string
}

// Value is an argument: a variable reference (Var) or a literal (Lit: string,
// int64, float64, bool, nil, an enum name as a string, []Value or
// map[string]Value).
type Value struct {
	Var string
	Lit any
}

// Arg returns the value of the named argument with variables substituted
// from vars, then from the operation's defaults, and whether it was given.
func (op *Operation) Arg(f Field, name string, vars map[string]any) (any, bool) {
	v, ok := f.Args[name]
	if !ok {
		return nil, false
	}
	if v.Var == "" {
		return literal(v), true
	}
	if x, ok := vars[v.Var]; ok {
		return x, true
	}
	x, ok := op.Defaults[v.Var]
	return x, ok
}

// ParseQuery parses a document holding a single query or mutation. A
// mutation needs its keyword: the shorthand "{ … }" is a query.
func ParseQuery(doc string) (*Operation, error) {
	p := &parser{lex: lexer{src: doc}}
	p.next()
	op := &Operation{Type: OpQuery, Defaults: map[string]any{}}
	if p.tok.kind == tokName {
		if p.tok.text != OpQuery && p.tok.text != OpMutation {
			return nil, fmt.Errorf("adminapi: only query and mutation operations are supported, got %q", p.tok.text)
		}
		op.Type = p.tok.text
		p.next()
		if p.tok.kind == tokName {
			op.Name = p.tok.text
			p.next()
		}
		if p.tok.is("(") {
			p.varDefs(op)
		}
	}
	op.Fields = p.selectionSet()
	if p.err == nil && p.tok.kind != tokEOF {
		p.fail("unexpected %q after the operation", p.tok.text)
	}
	if p.err != nil {
		return nil, p.err
	}
	return op, nil
}

type parser struct {
	lex lexer
	tok token
	err error
}

func (p *parser) next() {
	if p.err == nil {
		p.tok, p.err = p.lex.next()
	}
}

func (p *parser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("adminapi: query at offset %d: %s", p.lex.pos, fmt.Sprintf(format, args...))
	}
	p.tok = token{kind: tokEOF}
}

func (p *parser) expect(punct string) {
	if !p.tok.is(punct) {
		p.fail("expected %q, got %q", punct, p.tok.text)
	}
	p.next()
}

func (p *parser) name() string {
	if p.tok.kind != tokName {
		p.fail("expected a name, got %q", p.tok.text)
		return ""
	}
	n := p.tok.text
	p.next()
	return n
}

// varDefs parses ($a: Type!, $b: [Type] = default) keeping the defaults.
func (p *parser) varDefs(op *Operation) {
	p.expect("(")
	for p.err == nil && !p.tok.is(")") {
		p.expect("$")
		v := p.name()
		p.expect(":")
		depth := 0
		for p.err == nil && (depth > 0 || p.tok.kind == tokName || p.tok.is("[") || p.tok.is("!")) {
			switch {
			case p.tok.is("["):
				depth++
			case p.tok.is("]"):
				depth--
			}
			p.next()
		}
		if p.tok.is("=") {
			p.next()
			op.Defaults[v] = literal(p.value())
		}
	}
	p.expect(")")
}

func (p *parser) selectionSet() []Field {
	p.expect("{")
	var fields []Field
	for p.err == nil && !p.tok.is("}") {
		if p.tok.is("@") {
			p.fail("directives are not supported")
			break
		}
		if p.tok.is("...") {
			fields = append(fields, p.inlineFragment()...)
			continue
		}
		f := Field{Name: p.name()}
		f.Alias = f.Name
		if p.tok.is(":") {
			p.next()
			f.Name = p.name()
		}
		if p.tok.is("(") {
			f.Args = p.arguments()
		}
		if p.tok.is("{") {
			f.Fields = p.selectionSet()
		}
		fields = append(fields, f)
	}
	p.expect("}")
	if p.err == nil && len(fields) == 0 {
		p.fail("empty selection set")
	}
	return fields
}

// inlineFragment reads "... on Type { fields }" and returns its fields
// marked with the type condition; a named fragment spread has no "on".
func (p *parser) inlineFragment() []Field {
	p.expect("...")
	if p.tok.kind != tokName || p.tok.text != "on" {
		p.fail("named fragments are not supported")
		return nil
	}
	p.next()
	on := p.name()
	fields := p.selectionSet()
	for i := range fields {
		fields[i].On = on
	}
	return fields
}

func (p *parser) arguments() map[string]Value {
	p.expect("(")
	args := map[string]Value{}
	for p.err == nil && !p.tok.is(")") {
		n := p.name()
		p.expect(":")
		args[n] = p.value()
	}
	p.expect(")")
	return args
}

func (p *parser) value() Value {
	t := p.tok
	p.next()
	switch {
	case t.is("$"):
		return Value{Var: p.name()}
	case t.kind == tokString:
		return Value{Lit: t.text}
	case t.kind == tokNumber:
		if i, err := strconv.ParseInt(t.text, 10, 64); err == nil {
			return Value{Lit: i}
		}
		f, err := strconv.ParseFloat(t.text, 64)
		if err != nil {
			p.fail("bad number %q", t.text)
		}
		return Value{Lit: f}
	case t.kind == tokName:
		switch t.text {
		case "true", "false":
			return Value{Lit: t.text == "true"}
		case "null":
			return Value{}
		}
		return Value{Lit: t.text}
	case t.is("["):
		var list []Value
		for p.err == nil && !p.tok.is("]") {
			list = append(list, p.value())
		}
		p.expect("]")
		return Value{Lit: list}
	case t.is("{"):
		obj := map[string]Value{}
		for p.err == nil && !p.tok.is("}") {
			n := p.name()
			p.expect(":")
			obj[n] = p.value()
		}
		p.expect("}")
		return Value{Lit: obj}
	}
	p.fail("unexpected %q in a value", t.text)
	return Value{}
}

// literal turns a parsed Value back into plain Go values, as decoded JSON
// variables would be, so defaults and variables look alike to callers.
func literal(v Value) any {
	switch x := v.Lit.(type) {
	case []Value:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = literal(e)
		}
		return out
	case map[string]Value:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = literal(e)
		}
		return out
	}
	return v.Lit
}
