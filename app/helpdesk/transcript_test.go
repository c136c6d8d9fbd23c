package helpdesk

import (
	"strings"
	"testing"
	"time"
)

func TestTranscriptKeepsLinksSafeAndNamesAuthors(t *testing.T) {
	at := time.Date(2025, 3, 14, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	tr := renderTranscript([]Message{
		{Author: Agent, AuthorName: "Sam <Support>", At: at, Text: "Line one\nLine two"},
		{Author: AI, At: at, Text: "Look:", Cards: []ProductCard{
			{Title: "Evil", Price: "€1", URL: "javascript:alert(1)"},
			{Title: `Mug "XL"`, Price: "€2", URL: `https://shop.example/p?a=1&b="2"`},
		}},
	})
	for _, want := range []string{
		"<strong>Team (Sam &lt;Support&gt;)</strong> <small>2025-03-14 09:00 UTC</small>",
		"Line one<br>\nLine two",
		"<li>Evil — €1</li>",
		`<li><a href="https://shop.example/p?a=1&amp;b=&#34;2&#34;">Mug &#34;XL&#34;</a> — €2</li>`,
	} {
		if !strings.Contains(tr.html, want) {
			t.Errorf("html lacks %q:\n%s", want, tr.html)
		}
	}
	if strings.Contains(tr.html, `href="javascript`) {
		t.Errorf("html links a javascript: URL:\n%s", tr.html)
	}
	if !strings.Contains(tr.text, "[2025-03-14 09:00 UTC] Team (Sam <Support>):\nLine one\nLine two") ||
		!strings.Contains(tr.text, "  • Evil — €1 — javascript:alert(1)") {
		t.Errorf("text:\n%s", tr.text)
	}
}

func TestTranscriptOfALongChatKeepsTheNewestMessages(t *testing.T) {
	at := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	var msgs []Message
	for i := range 400 {
		msgs = append(msgs, Message{Author: Shopper, At: at.Add(time.Duration(i) * time.Minute), Text: strings.Repeat("x", 200)})
	}
	msgs = append(msgs, Message{Author: Shopper, At: at.Add(time.Hour * 24), Text: "the last word"})
	tr := renderTranscript(msgs)
	if len(tr.text) > maxTranscript+200 {
		t.Errorf("text is %d bytes, over the %d cap", len(tr.text), maxTranscript)
	}
	if !strings.HasSuffix(tr.text, "the last word") || !strings.Contains(tr.text, "earlier messages are not shown.") {
		t.Errorf("text does not end with the newest message or does not say what it left out:\n%s…", tr.text[:300])
	}
	one := renderTranscript([]Message{{Author: Shopper, At: at, Text: strings.Repeat("y", 3*maxTranscript)}})
	if strings.Contains(one.text, "not shown") || len(one.text) > maxTranscript {
		t.Errorf("a single huge message: %d bytes", len(one.text))
	}
}

// A shopper's photo goes into the transcript as a link to the image, in
// the text and the HTML; a link that is not http(s) is left out.
func TestTranscriptLinksTheShoppersImages(t *testing.T) {
	at := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	tr := renderTranscript([]Message{{Author: Shopper, At: at, Images: []string{"https://app.example/media/abc", "javascript:alert(1)"}}})
	if !strings.Contains(tr.html, `<p><a href="https://app.example/media/abc">Image</a></p>`) || strings.Contains(tr.html, "javascript") {
		t.Errorf("html:\n%s", tr.html)
	}
	if !strings.Contains(tr.text, "  • Image: https://app.example/media/abc") || strings.Contains(tr.text, "javascript") {
		t.Errorf("text:\n%s", tr.text)
	}
}
