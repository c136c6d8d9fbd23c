package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/lib/pq"
)

// ErrorKind classifies a failure by what the caller can do about it.
// Storage wraps one of the kinds below in every error a caller may want to
// tell apart (errors.Is(err, storage.ErrNotFound)); the words a person reads
// are chosen by the caller, above storage. ErrorCode lets the app's one
// coded error type (app/apperr) read the kind without storage importing it.
type ErrorKind string

func (k ErrorKind) Error() string { return string(k) }

// ErrorCode is the kind's name, one of app/apperr's codes.
func (k ErrorKind) ErrorCode() string { return string(k) }

// The kinds.
const (
	ErrNotFound     ErrorKind = "not_found"    // no such thing in this shop
	ErrConflict     ErrorKind = "conflict"     // clashes with the current state
	ErrInvalid      ErrorKind = "invalid"      // the input cannot be stored as it is
	ErrUnauthorized ErrorKind = "unauthorized" // no valid access (a shop's token)
)

// Failures callers tell apart from others of their kind.
var (
	// ErrConversationClosed: a closed conversation takes no message or
	// change; the shopper's next message starts a new one.
	ErrConversationClosed = fmt.Errorf("the conversation is closed: %w", ErrConflict)
	// ErrListFull: a list (the team's notification addresses) is at its size.
	ErrListFull = fmt.Errorf("the list is full: %w", ErrConflict)
	// ErrSMSOptedOut: the person replied STOP; nothing is texted to them
	// until they reply START.
	ErrSMSOptedOut = fmt.Errorf("the person opted out of texts: %w", ErrConflict)
)

// notFound turns sql.ErrNoRows into ErrNotFound naming what was looked for;
// other errors pass through wrapped with the same words.
func notFound(err error, format string, args ...any) error {
	what := fmt.Sprintf(format, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505"
}

// isUniqueViolationOf reports whether err is a unique_violation of the
// named constraint (or unique index).
func isUniqueViolationOf(err error, constraint string) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505" && pe.Constraint == constraint
}

// foreignKeyViolation reports whether err is PostgreSQL's
// foreign_key_violation: the row names a shop (or another parent) that is gone.
func foreignKeyViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23503"
}

// Interrupted reports whether err is a statement cut short for time: the
// caller's context ended (a deadline, a client gone), or the server's
// statement_timeout or idle_in_transaction_session_timeout passed. Trying
// again later may succeed.
func Interrupted(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return true
	}
	var pe *pq.Error
	return errors.As(err, &pe) && (pe.Code == "57014" || pe.Code == "25P03") // query_canceled, idle_in_transaction_session_timeout
}

// Unreachable reports whether err says the database could not be reached
// or went away: no connection (refused, reset, a name that does not
// resolve), a connection cut mid-statement, or the server shutting down,
// starting up or in recovery. Nothing was decided; the same request may
// succeed once PostgreSQL is back.
func Unreachable(err error) bool {
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return false // out of time, which Interrupted tells (it is a net.Error too)
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		// Class 08 is connection_exception; 57P01–57P03 are admin_shutdown,
		// crash_shutdown and cannot_connect_now (starting up, recovering).
		return strings.HasPrefix(string(pe.Code), "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}
