package helpdesk

import (
	"fmt"
	"html"
	"net/url"
	"strings"
)

// maxTranscript bounds the transcript's text, in bytes. Both services cap the
// size of a message body; a chat that long keeps its newest messages, which
// say what the shopper needs now.
const maxTranscript = 48 << 10

// timeLayout dates each message; transcripts are in UTC so that every reader
// sees the same times whatever their helpdesk's time zone.
const timeLayout = "2006-01-02 15:04 UTC"

// transcript is a chat rendered for a ticket, as plain text and as HTML.
type transcript struct {
	text, html string
}

// maxMessage bounds one message's text, in characters, so that one pasted
// wall of text cannot crowd out the rest of the chat.
const maxMessage = 8000

// renderTranscript renders the newest messages that fit in maxTranscript,
// oldest first, and says how many older ones were left out.
func renderTranscript(in []Message) transcript {
	msgs := make([]Message, len(in))
	for i, m := range in {
		m.Text = truncateRunes(strings.TrimSpace(m.Text), maxMessage)
		msgs[i] = m
	}
	texts := make([]string, len(msgs))
	first, size := len(msgs), 0
	for i := len(msgs) - 1; i >= 0; i-- {
		texts[i] = messageText(msgs[i])
		if size+len(texts[i]) > maxTranscript && first < len(msgs) {
			break
		}
		size += len(texts[i])
		first = i
	}
	var t, h strings.Builder
	t.WriteString("Chat transcript (times in UTC)\n\n")
	h.WriteString("<p><strong>Chat transcript</strong> (times in UTC)</p>\n")
	if first > 0 {
		note := fmt.Sprintf("(%d earlier messages are not shown.)", first)
		t.WriteString(note + "\n\n")
		h.WriteString("<p><em>" + note + "</em></p>\n")
	}
	for _, m := range msgs[first:] {
		t.WriteString(messageText(m))
		h.WriteString(messageHTML(m))
	}
	return transcript{text: strings.TrimRight(t.String(), "\n"), html: h.String()}
}

// authorLabel names who wrote m, as the merchant's team reads it.
func authorLabel(m Message) string {
	label := map[AuthorKind]string{Shopper: "Shopper", AI: "AI agent", System: "Automatic message", Agent: "Team"}[m.Author]
	if label == "" {
		label = "Message"
	}
	if name := strings.TrimSpace(m.AuthorName); name != "" {
		label += " (" + name + ")"
	}
	return label
}

func messageText(m Message) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] %s:\n%s\n", m.At.UTC().Format(timeLayout), authorLabel(m), strings.TrimSpace(m.Text))
	for _, c := range m.Cards {
		b.WriteString("  • " + cardLine(c) + "\n")
	}
	for _, u := range m.Images {
		if webLink(u) {
			b.WriteString("  • Image: " + strings.TrimSpace(u) + "\n")
		}
	}
	return b.String() + "\n"
}

func cardLine(c ProductCard) string {
	parts := []string{strings.TrimSpace(c.Title)}
	if p := strings.TrimSpace(c.Price); p != "" {
		parts = append(parts, p)
	}
	if u := strings.TrimSpace(c.URL); u != "" {
		parts = append(parts, u)
	}
	return strings.Join(parts, " — ")
}

// messageHTML escapes everything the shopper or the agent wrote: the ticket is
// read in the team's browser, where markup from a chat must stay text.
func messageHTML(m Message) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<p><strong>%s</strong> <small>%s</small><br>\n%s</p>\n",
		html.EscapeString(authorLabel(m)), m.At.UTC().Format(timeLayout),
		strings.ReplaceAll(html.EscapeString(strings.TrimSpace(m.Text)), "\n", "<br>\n"))
	for _, u := range m.Images {
		if webLink(u) {
			b.WriteString(`<p><a href="` + html.EscapeString(strings.TrimSpace(u)) + `">Image</a></p>` + "\n")
		}
	}
	if len(m.Cards) == 0 {
		return b.String()
	}
	b.WriteString("<ul>\n")
	for _, c := range m.Cards {
		title := html.EscapeString(strings.TrimSpace(c.Title))
		if webLink(c.URL) {
			title = `<a href="` + html.EscapeString(strings.TrimSpace(c.URL)) + `">` + title + `</a>`
		}
		if p := strings.TrimSpace(c.Price); p != "" {
			title += " — " + html.EscapeString(p)
		}
		b.WriteString("<li>" + title + "</li>\n")
	}
	b.WriteString("</ul>\n")
	return b.String()
}

// webLink reports whether raw is an http or https address, the only links
// worth making clickable (never javascript: or data:).
func webLink(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
