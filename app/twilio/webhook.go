package twilio

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"hubchat/app/apperr"
)

// Incoming is a message a person sent to one of the account's numbers, as
// Twilio's incoming-message webhook describes it (form-encoded POST).
type Incoming struct {
	MessageSID string // SM… or MM…: unique per message, the key that deduplicates Twilio's retries
	AccountSID string
	ServiceSID string // the Messaging Service the number belongs to, when it does
	From       string // the person's number, E.164
	To         string // the account's number, E.164
	Body       string // the text, possibly empty for a picture alone
	Media      []Media
}

// Media is a file sent with a message (MMS). URL is where Twilio keeps it;
// it answers without authentication unless the account requires it.
type Media struct {
	URL         string
	ContentType string // such as image/jpeg
}

// formError is the answer to a form Twilio would not have sent: a coded
// Invalid error that names the field.
func formError(format string, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = cutQuoted(s)
		}
	}
	return apperr.New(apperr.Invalid, "Twilio webhook: "+format, args...)
}

// maxQuotedValue is how much of a field a refusal quotes: a form can carry
// megabytes, and the words are logged.
const maxQuotedValue = 64

// cutQuoted is s cut to maxQuotedValue bytes, on a character's boundary,
// with "…" when cut.
func cutQuoted(s string) string {
	if len(s) <= maxQuotedValue {
		return s
	}
	end := maxQuotedValue
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end] + "…"
}

// ParseIncoming reads the form of Twilio's incoming-message webhook. It
// checks what the app relies on — the SIDs' shapes, E.164 numbers, NumMedia
// and one MediaUrlN and MediaContentTypeN for each N below it — and ignores
// the parameters it does not use, since Twilio adds parameters without
// notice. Verify the signature before calling it.
func ParseIncoming(form url.Values) (Incoming, error) {
	in := Incoming{
		MessageSID: form.Get("MessageSid"), AccountSID: form.Get("AccountSid"),
		ServiceSID: form.Get("MessagingServiceSid"),
		From:       form.Get("From"), To: form.Get("To"), Body: form.Get("Body"),
	}
	if err := checkCommon(in.MessageSID, in.AccountSID, in.From, in.To); err != nil {
		return Incoming{}, err
	}
	if in.ServiceSID != "" && !ValidServiceSID(in.ServiceSID) {
		return Incoming{}, formError("MessagingServiceSid %q is not a Messaging Service SID.", in.ServiceSID)
	}
	n, err := strconv.Atoi(orZero(form.Get("NumMedia")))
	if err != nil || n < 0 || n > MaxMedia {
		return Incoming{}, formError("NumMedia %q is not a number of files from 0 to %d.", form.Get("NumMedia"), MaxMedia)
	}
	for i := range n {
		m := Media{URL: form.Get(fmt.Sprintf("MediaUrl%d", i)), ContentType: form.Get(fmt.Sprintf("MediaContentType%d", i))}
		if !isAbsoluteHTTP(m.URL) {
			return Incoming{}, formError("MediaUrl%d %q is not an http or https address.", i, m.URL)
		}
		if !strings.Contains(m.ContentType, "/") {
			return Incoming{}, formError("MediaContentType%d %q is not a media type.", i, m.ContentType)
		}
		in.Media = append(in.Media, m)
	}
	return in, nil
}

// Status is a delivery status Twilio reports for an outgoing message.
type Status string

// The statuses a message moves through, as the Messages API names them.
const (
	Accepted    Status = "accepted" // a Messaging Service has it and will pick the sender
	Scheduled   Status = "scheduled"
	Canceled    Status = "canceled"
	Queued      Status = "queued"
	Sending     Status = "sending"
	Sent        Status = "sent"      // handed to the carrier
	Delivered   Status = "delivered" // the carrier confirmed delivery to the handset
	Undelivered Status = "undelivered"
	Failed      Status = "failed"
	Receiving   Status = "receiving"
	Received    Status = "received"
	Read        Status = "read"
	// PartiallyDelivered is reported for a message of several parts of
	// which some did not arrive.
	PartiallyDelivered Status = "partially_delivered"
)

var knownStatuses = map[Status]bool{Accepted: true, Scheduled: true, Canceled: true, Queued: true,
	Sending: true, Sent: true, Delivered: true, Undelivered: true, Failed: true, Receiving: true,
	Received: true, Read: true, PartiallyDelivered: true}

// Final reports whether no later status will follow (for SMS and MMS;
// channels with read receipts may still report read after delivered).
func (s Status) Final() bool {
	switch s {
	case Delivered, Undelivered, Failed, Canceled, Read:
		return true
	}
	return false
}

// StatusUpdate is one request to a message's StatusCallback URL.
type StatusUpdate struct {
	MessageSID string
	AccountSID string
	From, To   string
	Status     Status
	// ErrorCode is Twilio's code for why a message failed or was not
	// delivered (such as 30003, unreachable handset); 0 otherwise.
	ErrorCode int
}

// ParseStatus reads the form of a status callback: MessageSid,
// MessageStatus and, for failed and undelivered messages, ErrorCode. From
// and To are checked only when present: their form depends on the channel.
// Verify the signature before calling it.
func ParseStatus(form url.Values) (StatusUpdate, error) {
	u := StatusUpdate{MessageSID: form.Get("MessageSid"), AccountSID: form.Get("AccountSid"),
		From: form.Get("From"), To: form.Get("To"), Status: Status(form.Get("MessageStatus"))}
	if !ValidMessageSID(u.MessageSID) {
		return StatusUpdate{}, formError("MessageSid %q is not a message SID.", u.MessageSID)
	}
	if !ValidAccountSID(u.AccountSID) {
		return StatusUpdate{}, formError("AccountSid %q is not an Account SID.", u.AccountSID)
	}
	if !knownStatuses[u.Status] {
		return StatusUpdate{}, formError("MessageStatus %q is not a message status.", u.Status)
	}
	code, err := strconv.Atoi(orZero(form.Get("ErrorCode")))
	if err != nil || code < 0 {
		return StatusUpdate{}, formError("ErrorCode %q is not an error code.", form.Get("ErrorCode"))
	}
	u.ErrorCode = code
	return u, nil
}

// checkCommon checks the parameters every incoming-message request carries.
func checkCommon(messageSID, accountSID, from, to string) error {
	switch {
	case !ValidMessageSID(messageSID):
		return formError("MessageSid %q is not a message SID.", messageSID)
	case !ValidAccountSID(accountSID):
		return formError("AccountSid %q is not an Account SID.", accountSID)
	case !ValidE164(from):
		return formError("From %q is not a phone number in E.164.", from)
	case !ValidE164(to):
		return formError("To %q is not a phone number in E.164.", to)
	}
	return nil
}

// orZero reads an absent number as 0.
func orZero(s string) string {
	if s = strings.TrimSpace(s); s == "" {
		return "0"
	}
	return s
}
