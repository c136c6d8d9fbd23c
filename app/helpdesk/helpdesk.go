// Package helpdesk hands a chat over to the merchant's external helpdesk: it
// creates a ticket holding the chat's transcript and the shopper's name and
// email in Zendesk or Gorgias, through their documented REST APIs.
//
// Each service has a Client built from settings the merchant entered (checked
// and normalised by NewZendesk and NewGorgias). CheckCredentials makes a cheap
// read-only call, for the moment the merchant saves the settings; CreateTicket
// is meant for a retried job, so it is idempotent on Ticket.ExternalID: a retry
// after an attempt that did create the ticket returns that ticket instead of
// making a second one.
//
// Every failure is an *Error that says, in words a merchant understands, what
// went wrong, and whether trying again later can help (Temporary, RetryAfter).
// Secrets (API tokens and keys) never appear in errors, and this package logs
// nothing.
package helpdesk

import (
	"context"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Client creates tickets in one merchant's helpdesk.
type Client interface {
	// CheckCredentials reports whether the settings reach the helpdesk and are
	// allowed to create tickets there, making one read-only request.
	CheckCredentials(ctx context.Context) error
	// CreateTicket creates the ticket, or returns the one an earlier call with
	// the same Ticket.ExternalID created.
	CreateTicket(ctx context.Context, t Ticket) (Created, error)
}

// AuthorKind says who wrote a message of the transcript.
type AuthorKind string

// The authors of a chat.
const (
	Shopper AuthorKind = "shopper" // the store's visitor or customer
	AI      AuthorKind = "ai"      // the AI agent
	System  AuthorKind = "system"  // automatic messages (office hours, handoff prompts)
	Agent   AuthorKind = "agent"   // a person of the merchant's team
)

// Ticket is what a handoff sends to the helpdesk.
type Ticket struct {
	// ExternalID identifies this handoff in hubchat. It must be the same on
	// every attempt to create the same ticket and different for every other
	// ticket: it is what makes retries safe. 1 to 255 characters among
	// letters, digits and . _ : -
	ExternalID string
	Subject    string // one line; a default is built from the requester when empty
	Requester  Person // the shopper; Email is required
	Messages   []Message
	Tags       []string // the conversation's topic and the like
}

// Person is someone with a name and an email address.
type Person struct {
	Name  string // may be empty; the email stands in for it then
	Email string
}

// Message is one message of the transcript.
type Message struct {
	Author     AuthorKind
	AuthorName string // shown after the author kind when set, such as the agent's name
	At         time.Time
	Text       string
	Cards      []ProductCard // product cards the AI agent showed with this message
	// Images are the URLs of the images sent with this message (a
	// shopper's photo), each the image's own permission to be seen.
	Images []string
}

// ProductCard is a product shown in the chat, carried into the transcript as
// text and a link.
type ProductCard struct {
	Title string
	Price string // formatted in the shop's currency, such as "€12.00"
	URL   string // the product page; only http and https links are made clickable
}

// Created is a ticket in the helpdesk.
type Created struct {
	ID  string // the helpdesk's ticket number
	URL string // where the merchant's team opens the ticket
	// Existing is true when the ticket had been created by an earlier attempt
	// with the same ExternalID, and this call created nothing.
	Existing bool
}

// maxSubject bounds the subject line, which helpdesks show in one line of a list.
const maxSubject = 150

var externalIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,255}$`)

// check returns the ticket ready to send, with its defaults filled in, or an
// *Error of kind Invalid saying what is wrong.
func (t Ticket) check(service string) (Ticket, error) {
	invalid := func(msg string) error { return &Error{Service: service, Kind: Invalid, Message: msg} }
	if !externalIDPattern.MatchString(t.ExternalID) {
		return t, invalid("The handoff has no usable reference (external id), so it cannot be sent safely.")
	}
	email, ok := parseEmail(t.Requester.Email)
	if !ok {
		return t, invalid("The shopper's email address is missing or not valid, and " + service + " needs it to reply.")
	}
	if len(t.Messages) == 0 {
		return t, invalid("The conversation has no messages to hand over.")
	}
	t.Requester.Email = email
	t.Requester.Name = strings.Join(strings.Fields(t.Requester.Name), " ")
	if t.Requester.Name == "" {
		t.Requester.Name = email
	}
	t.Subject = strings.Join(strings.Fields(t.Subject), " ")
	if t.Subject == "" {
		t.Subject = "Chat with " + t.Requester.Name
	}
	t.Subject = truncateRunes(t.Subject, maxSubject)
	return t, nil
}

// parseEmail returns the bare address of s when s is exactly one email
// address (no display name, no list).
func parseEmail(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 254 {
		return "", false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", false
	}
	return a.Address, true
}

// truncateRunes cuts s to at most n characters, ending in "…" when cut.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
