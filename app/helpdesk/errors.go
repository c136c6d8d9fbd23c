package helpdesk

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"hubchat/app/apperr"
)

// Kind classifies a failure by what can be done about it.
type Kind string

// The kinds. The first five are permanent: the same request will fail again
// until the merchant changes the settings or the helpdesk account. The last
// three are temporary: trying again later may succeed.
const (
	BadCredentials Kind = "bad_credentials" // the helpdesk did not recognise the email and token or key
	Forbidden      Kind = "forbidden"       // recognised, but not allowed to do this
	NotFound       Kind = "not_found"       // no such helpdesk account at that address
	Invalid        Kind = "invalid"         // the request or the settings were rejected as wrong
	Refused        Kind = "refused"         // any other answer that retrying will not change

	RateLimited Kind = "rate_limited" // too many requests; wait (see Error.Wait) and retry
	Unavailable Kind = "unavailable"  // the helpdesk failed (5xx) or is busy; retry later
	Unreachable Kind = "unreachable"  // no answer: network failure, timeout, dropped connection
)

// Error is a failure to talk to a helpdesk. Message is meant for the merchant;
// Err is the cause, for logs. Neither ever holds a secret.
//
// Use errors.As to reach it, or the method sets Temporary() bool and
// RetryAfter() time.Duration without importing this package. It also unwraps
// to an *apperr.Error: Invalid for the permanent kinds (so a job parks and a
// settings form shows the message as a 422), TooMany for RateLimited and
// Unavailable for the other temporary kinds.
type Error struct {
	Service string // "Zendesk" or "Gorgias"
	Kind    Kind
	Status  int           // the HTTP status of the answer; 0 when there was none
	Wait    time.Duration // how long the helpdesk asked us to wait (Retry-After); 0 when it did not say
	Message string
	// Reason names, for a caller that words the failure itself, a case
	// more precise than Kind: ReasonEndUser, ReasonDeactivated,
	// ReasonRedirected; "" otherwise.
	Reason string
	Err    error
}

// The reasons an Error may name.
const (
	ReasonEndUser     = "end_user"    // Zendesk: the token belongs to an end user, not an agent
	ReasonDeactivated = "deactivated" // Gorgias: the account is deactivated
	ReasonRedirected  = "redirected"  // the account address redirects elsewhere
)

func (e *Error) Error() string {
	s := strings.ToLower(e.Service) + ": " + string(e.Kind)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
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

// RetryAfter is how long to wait before trying again, as the helpdesk asked;
// 0 means it did not say, and the caller's own backoff applies.
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

// retryAfter reads a Retry-After header, in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		return time.Duration(max(secs, 0)) * time.Second
	}
	if at, err := http.ParseTime(v); err == nil && at.After(now) {
		return at.Sub(now).Round(time.Second)
	}
	return 0
}

// statusError classifies an answer that was not a success, using the wording
// both services share; explain adds the service's own words for the permanent
// cases (an empty string keeps the shared one).
func statusError(service string, status int, wait time.Duration, explain func(Kind) string) *Error {
	e := &Error{Service: service, Status: status, Wait: wait}
	switch {
	case status == http.StatusTooManyRequests:
		e.Kind = RateLimited
		e.Message = fmt.Sprintf("%s is limiting how many requests we make right now; we will try again", service)
		if wait > 0 {
			e.Message += " in " + wait.String()
		}
		e.Message += "."
		return e
	case status >= 500:
		e.Kind = Unavailable
		e.Message = fmt.Sprintf("%s had a problem on its side (HTTP %d); we will try again.", service, status)
		return e
	case status == http.StatusUnauthorized:
		e.Kind = BadCredentials
	case status == http.StatusForbidden:
		e.Kind = Forbidden
	case status == http.StatusNotFound:
		e.Kind = NotFound
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity || status == http.StatusRequestEntityTooLarge:
		e.Kind = Invalid
	default:
		e.Kind = Refused
	}
	e.Message = explain(e.Kind)
	if e.Message == "" {
		e.Message = fmt.Sprintf("%s refused the request (HTTP %d).", service, status)
	}
	return e
}
