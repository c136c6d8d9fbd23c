package knowledge

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"
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
		p.add("%s", csvProblem(err))
		return nil
	}
	if len(records) == 0 {
		p.add("The file is empty.")
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
		items = append(items, cols.item(p, rec, "Row "+strconv.Itoa(i+2)))
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

// csvProblem words a CSV syntax error.
func csvProblem(err error) string {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return "The file cannot be read as CSV."
	}
	if errors.Is(err, csv.ErrQuote) {
		return "The quoted field that starts on line " + strconv.Itoa(pe.StartLine) +
			" is not closed, or has a quote inside that is not doubled (write \"\" for a quote inside quotes)."
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "The file ends in the middle of line " + strconv.Itoa(pe.Line) + "."
	}
	return "Line " + strconv.Itoa(pe.Line) + " cannot be read as CSV (" + pe.Err.Error() + ")."
}

// readHeader finds the columns in the first row.
func readHeader(p *Problems, header []string) (columns, bool) {
	cols := columns{kind: -1, question: -1, title: -1, answer: -1, body: -1, published: -1}
	at := map[string]*int{"type": &cols.kind, "question": &cols.question, "title": &cols.title,
		"answer": &cols.answer, "body": &cols.body, "published": &cols.published}
	ok := true
	for i, name := range header {
		role, known := columnNames[strings.ToLower(strings.TrimSpace(name))]
		if !known {
			continue // other columns of an export (ids, dates) are not needed
		}
		if *at[role] >= 0 {
			p.add("Row 1: the column %s appears twice.", shown(name))
			ok = false
		}
		*at[role] = i
	}
	if (cols.question < 0 && cols.title < 0) || (cols.answer < 0 && cols.body < 0) {
		p.add("Row 1 must name the columns: type, question (or title), answer (or body), and if you like published. It names: %s.",
			quoteList(header))
		return cols, false
	}
	if cols.kind < 0 {
		switch {
		case cols.question >= 0 && cols.title < 0:
			cols.implied = FAQ
		case cols.title >= 0 && cols.question < 0:
			cols.implied = Article
		default:
			p.add("Row 1: add a type column (faq or article), since the file has both question and title columns.")
			return cols, false
		}
	}
	return cols, ok
}

// item reads one row, adding its problems.
func (c columns) item(p *Problems, rec []string, where string) Item {
	cell := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	it := Item{Where: where, Kind: c.implied}
	if c.kind >= 0 {
		if it.Kind = parseKind(cell(c.kind)); it.Kind == "" {
			p.add("%s: the type is %s; write faq or article.", where, shown(cell(c.kind)))
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
		p.add("%s: published is %s; write true or false (or yes or no).", where, shown(cell(c.published)))
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

// shown quotes a value the merchant wrote, cut short, or says it is empty.
func shown(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "empty"
	}
	if r := []rune(s); len(r) > 40 {
		s = string(r[:39]) + "…"
	}
	return "“" + s + "”"
}

func quoteList(names []string) string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, shown(n))
	}
	return strings.Join(out, ", ")
}
