package modelserver

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
)

// QuoteDelay is the pause between the words of Quote's answers: slow
// enough to watch an answer arrive.
const QuoteDelay = 60 * time.Millisecond

// Quote is a stand-in model for trying the app without a provider
// (`hubchat dev` runs it): it writes nothing of its own. It answers with
// the first passage of the material the app's system message gives (after
// "MATERIAL:", each passage opened by a line "[n] kind: title"), a word at
// a time; after a tool's result, with the products or the order it
// returned; and with nothing to quote, it calls the handoff tool when it
// is offered.
func Quote(req Request) Reply {
	last := req.Messages[len(req.Messages)-1]
	if last.Role == "tool" {
		if text := toolResultText(last.Text()); text != "" {
			return words(text)
		}
	} else if text := firstPassage(req.Messages[0].Text()); text != "" && req.Messages[0].Role == "system" {
		return words(text)
	}
	if slices.Contains(req.ToolNames(), "handoff") {
		return ToolCall("handoff", `{"reason": "nothing in the material answers"}`)
	}
	return words("I cannot answer that from what I was given.")
}

// words streams text a word at a time.
func words(text string) Reply {
	return Reply{Text: text, Chunks: strings.SplitAfter(text, " "), Delay: QuoteDelay}
}

// firstPassage is the body of the first passage of the material in a
// system message, "" when it has none.
func firstPassage(system string) string {
	_, material, ok := strings.Cut(system, "MATERIAL:\n[1] ")
	if !ok {
		return ""
	}
	lines := strings.Split(material, "\n")[1:] // after the passage's "kind: title"
	var body []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "[2] ") || strings.HasPrefix(l, "Link: ") {
			break
		}
		body = append(body, l)
	}
	return strings.TrimSpace(strings.Join(body, "\n"))
}

// toolResultText says what a tool returned: the products found, or an
// order's status.
func toolResultText(result string) string {
	var r struct {
		Products []struct {
			Title string `json:"title"`
		} `json:"products"`
		Order  string `json:"order"`
		Status string `json:"status"`
	}
	if json.Unmarshal([]byte(result), &r) != nil {
		return ""
	}
	if r.Status != "" {
		return r.Status
	}
	var titles []string
	for _, p := range r.Products {
		titles = append(titles, p.Title)
	}
	if len(titles) == 0 {
		return ""
	}
	return "Here is what I found: " + strings.Join(titles, ", ") + "."
}
