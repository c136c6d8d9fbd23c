package knowledge

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"hubchat/app/apperr"
)

// maxProblemsText bounds the words of a refused file: every problem is
// listed up to maxProblems, each quoting at most a short piece of the file.
const maxProblemsText = 16 << 10

// FuzzRead: an import file either reads into items every one of which the
// forms would accept (a kind, a title and a body within their limits,
// trimmed, line endings as "\n"), at most MaxItems of them, which read the
// same once written again as CSV and as JSON; or it is refused as Invalid
// with a bounded list of problems.
func FuzzRead(f *testing.F) {
	f.Add("faqs.csv", []byte("type,question,answer,published\nfaq,Do you ship?,Yes.,yes\narticle,Returns,Within 30 days.,no\n"))
	f.Add("a.json", []byte(`{"faqs":[{"question":"Q","answer":"A"}],"articles":[{"title":"T","body":"B","published":false}]}`))
	f.Add("a.json", []byte(`[{"type":"faq","question":"<img src=x onerror=alert(1)>","answer":"\"><svg onload=alert(1)>"}]`))
	f.Add("x.csv", []byte("question;answer\n\"a\"\"b\";\"line\r\nbreak\"\n"))
	f.Add("x.csv", []byte("\xef\xbb\xbfTitle\tBody\n =cmd|' /C calc'!A0\t@SUM(1+1)\n"))
	f.Add("x.csv", []byte("question,answer\n\"open quote,x\n"))
	f.Add("x.txt", []byte("[1, \"x\", null, {\"type\":7}]"))
	f.Add("x.csv", []byte(strings.Repeat("c,", 100_000)+"\n"))
	f.Add("x.json", []byte(`{"faqs":{"question":"q"}}`))
	f.Add("x.csv", []byte("\xff\xfeq\x00"))
	f.Fuzz(func(t *testing.T, filename string, data []byte) {
		file, err := Read(filename, data)
		if err != nil {
			checkProblems(t, err)
			return
		}
		if n := len(file.Items); n == 0 || n > MaxItems {
			t.Fatalf("read %d items", n)
		}
		for _, it := range file.Items {
			checkItem(t, it)
		}
		for _, again := range [][]byte{writeCSV(t, file.Items), writeJSON(t, file.Items)} {
			back, err := Read("again", again)
			if err != nil {
				t.Fatalf("items written again do not read: %v\n%s", err, again)
			}
			if !slices.EqualFunc(back.Items, file.Items, sameItem) {
				t.Fatalf("round trip changed the items:\n%+v\n%+v", file.Items, back.Items)
			}
		}
	})
}

// checkProblems fails unless err is Problems coded Invalid, bounded.
func checkProblems(t *testing.T, err error) {
	t.Helper()
	var p *Problems
	if !errors.As(err, &p) || len(p.List) == 0 || len(p.List) > maxProblems {
		t.Fatalf("refused with %T %v", err, err)
	}
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("refused with code %s", apperr.CodeOf(err))
	}
	if n := len(apperr.MessageOf(err)); n > maxProblemsText {
		t.Fatalf("refusal of %d bytes", n)
	}
}

// checkItem fails unless it is what the forms would store.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	_, _, maxTitle, maxBody := what(it.Kind)
	switch {
	case it.Kind != FAQ && it.Kind != Article:
		t.Fatalf("item of kind %q", it.Kind)
	case it.Title == "" || it.Body == "":
		t.Fatalf("empty item %+v", it)
	case utf8.RuneCountInString(it.Title) > maxTitle || utf8.RuneCountInString(it.Body) > maxBody:
		t.Fatalf("item over its limits: %d, %d characters", utf8.RuneCountInString(it.Title), utf8.RuneCountInString(it.Body))
	case it.Title != cleanText(it.Title) || it.Body != cleanText(it.Body):
		t.Fatalf("item not clean: %q %q", it.Title, it.Body)
	}
}

func sameItem(a, b Item) bool {
	return a.Kind == b.Kind && a.Title == b.Title && a.Body == b.Body && a.Published == b.Published
}

// writeCSV writes items as a spreadsheet would export them.
func writeCSV(t *testing.T, items []Item) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"type", "title", "body", "published"})
	for _, it := range items {
		_ = w.Write([]string{string(it.Kind), it.Title, it.Body, map[bool]string{true: "yes", false: "no"}[it.Published]})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	// Read names the format by the extension; "again" has none, so a file
	// starting with '[' or '{' would be taken for JSON: a header never does.
	return buf.Bytes()
}

// writeJSON writes items as a JSON array.
func writeJSON(t *testing.T, items []Item) []byte {
	type out struct {
		Type      Kind   `json:"type"`
		Title     string `json:"title"`
		Body      string `json:"body"`
		Published bool   `json:"published"`
	}
	list := make([]out, len(items))
	for i, it := range items {
		list[i] = out{it.Kind, it.Title, it.Body, it.Published}
	}
	b, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
