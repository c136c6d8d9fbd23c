package static

import (
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The composer's SMS count (js/sms_segments.js), run in Node on texts
// whose segments follow from GSM-7 and UCS-2's rules: 160 places in one
// segment and 153 per part in GSM-7, the extension table's characters
// taking two; 70 and 67 in UCS-2, counted in UTF-16 units; and no
// character split across two parts.
func TestSMSSegmentCounting(t *testing.T) {
	a, euro := strings.Repeat, "€"
	cases := []struct {
		name     string
		text     string
		chars    int
		segments int
		encoding string
	}{
		{"nothing", "", 0, 0, "gsm"},
		{"a short text", "Your order shipped!", 19, 1, "gsm"},
		{"160 letters: one segment", a("a", 160), 160, 1, "gsm"},
		{"161 letters: two parts", a("a", 161), 161, 2, "gsm"},
		{"306 letters: two parts of 153", a("a", 306), 306, 2, "gsm"},
		{"307 letters: three parts", a("a", 307), 307, 3, "gsm"},
		{"GSM accents stay GSM-7", "Ça va: 5€, Ñ ñ é à ü ò", 22, 1, "gsm"},
		{"80 euro signs fill one segment", a(euro, 80), 80, 1, "gsm"},
		{"81 euro signs take two", a(euro, 81), 81, 2, "gsm"},
		{"extension characters count 2", a("{", 80) + "a", 81, 2, "gsm"},
		{"an extension character is not split", a("a", 152) + euro + a("a", 152), 305, 3, "gsm"},
		{"one Polish letter makes it UCS-2", "Dziękujemy", 10, 1, "ucs2"},
		{"70 UCS-2 characters: one segment", a("ł", 70), 70, 1, "ucs2"},
		{"71 UCS-2 characters: two parts", a("ł", 71), 71, 2, "ucs2"},
		{"134 UCS-2 characters: two parts of 67", a("ł", 134), 134, 2, "ucs2"},
		{"135 UCS-2 characters: three", a("ł", 135), 135, 3, "ucs2"},
		{"an emoji takes two units", a("a", 68) + "😀", 69, 1, "ucs2"},
		{"35 emoji fill one segment", a("😀", 35), 35, 1, "ucs2"},
		{"36 emoji take two", a("😀", 36), 36, 2, "ucs2"},
		{"an emoji is not split", a("a", 66) + "😀" + a("a", 66) + "😀", 134, 3, "ucs2"},
		{"a curly quote is not GSM-7", "It’s here", 9, 1, "ucs2"},
	}
	texts := make([]string, len(cases))
	for i, c := range cases {
		texts[i] = c.text
	}
	got := runSegments(t, texts)
	for i, c := range cases {
		if g := got[i]; g.Chars != c.chars || g.Segments != c.segments || g.Encoding != c.encoding {
			t.Errorf("%s: %d characters, %d segments, %s; want %d, %d, %s", c.name, g.Chars, g.Segments, g.Encoding, c.chars, c.segments, c.encoding)
		}
	}
}

type segmentCount struct {
	Chars    int    `json:"chars"`
	Segments int    `json:"segments"`
	Encoding string `json:"encoding"`
}

// runSegments counts each text with the page's own script, in Node.
func runSegments(t *testing.T, texts []string) []segmentCount {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not on PATH: install Node 20+; this test must not be skipped")
	}
	in, _ := json.Marshal(texts)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	script := `const {segments} = require("./js/sms_segments.js");
let input = ""; process.stdin.on("data", (d) => input += d);
process.stdin.on("end", () => process.stdout.write(JSON.stringify(JSON.parse(input).map(segments))));`
	cmd := exec.CommandContext(ctx, "node", "-e", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got []segmentCount
	if err := json.Unmarshal(out, &got); err != nil || len(got) != len(texts) {
		t.Fatalf("node answered %q: %v", out, err)
	}
	return got
}
