package knowledge

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// utf8BOM starts files that spreadsheets save as "CSV UTF-8".
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Read reads an import file, CSV or JSON (by its name's extension, else by
// its first character), and checks every item. It returns the items only
// when all of them are valid; otherwise *Problems naming each problem by
// its row or item. Nothing of a file with problems is meant to be imported.
func Read(filename string, data []byte) (File, error) {
	var p Problems
	text, ok := checkFile(&p, data)
	if !ok {
		return File{}, p.err()
	}
	var f File
	if isJSON(filename, text) {
		f = File{Format: "JSON", Items: readJSON(&p, text)}
	} else {
		f = File{Format: "CSV", Items: readCSV(&p, text)}
	}
	if len(p.List) > 0 {
		return File{}, &p
	}
	switch n := len(f.Items); {
	case n == 0:
		p.add(Place{}, "no_items")
	case n > MaxItems:
		p.add(Place{}, "too_many_items", "count", n, "max", MaxItems)
	}
	if err := p.err(); err != nil {
		return File{}, err
	}
	return f, nil
}

// checkFile refuses what is not UTF-8 text within the size bound, and
// returns the text without its byte order mark.
func checkFile(p *Problems, data []byte) (string, bool) {
	switch {
	case len(data) == 0:
		p.add(Place{}, "file_empty")
	case len(data) > MaxFileBytes:
		p.add(Place{}, "file_too_big", "size", (len(data)+1023)/1024, "max", MaxFileBytes/1024)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		p.add(Place{}, "file_utf16")
	case !utf8.Valid(data):
		p.add(Place{}, "file_not_utf8", "line", invalidLine(data))
	case bytes.IndexByte(data, 0) >= 0:
		p.add(Place{}, "file_nul")
	default:
		return string(bytes.TrimPrefix(data, utf8BOM)), true
	}
	return "", false
}

// invalidLine is the line (from 1) of the first byte that is not UTF-8.
func invalidLine(data []byte) int {
	valid := data
	for len(valid) > 0 {
		r, size := utf8.DecodeRune(valid)
		if r == utf8.RuneError && size <= 1 {
			break
		}
		valid = valid[size:]
	}
	return bytes.Count(data[:len(data)-len(valid)], []byte("\n")) + 1
}

// isJSON decides the format: the extension when it says, else the first
// character that is not a space.
func isJSON(filename, text string) bool {
	switch strings.ToLower(path.Ext(filename)) {
	case ".json":
		return true
	case ".csv", ".tsv", ".txt":
		return false
	}
	t := strings.TrimLeft(text, " \t\r\n")
	return strings.HasPrefix(t, "[") || strings.HasPrefix(t, "{")
}
