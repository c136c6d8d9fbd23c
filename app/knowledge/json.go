package knowledge

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// readJSON reads an array of items, or an object with a "faqs" list and an
// "articles" list.
func readJSON(p *Problems, text string) []Item {
	var top json.RawMessage
	if err := json.Unmarshal([]byte(text), &top); err != nil {
		jsonProblem(p, err, text)
		return nil
	}
	top = bytes.TrimSpace(top)
	if top[0] == '[' {
		return readJSONList(p, top, ItemLabel, "")
	}
	var lists map[string]json.RawMessage
	if top[0] != '{' || json.Unmarshal(top, &lists) != nil {
		p.add(Place{}, "json_shape")
		return nil
	}
	var items []Item
	found := false
	lists = lowerKeys(lists)
	for _, key := range []string{"faqs", "articles"} {
		list, ok := lists[key]
		if !ok {
			continue
		}
		kind := map[string]Kind{"faqs": FAQ, "articles": Article}[key]
		found = true
		if !bytes.HasPrefix(bytes.TrimSpace(list), []byte("[")) {
			p.add(Place{}, "json_not_a_list", "key", key)
			continue
		}
		label := map[Kind]Label{FAQ: FAQLabel, Article: ArticleLabel}[kind]
		items = append(items, readJSONList(p, list, label, kind)...)
	}
	if !found {
		p.add(Place{}, "json_no_lists")
	}
	return items
}

// readJSONList reads a list whose items are label 1, label 2…; kind
// is the kind of every item of a faqs or articles list, "" otherwise.
func readJSONList(p *Problems, list json.RawMessage, label Label, kind Kind) []Item {
	var raws []json.RawMessage
	if err := json.Unmarshal(list, &raws); err != nil {
		p.add(Place{}, "json_not_items")
		return nil
	}
	items := make([]Item, 0, len(raws))
	for i, raw := range raws {
		where := Place{label, i + 1}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
			p.add(where, "not_an_object")
			continue
		}
		items = append(items, jsonItem(p, lowerKeys(fields), where, kind))
	}
	return items
}

// jsonItem reads one object, adding its problems.
func jsonItem(p *Problems, f map[string]json.RawMessage, where Place, kind Kind) Item {
	str := func(name string) string {
		v, ok := jsonString(f[name])
		if !ok {
			p.add(where, "field_not_text", "field", name)
		}
		return v
	}
	it := Item{Where: where, Kind: kind}
	if _, typed := f["type"]; typed {
		raw := str("type")
		if it.Kind = parseKind(raw); it.Kind == "" {
			p.add(where, "type_unknown", "value", shown(raw))
			return it
		}
	} else if it.Kind == "" {
		if it.Kind = impliedKind(f); it.Kind == "" {
			p.add(where, "type_needed")
			return it
		}
	}
	if it.Kind == FAQ {
		it.Title, it.Body = firstText(str("question"), str("title")), firstText(str("answer"), str("body"))
	} else {
		it.Title, it.Body = firstText(str("title"), str("question")), firstText(str("body"), str("answer"))
	}
	var ok bool
	if it.Published, ok = jsonPublished(f["published"]); !ok {
		written, isText := jsonString(f["published"])
		if !isText {
			written = string(f["published"])
		}
		p.add(where, "published_unknown_json", "value", shown(written))
	}
	it.check(p)
	return it
}

// impliedKind is the kind an object without a type shows by its fields.
func impliedKind(f map[string]json.RawMessage) Kind {
	_, q := f["question"]
	_, a := f["answer"]
	_, t := f["title"]
	_, b := f["body"]
	switch {
	case (q || a) && !t && !b:
		return FAQ
	case (t || b) && !q && !a:
		return Article
	}
	return ""
}

// jsonString reads a text field; absent and null are "".
func jsonString(raw json.RawMessage) (string, bool) {
	if raw == nil || string(raw) == "null" {
		return "", true
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

// jsonPublished reads published: true or false, or a text or 1 or 0 as in
// a CSV file; absent and null are published.
func jsonPublished(raw json.RawMessage) (bool, bool) {
	var b bool
	if raw == nil || string(raw) == "null" {
		return true, true
	}
	if json.Unmarshal(raw, &b) == nil {
		return b, true
	}
	if s, ok := jsonString(raw); ok {
		return parsePublished(s)
	}
	return parsePublished(string(raw)) // 1 or 0
}

// lowerKeys lower-cases an object's keys, so "Question" reads as question.
func lowerKeys(m map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return out
}

// jsonProblem adds the problem of a JSON syntax error, with its line.
func jsonProblem(p *Problems, err error, text string) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := strings.Count(text[:min(int(se.Offset), len(text))], "\n") + 1
		p.add(Place{}, "json_invalid_at", "line", line, "detail", se.Error())
		return
	}
	p.add(Place{}, "json_invalid", "detail", err.Error())
}
