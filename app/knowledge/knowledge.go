// Package knowledge is the merchant's training for the AI agent — FAQs and
// knowledge articles: the limits their fields keep to, and the file format
// they are imported from when a merchant moves from another helpdesk
// (docs/knowledge-import.md). It reads and checks; storage stores.
package knowledge

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// The longest texts, in characters (not bytes: emoji and accents count
// once). A question is a line in the chat and an answer a short message; an
// article is a help-centre page.
const (
	MaxQuestion = 200
	MaxAnswer   = 2000
	MaxTitle    = 200
	MaxBody     = 20000
)

// The bounds of one import: a whole help centre fits; a file beyond them is
// better split, and the bounds keep a request's work small.
const (
	MaxFileBytes = 2 << 20
	MaxItems     = 1000
	// maxProblems is how many problems are listed; the rest are counted.
	maxProblems = 50
)

// Kind is what an item is.
type Kind string

// The kinds.
const (
	FAQ     Kind = "faq"
	Article Kind = "article"
)

// Item is one FAQ or article read from a file.
type Item struct {
	// Where is the item's place in the file.
	Where Place
	Kind  Kind
	// Title is a FAQ's question or an article's title; Body its answer or
	// text. Both are trimmed, with line endings as "\n".
	Title, Body string
	Published   bool
}

// File is an import file read and checked, every item valid.
type File struct {
	Format string // "CSV" or "JSON"
	Items  []Item
}

// Count returns how many items are of kind k.
func (f File) Count(k Kind) int {
	n := 0
	for _, it := range f.Items {
		if it.Kind == k {
			n++
		}
	}
	return n
}

// Label is what a file calls its items: a CSV file has rows (the header is
// row 1, as a spreadsheet numbers it), a JSON array items, a JSON object
// FAQs and articles.
type Label string

// The labels.
const (
	RowLabel     Label = "row"
	ItemLabel    Label = "item"
	FAQLabel     Label = "faq"
	ArticleLabel Label = "article"
)

// Place is where something is in a file: "Row 3", "FAQ 2". The zero Place
// is the whole file.
type Place struct {
	Label  Label
	Number int
}

// String is p as a place for logs: "row 3"; "file" for the whole file.
func (p Place) String() string {
	if p.Label == "" {
		return "file"
	}
	return string(p.Label) + " " + strconv.Itoa(p.Number)
}

// Problem is one thing wrong with a file or one of its items: where, what
// (a code, such as "type_unknown"; the caller words it) and the values the
// words need, as name, value pairs ("value", "faqq"). Counts are ints; a
// value the merchant wrote is a string, cut short, "" when they left it
// empty.
type Problem struct {
	Where Place
	Code  string
	Args  []any
}

// String is p for logs: "row 3: type_unknown [value faqq]".
func (p Problem) String() string {
	s := p.Where.String() + ": " + p.Code
	if len(p.Args) > 0 {
		s += " " + fmt.Sprint(p.Args)
	}
	return s
}

// Problems are everything found wrong with a file (up to a bound; More
// counts the rest). As an error it unwraps to apperr.Invalid.
type Problems struct {
	List []Problem
	More int
}

func (p *Problems) Error() string {
	msgs := make([]string, len(p.List))
	for i, m := range p.List {
		msgs[i] = m.String()
	}
	s := strings.Join(msgs, "; ")
	if p.More > 0 {
		s += " (and " + strconv.Itoa(p.More) + " more)"
	}
	return s
}

// Unwrap codes the problems Invalid.
func (p *Problems) Unwrap() error {
	return apperr.New(apperr.Invalid, "The file cannot be imported: %s", p.Error())
}

// add records a problem at where, counting those past the bound.
func (p *Problems) add(where Place, code string, args ...any) {
	if len(p.List) >= maxProblems {
		p.More++
		return
	}
	p.List = append(p.List, Problem{Where: where, Code: code, Args: args})
}

// err is p as an error, nil when nothing was found.
func (p *Problems) err() error {
	if len(p.List) == 0 {
		return nil
	}
	return p
}

// what names an item's title and body (as the problems' codes do).
func what(k Kind) (title, body string, maxTitle, maxBody int) {
	if k == FAQ {
		return "question", "answer", MaxQuestion, MaxAnswer
	}
	return "title", "text", MaxTitle, MaxBody
}

// check adds the problems of one item.
func (it Item) check(p *Problems) {
	title, body, maxTitle, maxBody := what(it.Kind)
	checkText(p, it.Where, title, it.Title, maxTitle)
	checkText(p, it.Where, body, it.Body, maxBody)
}

func checkText(p *Problems, where Place, name, value string, max int) {
	switch n := utf8.RuneCountInString(value); {
	case n == 0:
		p.add(where, "empty_"+name)
	case n > max:
		p.add(where, "too_long_"+name, "count", n, "max", max)
	}
}

// cleanText is a text as the forms store it: line endings as "\n", spaces
// around trimmed.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}

// parseKind reads a type cell or field; "" when it names no kind.
func parseKind(s string) Kind {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "faq", "faqs":
		return FAQ
	case "article", "articles":
		return Article
	}
	return ""
}

// parsePublished reads a published cell or field; an empty one is
// published, as the item was live in the helpdesk it comes from.
func parsePublished(s string) (published, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "true", "yes", "y", "1", "published":
		return true, true
	case "false", "no", "n", "0", "draft":
		return false, true
	}
	return false, false
}

// ForStorage is the file's items as the stores add them: its FAQs and its
// articles, each in the file's order.
func (f File) ForStorage() (faqs []storage.NewFAQ, articles []storage.NewArticle) {
	for _, it := range f.Items {
		if it.Kind == FAQ {
			faqs = append(faqs, storage.NewFAQ{Question: it.Title, Answer: it.Body, Published: it.Published})
		} else {
			articles = append(articles, storage.NewArticle{Title: it.Title, Body: it.Body, Published: it.Published})
		}
	}
	return faqs, articles
}
