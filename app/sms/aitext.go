package sms

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"hubchat/app/conversation"
	"hubchat/storage"
)

// The AI agent's replies as texts (conversation.TextWriter): a phone shows
// no buttons and no cards, so a product is a line with its price and its
// tracked link, a choice a numbered line, and an offer of a person asks
// for 1 or 2 (not YES: Twilio takes YES as a keyword that subscribes a
// number again, and would answer it itself).

// MaxTextChars is the longest text the agent sends: Twilio takes at most
// 1,600 characters in one message body, and a phone joins the segments.
const MaxTextChars = 1600

// AIText writes the agent's replies as texts.
type AIText struct{}

var _ conversation.TextWriter = AIText{}

// Text is the reply as one text: the answer, then its products ("Title,
// 24.00 USD: link"), its numbered choices with how to pick one, or how to
// answer an offer of a person. The answer is shortened, at a sentence when
// it can, so that the lines after it are never cut.
func (AIText) Text(r storage.AIReply, language string) string {
	w := textWordsFor(language)
	var lines []string
	for _, c := range r.Cards {
		lines = append(lines, cardLine(c))
	}
	switch r.Kind {
	case storage.KindChoices:
		lines = append(lines, w.pickNumber)
		for i, c := range r.Choices {
			lines = append(lines, numbered(i+1, c))
		}
	case storage.KindHandoffOffer:
		lines = append(lines, w.replyYesNo)
	}
	tail := strings.Join(lines, "\n")
	room := MaxTextChars - utf8.RuneCountInString(tail)
	if tail != "" {
		room -= 2 // the blank line between the answer and the lines
	}
	body := shorten(strings.TrimSpace(r.Body), room)
	switch {
	case body == "":
		return tail
	case tail == "":
		return body
	}
	return body + "\n\n" + tail
}

// StorefrontURL is where the shop's online store is served: its primary
// domain's origin as Shopify reported it, else its myshopify domain.
func (AIText) StorefrontURL(shop storage.Shop) string {
	if len(shop.StorefrontOrigins) > 0 {
		return shop.StorefrontOrigins[0]
	}
	if shop.PrimaryDomain != "" {
		return "https://" + shop.PrimaryDomain
	}
	return "https://" + shop.Domain
}

// cardLine is a product as one line: its title, its price and its link.
func cardLine(c storage.Card) string {
	title := shorten(strings.Join(strings.Fields(c.Title), " "), maxTitleChars)
	if c.Price != "" {
		title += ", " + strings.TrimSpace(c.Price+" "+c.Currency)
	}
	return title + ": " + c.URL
}

// maxTitleChars keeps a product's line short: its link is long already.
const maxTitleChars = 60

func numbered(n int, choice string) string {
	return strconv.Itoa(n) + ". " + choice
}

// shorten cuts s to at most n characters: at the end of a sentence or a
// line when one ends in its second half, else at a word, with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return ""
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if i := strings.LastIndexAny(cut, ".!?\n"); i >= len(cut)/2 {
		return strings.TrimSpace(cut[:i+1])
	}
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}
