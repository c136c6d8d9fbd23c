package shopapi

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags end a paragraph: the AI agent quotes a policy paragraph by
// paragraph, so the merchant's blocks must survive as blank lines.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "table": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "section": true,
}

// skippedTags hold no text a shopper reads.
var skippedTags = map[string]bool{"script": true, "style": true, "template": true}

// policyText is a policy's HTML body as plain text: entities decoded, tags
// dropped, whitespace collapsed within a paragraph, paragraphs (blocks,
// list items, line breaks) separated by one blank line.
func policyText(body string) string {
	var paragraphs []string
	var current strings.Builder
	flush := func() {
		if p := strings.Join(strings.Fields(current.String()), " "); p != "" {
			paragraphs = append(paragraphs, p)
		}
		current.Reset()
	}
	skipping := 0
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken: // the end of the body, or of what parses
			flush()
			return strings.Join(paragraphs, "\n\n")
		case html.TextToken:
			if skipping == 0 {
				current.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skippedTags[tag] && tt == html.StartTagToken:
				skipping++
			case skippedTags[tag] && tt == html.EndTagToken:
				skipping = max(0, skipping-1)
			case blockTags[tag]:
				flush()
			}
		}
	}
}
