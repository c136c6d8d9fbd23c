package knowledge

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// columns are where a CSV file's columns are, as its header names them;
// -1 when absent.
type columns struct {
	kind, question, title, answer, body, published int
	// implied is the kind of every row of a file without a type column.
	implied Kind
}

// columnNames are the header names read, by role.
var columnNames = map[string]string{
	"type": "type", "kind": "type",
	"question": "question", "title": "title",
	"answer": "answer", "body": "body",
	"published": "published",
}

// readCSV reads the rows of a CSV file with a header row.
func readCSV(p *Problems, text string) []Item {
	records, err := parseCSV(text, delimiter(text))
	if err != nil {
		csvProblem(p, err)
		return nil
	}
	if len(records) == 0 {
		p.add(Place{}, "file_empty")
		return nil
	}
	cols, ok := readHeader(p, records[0])
	if !ok {
		return nil
	}
	var items []Item
	for i, rec := range records[1:] {
		if blank(rec) {
			continue // spreadsheets keep empty rows at the end
		}
		items = append(items, cols.item(p, rec, Place{RowLabel, i + 2}))
	}
	return items
}

// parseCSV reads every record. Quotes inside a field that is not quoted
// (He said "hi") are not CSV, but hand-made files have them: a file whose
// only fault is that is read again taking them literally.
func parseCSV(text string, comma rune) ([][]string, error) {
	read := func(lazy bool) ([][]string, error) {
		r := csv.NewReader(strings.NewReader(text))
		r.Comma, r.FieldsPerRecord, r.LazyQuotes = comma, -1, lazy
		return r.ReadAll()
	}
	records, err := read(false)
	if errors.Is(err, csv.ErrBareQuote) {
		return read(true)
	}
	return records, err
}

// delimiter is the separator of the header line: a comma, or the semicolon
// or tab that spreadsheets in some languages write instead.
func delimiter(text string) rune {
	header, _, _ := strings.Cut(text, "\n")
	best, comma := strings.Count(header, ","), ','
	for _, c := range []rune{';', '\t'} {
		if n := strings.Count(header, string(c)); n > best {
			best, comma = n, c
		}
	}
	return comma
}

// csvProblem adds the problem of a CSV syntax error, with its line.
func csvProblem(p *Problems, err error) {
	var pe *csv.ParseError
	switch {
	case !errors.As(err, &pe):
		p.add(Place{}, "csv_unreadable")
	case errors.Is(err, csv.ErrQuote):
		p.add(Place{}, "csv_open_quote", "line", pe.StartLine)
	case errors.Is(err, io.ErrUnexpectedEOF):
		p.add(Place{}, "csv_ends_early", "line", pe.Line)
	default:
		p.add(Place{}, "csv_bad_line", "line", pe.Line, "detail", pe.Err.Error())
	}
}

// readHeader finds the columns in the first row.
func readHeader(p *Problems, header []string) (columns, bool) {
	cols := columns{kind: -1, question: -1, title: -1, answer: -1, body: -1, published: -1}
	at := map[string]*int{"type": &cols.kind, "question": &cols.question, "title": &cols.title,
		"answer": &cols.answer, "body": &cols.body, "published": &cols.published}
	ok, first := true, Place{RowLabel, 1}
	for i, name := range header {
		role, known := columnNames[strings.ToLower(strings.TrimSpace(name))]
		if !known {
			continue // other columns of an export (ids, dates) are not needed
		}
		if *at[role] >= 0 {
			p.add(first, "column_twice", "value", shown(name))
			ok = false
		}
		*at[role] = i
	}
	if (cols.question < 0 && cols.title < 0) || (cols.answer < 0 && cols.body < 0) {
		p.add(first, "columns_missing", "names", quoteList(header))
		return cols, false
	}
	if cols.kind < 0 {
		switch {
		case cols.question >= 0 && cols.title < 0:
			cols.implied = FAQ
		case cols.title >= 0 && cols.question < 0:
			cols.implied = Article
		default:
			p.add(first, "type_column_needed")
			return cols, false
		}
	}
	return cols, ok
}

// item reads one row, adding its problems.
func (c columns) item(p *Problems, rec []string, where Place) Item {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	it := Item{Where: where, Kind: c.implied}
	if c.kind >= 0 {
		if it.Kind = parseKind(cell(c.kind)); it.Kind == "" {
			p.add(where, "type_unknown", "value", shown(cell(c.kind)))
			return it
		}
	}
	if it.Kind == FAQ {
		it.Title, it.Body = firstText(cell(c.question), cell(c.title)), firstText(cell(c.answer), cell(c.body))
	} else {
		it.Title, it.Body = firstText(cell(c.title), cell(c.question)), firstText(cell(c.body), cell(c.answer))
	}
	var ok bool
	if it.Published, ok = parsePublished(cell(c.published)); !ok {
		p.add(where, "published_unknown_csv", "value", shown(cell(c.published)))
	}
	it.check(p)
	return it
}

// firstText is the first of texts that is not blank, cleaned.
func firstText(texts ...string) string {
	for _, t := range texts {
		if t = cleanText(t); t != "" {
			return t
		}
	}
	return ""
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// shown is a value the merchant wrote, trimmed and cut short; "" when
// they left it empty.
func shown(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return s
}

// quoteList is the names of a header as the merchant wrote them, each
// quoted: “name”, “text”; past maxQuotedNames, an ellipsis.
func quoteList(names []string) string {
	out := make([]string, 0, min(len(names), maxQuotedNames)+1)
	for _, n := range names[:min(len(names), maxQuotedNames)] {
		out = append(out, "“"+shown(n)+"”")
	}
	if len(names) > maxQuotedNames {
		out = append(out, "…")
	}
	return strings.Join(out, ", ")
}

// maxQuotedNames is how many of a header's names a problem quotes: a
// header can hold a million, and a person reads the first few.
const maxQuotedNames = 10
