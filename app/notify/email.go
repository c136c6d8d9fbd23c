package notify

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode"

	"hubchat/storage"
)

// NewTicket is what the team is told about a new ticket. By default the
// email is a safe summary (who, when, channel, how many messages) and a
// link: a mailbox is out of the app's reach, so a card number or an address
// typed in the chat would stay there after the shop redacts the customer.
// Message is quoted only when the merchant opted in (QuoteMessage).
type NewTicket struct {
	ShopName     string
	Customer     string    // how the inbox names the shopper
	Channel      string    // storage.ChannelWebChat or storage.ChannelSMS
	Messages     int       // how many messages the ticket holds so far
	Message      string    // the shopper's first message, as they wrote it
	QuoteMessage bool      // the merchant chose to have Message in the email
	ReceivedAt   time.Time // in the shop's time zone
	TicketURL    string    // the ticket in the Shopify admin
}

// Email is one message to the team, ready for a Sender.
type Email struct {
	FromName  string   // the shop's name; the address is the operator's
	To        []string // the team
	Subject   string
	Text      string // text/plain
	HTML      string // text/html alternative, every user string escaped
	MessageID string // left of the @ of the Message-ID, stable per ticket; the sender adds its domain
}

// Limits that keep one long message from making a long email: the ticket
// holds the whole of it.
const (
	maxQuoted  = 2000 // characters of the first message quoted
	maxSubject = 60   // characters of a name in the subject
)

// Compose writes the email about t for the team at to.
func Compose(t NewTicket, to []string, messageID string) (Email, error) {
	shop, customer := oneLine(t.ShopName, maxSubject), oneLine(t.Customer, maxSubject)
	when := t.ReceivedAt.Format("Monday, January 2 at 3:04 PM (MST)")
	data := emailData{Shop: shop, Customer: customer, When: when, URL: t.TicketURL,
		Channel: channelName(t.Channel), Count: messageCount(t.Messages)}
	if t.QuoteMessage {
		data.Message = truncate(strings.TrimSpace(t.Message), maxQuoted)
	}
	var html bytes.Buffer
	if err := htmlBody.Execute(&html, data); err != nil {
		return Email{}, fmt.Errorf("compose new-ticket email: %w", err)
	}
	return Email{
		FromName:  shop,
		To:        to,
		Subject:   fmt.Sprintf("New chat from %s — %s", customer, shop),
		Text:      textBody(data),
		HTML:      html.String(),
		MessageID: messageID,
	}, nil
}

// emailData fills both parts; Message is empty unless the merchant opted in
// to quoting it.
type emailData struct {
	Shop, Customer, Message, When, URL, Channel, Count string
}

// channelName says where the chat came from, as the team knows it.
func channelName(channel string) string {
	if channel == storage.ChannelSMS {
		return "SMS"
	}
	return "web chat"
}

func messageCount(n int) string {
	if n == 1 {
		return "1 message"
	}
	return fmt.Sprintf("%d messages", n)
}

func textBody(d emailData) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s started a new chat with %s on %s.\n\n", d.Customer, d.Shop, d.When)
	fmt.Fprintf(&b, "Channel: %s\nSo far: %s\n", d.Channel, d.Count)
	if d.Message != "" {
		b.WriteString("\n")
		for _, line := range strings.Split(d.Message, "\n") {
			b.WriteString("> " + strings.TrimRight(line, "\r") + "\n")
		}
	}
	fmt.Fprintf(&b, "\nOpen the ticket to read and reply:\n%s\n\n", d.URL)
	b.WriteString("-- \nYou get this email because your address is on the list in hubchat's Settings > Notifications.\n")
	return b.String()
}

// htmlBody is deliberately plain: inline styles only, as mail clients drop
// style sheets; html/template escapes every value.
var htmlBody = template.Must(template.New("new-ticket").Parse(`<!DOCTYPE html>
<html><body style="margin:0;padding:24px;background:#f1f1f1;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;color:#303030">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">
<p style="margin:0 0 16px;font-size:16px"><strong>{{.Customer}}</strong> started a new chat with {{.Shop}} on {{.When}}.</p>
<p style="margin:0 0 16px;color:#616161">Channel: {{.Channel}} · So far: {{.Count}}</p>
{{if .Message}}<blockquote style="margin:0 0 24px;padding:12px 16px;border-left:4px solid #d4d4d4;background:#f7f7f7;white-space:pre-wrap">{{.Message}}</blockquote>
{{end}}
<p style="margin:0 0 24px"><a href="{{.URL}}" style="display:inline-block;padding:8px 16px;border-radius:8px;background:#303030;color:#ffffff;text-decoration:none;font-weight:600">Open the ticket</a></p>
<p style="margin:0;font-size:12px;color:#616161">You get this email because your address is on the list in hubchat's Settings &gt; Notifications.</p>
</div></body></html>
`))

// oneLine makes s fit a header: control characters (a line break could
// start a new header) become spaces, runs of space collapse, and it is cut
// to max characters.
func oneLine(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return truncate(strings.Join(strings.Fields(s), " "), max)
}

// truncate cuts s to max characters (runes), marking the cut.
func truncate(s string, max int) string {
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return strings.TrimSpace(string(r[:max-1])) + "…"
}
