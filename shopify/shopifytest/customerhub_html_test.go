package shopifytest_test

import (
	"fmt"
	"html"
	"strings"
)

// hnode is an element (or, with no tag, a text) of a parsed page. The
// module has no HTML parser of its own, and the storefront's HTML is plain
// enough for this small one: elements, attributes, void and self-closed
// elements, raw text in <script> and <style>, comments.
type hnode struct {
	tag      string
	attrs    map[string]string
	data     string
	parent   *hnode
	children []*hnode
}

var hubVoidTags = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

func parseHubHTML(s string) *hnode {
	root := &hnode{tag: "#document", attrs: map[string]string{}}
	cur := root
	for i := 0; i < len(s); {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			cur.children = append(cur.children, &hnode{data: html.UnescapeString(s[i : i+j]), parent: cur})
			i += j
			continue
		}
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest, "-->")
			if end < 0 {
				return root
			}
			i += end + 3
		case strings.HasPrefix(rest, "<!"):
			i += strings.IndexByte(rest, '>') + 1
		case strings.HasPrefix(rest, "</"):
			end := strings.IndexByte(rest, '>')
			name := strings.ToLower(strings.TrimSpace(rest[2:end]))
			for n := cur; n != root; n = n.parent {
				if n.tag == name {
					cur = n.parent
					break
				}
			}
			i += end + 1
		default:
			n, size, selfClosed := parseHubTag(rest)
			n.parent = cur
			cur.children = append(cur.children, n)
			i += size
			switch {
			case n.tag == "script" || n.tag == "style":
				end := strings.Index(strings.ToLower(s[i:]), "</"+n.tag)
				if end < 0 {
					end = len(s) - i
				}
				n.children = []*hnode{{data: s[i : i+end], parent: n}}
				i += end
			case !selfClosed && !hubVoidTags[n.tag]:
				cur = n
			}
		}
	}
	return root
}

// parseHubTag reads a start tag: the element, the tag's length, and
// whether it ends with "/>".
func parseHubTag(s string) (n *hnode, size int, selfClosed bool) {
	n = &hnode{attrs: map[string]string{}}
	i := 1
	for i < len(s) && !strings.ContainsRune(" \t\r\n/>", rune(s[i])) {
		i++
	}
	n.tag = strings.ToLower(s[1:i])
	for i < len(s) {
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		switch {
		case i >= len(s):
			return n, i, false
		case s[i] == '>':
			return n, i + 1, false
		case strings.HasPrefix(s[i:], "/>"):
			return n, i + 2, true
		case s[i] == '/':
			i++
			continue
		}
		start := i
		for i < len(s) && !strings.ContainsRune(" \t\r\n=/>", rune(s[i])) {
			i++
		}
		name := strings.ToLower(s[start:i])
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		if i >= len(s) || s[i] != '=' {
			n.attrs[name] = ""
			continue
		}
		i++
		for i < len(s) && strings.ContainsRune(" \t\r\n", rune(s[i])) {
			i++
		}
		var value string
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			end := strings.IndexByte(s[i+1:], s[i])
			if end < 0 {
				end = len(s) - i - 1
			}
			value, i = s[i+1:i+1+end], i+end+2
		} else {
			start := i
			for i < len(s) && !strings.ContainsRune(" \t\r\n>", rune(s[i])) {
				i++
			}
			value = s[start:i]
		}
		n.attrs[name] = html.UnescapeString(value)
	}
	return n, len(s), false
}

func (n *hnode) has(name string) bool {
	_, ok := n.attrs[name]
	return ok
}

func (n *hnode) attr(name string) string { return n.attrs[name] }

// find returns the first descendant (depth first) that matches.
func (n *hnode) find(match func(*hnode) bool) *hnode {
	for _, c := range n.children {
		if c.tag != "" && match(c) {
			return c
		}
		if found := c.find(match); found != nil {
			return found
		}
	}
	return nil
}

func (n *hnode) findAll(match func(*hnode) bool) []*hnode {
	var out []*hnode
	for _, c := range n.children {
		if c.tag != "" && match(c) {
			out = append(out, c)
		}
		out = append(out, c.findAll(match)...)
	}
	return out
}

// raw is the text inside the element, as is.
func (n *hnode) raw() string {
	if n.tag == "" {
		return n.data
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.raw())
	}
	return b.String()
}

// text is the text inside the element with whitespace collapsed, as a
// reader sees it.
func (n *hnode) text() string { return strings.Join(strings.Fields(n.raw()), " ") }

func (n *hnode) String() string {
	if n == nil {
		return "<nil>"
	}
	return "<" + n.tag + " " + fmt.Sprint(n.attrs) + ">"
}
