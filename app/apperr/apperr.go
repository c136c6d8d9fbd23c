// Package apperr is hubchat's one coded error type. Domain packages and
// handlers return it so that a single Fiber error handler can map every failure to
// an HTTP status and a message fit for the user, without string matching.
// Lower layers (storage) classify their errors with a kind of their own that
// names one of these codes (an ErrorCode method), and the caller chooses the
// words a person reads; CodeOf reads either.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error by what the caller can do about it.
type Code string

// The codes. Each maps to one HTTP status in the error handler.
const (
	Invalid      Code = "invalid"      // the input is wrong; the message says how (422)
	NotFound     Code = "not_found"    // no such thing in this shop (404)
	Conflict     Code = "conflict"     // the request clashes with the current state (409)
	Unauthorized Code = "unauthorized" // who is asking is unknown or unproven (401)
	Forbidden    Code = "forbidden"    // known, but not allowed (403)
	TooMany      Code = "too_many"     // rate limited; retry later (429)
	Unavailable  Code = "unavailable"  // cannot answer now (busy, timed out); retry soon (503)
	Internal     Code = "internal"     // our fault; details are logged, not shown (500)
)

// Error is an error with a code and a message safe to show to the user.
// Err, when set, is the underlying cause; it is logged for Internal errors and
// never shown.
type Error struct {
	Code    Code
	Message string
	Err     error
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Code, e.Err)
	default:
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
}

// Unwrap returns the cause, so errors.Is and errors.As see through an Error.
func (e *Error) Unwrap() error { return e.Err }

// New returns an Error with a code and a user-facing message built like fmt.Sprintf.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an Error with a code and message that keeps err as its cause.
func Wrap(code Code, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// coded is an error of a lower layer that names its code.
type coded interface{ ErrorCode() string }

// CodeOf returns the code of the first Error in err's chain, else the code a
// lower layer's error names (storage.ErrNotFound…), or Internal for any other
// non-nil error. It returns "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var c coded
	if errors.As(err, &c) {
		if code := Code(c.ErrorCode()); genericMessage[code] != "" {
			return code
		}
	}
	return Internal
}

// genericMessage is what a person reads of an error its handler gave no
// words to, by code.
var genericMessage = map[Code]string{
	Invalid:      "Some of what was sent cannot be used. Check it and try again.",
	NotFound:     "This was not found. It may have been deleted.",
	Conflict:     "This changed in the meantime. Reload the page and try again.",
	Unauthorized: "Your session has ended. Reload the page to go on.",
	Forbidden:    "You can't do this here.",
	TooMany:      "Too many requests. Please wait a moment and try again.",
	Unavailable:  "We could not answer in time. Please try again in a moment.",
	Internal:     "Something went wrong on our side. Please try again.",
}

// Generic reports whether the message MessageOf gives err is its code's
// generic sentence rather than words its handler chose, so that a caller
// writing in another language can say that sentence in its own words.
func Generic(err error) bool {
	var e *Error
	return !errors.As(err, &e) || e.Code == Internal || e.Message == ""
}

// MessageOf returns the user-facing message of err: the Error's message, or
// the generic sentence of its code; internal and unknown errors, whose
// details must not leak, get the generic sentence of Internal.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal && e.Message != "" {
		return e.Message
	}
	return genericMessage[CodeOf(err)]
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }
