package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/lib/pq"

	"hubchat/app/apperr"
)

// notFound turns sql.ErrNoRows into a coded not-found error naming what was
// looked for; other errors pass through wrapped with the same words.
func notFound(err error, format string, args ...any) error {
	what := fmt.Sprintf(format, args...)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(apperr.NotFound, err, "%s not found", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505"
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
