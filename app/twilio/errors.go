package twilio

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hubchat/app/apperr"
)

// Kind classifies a failure by what can be done about it.
type Kind string

// The kinds. The first seven are permanent: the same request fails again
// until the merchant changes the settings, the account, or the recipient
// changes their mind. The last three are temporary: trying again later may
// succeed.
const (
	BadCredentials   Kind = "bad_credentials"   // Twilio did not recognise the Account SID and auth token (20003)
	Forbidden        Kind = "forbidden"         // recognised, but the account may not do this (suspended, closed)
	NotFound         Kind = "not_found"         // no such account or resource (20404)
	InvalidSender    Kind = "invalid_sender"    // the From number or Messaging Service cannot send (21606, 21701…)
	InvalidRecipient Kind = "invalid_recipient" // the To number cannot receive messages (21211, 21614…)
	OptedOut         Kind = "opted_out"         // the recipient replied STOP to this sender (21610)
	Invalid          Kind = "invalid"           // any other refusal of the request as it was (21602, 21617…)

	RateLimited Kind = "rate_limited" // too many requests (429, 20429); wait and retry
	Unavailable Kind = "unavailable"  // Twilio failed (5xx) or answered what we cannot read; retry later
	Unreachable Kind = "unreachable"  // no answer: network failure, timeout, dropped connection
)

// Error is a failure to talk to Twilio. Message is meant for the merchant;
// Code, TwilioMessage and MoreInfo are Twilio's own error document, for the
// ticket and the logs; Err is a transport cause. None ever holds the auth
// token.
//
// Reach it with errors.As, or through the method set Temporary() bool and
// RetryAfter() time.Duration. It also unwraps to an *apperr.Error: Invalid
// for the permanent kinds (a job parks, a settings form shows the message
// as a 422), TooMany for RateLimited, Unavailable for the other temporary
// kinds.
type Error struct {
	Kind          Kind
	Status        int           // the HTTP status of the answer; 0 when there was none
	Code          int           // Twilio's error code, such as 21211; 0 when it sent none
	TwilioMessage string        // Twilio's own words for the error
	MoreInfo      string        // Twilio's page about the code
	Wait          time.Duration // how long Twilio asked us to wait (Retry-After); 0 when it did not say
	Message       string
	Err           error
}

func (e *Error) Error() string {
	s := "twilio: " + string(e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d", e.Status)
		if e.Code != 0 {
			s += fmt.Sprintf(", error %d", e.Code)
		}
		s += ")"
	}
	s += ": " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Temporary reports whether trying again later may succeed.
func (e *Error) Temporary() bool {
	switch e.Kind {
	case RateLimited, Unavailable, Unreachable:
		return true
	}
	return false
}

// RetryAfter is how long to wait before trying again, as Twilio asked; 0
// means it did not say, and the caller's own backoff applies.
func (e *Error) RetryAfter() time.Duration { return e.Wait }

// Unwrap returns the coded application error and the cause.
func (e *Error) Unwrap() []error {
	code := apperr.Invalid
	switch {
	case e.Kind == RateLimited:
		code = apperr.TooMany
	case e.Temporary():
		code = apperr.Unavailable
	}
	app := &apperr.Error{Code: code, Message: e.Message}
	if e.Err == nil {
		return []error{app}
	}
	return []error{app, e.Err}
}

// restException is Twilio's error document: every 4xx and 5xx answer of the
// REST API carries one.
type restException struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

// The Twilio error codes this package tells apart. Each has its page at
// https://www.twilio.com/docs/api/errors/{code}.
var (
	recipientCodes = map[int]bool{
		21211: true, // invalid 'To' phone number
		21217: true, // phone number does not appear to be valid
		21408: true, // permission to send to this region is not enabled
		21604: true, // a 'To' phone number is required
		21612: true, // the 'To' number is not reachable through this sender
		21614: true, // the 'To' number is not a mobile number
	}
	senderCodes = map[int]bool{
		21212: true, // invalid 'From' number format
		21601: true, // not an SMS-capable inbound number of the account
		21603: true, // a 'From' number is required
		21606: true, // the 'From' number is not a valid message-capable number for the account
		21659: true, // the 'From' number is not a Twilio number
		21661: true, // the 'From' number is not SMS-capable
		21701: true, // the Messaging Service does not exist
		21705: true, // the Messaging Service SID is not valid
	}
)

const (
	codeAuthenticate = 20003
	codeNotFound     = 20404
	codeTooMany      = 20429
	codeOptedOut     = 21610
)

// failure turns an answer that was not the expected success into an *Error.
func failure(status int, header http.Header, body []byte) *Error {
	var ex restException
	_ = json.Unmarshal(body, &ex) // a proxy's page has none; the status still classifies
	e := &Error{Status: status, Code: ex.Code, TwilioMessage: ex.Message, MoreInfo: ex.MoreInfo,
		Wait: retryAfter(header)}
	e.Kind = classify(status, ex.Code)
	e.Message = explain(e)
	return e
}

// classify chooses the kind from the status and Twilio's code; the code
// wins where it is more precise than the status.
func classify(status, code int) Kind {
	switch {
	case status == http.StatusTooManyRequests || code == codeTooMany:
		return RateLimited
	case status >= 500:
		return Unavailable
	case status == http.StatusUnauthorized || code == codeAuthenticate:
		return BadCredentials
	case status == http.StatusForbidden:
		return Forbidden
	case code == codeOptedOut:
		return OptedOut
	case recipientCodes[code]:
		return InvalidRecipient
	case senderCodes[code]:
		return InvalidSender
	case status == http.StatusNotFound || code == codeNotFound:
		return NotFound
	case status >= 300 && status < 400:
		return NotFound // Twilio answers its API directly; a redirect means a wrong address
	default:
		return Invalid
	}
}

// explain says what went wrong in a merchant's words, quoting Twilio's code
// so that its page can be found.
func explain(e *Error) string {
	var s string
	switch e.Kind {
	case RateLimited:
		s = "Twilio is limiting how many messages we send right now; we will try again"
		if e.Wait > 0 {
			s += " in " + e.Wait.String()
		}
		return s + "."
	case Unavailable:
		return fmt.Sprintf("Twilio had a problem on its side (HTTP %d); we will try again.", e.Status)
	case BadCredentials:
		s = "Twilio did not accept the Account SID and auth token: check them in Settings → SMS."
	case Forbidden:
		s = "Twilio refused: the account may not send messages (is it suspended or closed?)."
	case NotFound:
		s = "Twilio does not know this account: check the Account SID in Settings → SMS."
	case OptedOut:
		s = "The customer replied STOP to this number: Twilio sends nothing to them until they reply START."
	case InvalidRecipient:
		s = "Twilio cannot deliver to this phone number."
	case InvalidSender:
		s = "Twilio cannot send from the number or Messaging Service in Settings → SMS."
	default:
		s = "Twilio refused the message."
	}
	if e.Code != 0 {
		s = strings.TrimSuffix(s, ".") + fmt.Sprintf(" (Twilio error %d", e.Code)
		if e.TwilioMessage != "" {
			s += ": " + e.TwilioMessage
		}
		s += ")."
	}
	return s
}

// retryAfter reads a Retry-After header in seconds. Twilio documents none
// for its 429 answers; a proxy in front of it may send one, and then it is
// worth heeding.
func retryAfter(h http.Header) time.Duration {
	secs, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After")))
	if err != nil || secs <= 0 {
		return 0
	}
	return time.Duration(secs) * time.Second
}
