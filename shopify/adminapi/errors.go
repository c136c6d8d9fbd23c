package adminapi

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

var (
	// ErrUnauthorized means Shopify rejected the access token (401) even
	// after the TokenSource supplied a fresh one: the app is uninstalled or
	// the grant revoked. It is permanent.
	ErrUnauthorized error = &answer{"adminapi: access token rejected", true}

	// ErrThrottled means Shopify kept answering THROTTLED after the client
	// had waited for the bucket as many times as it is allowed to. It is
	// temporary.
	ErrThrottled error = &answer{"adminapi: throttled", false}

	// ErrQueryTooCostly means a query costs more than the whole bucket (or
	// Shopify's single-query limit), so no amount of waiting lets it run.
	// It is permanent.
	ErrQueryTooCostly error = &answer{"adminapi: query cost exceeds the bucket", true}

	// ErrNotFound means the object asked for by id does not exist (or the
	// app may not see it): Shopify answered null for it. It is permanent.
	ErrNotFound error = &answer{"adminapi: not found", true}

	// ErrInvalidArgument means a method was called with an argument it
	// cannot send, such as a page size outside its bounds. It is permanent.
	ErrInvalidArgument error = &answer{"adminapi: invalid argument", true}
)

// Permanent reports whether err is an answer that asking again will not
// change, so a job that got it should stop rather than retry: a customer or
// object that does not exist, a token or scope Shopify refuses, a query
// Shopify rejects, a 4xx status other than 408 and 429. Network failures,
// timeouts, 5xx statuses, THROTTLED and Shopify's internal errors are
// temporary, as is any error this package did not classify.
func Permanent(err error) bool {
	var p interface{ Permanent() bool }
	return errors.As(err, &p) && p.Permanent()
}

// answer is one of the sentinel errors, with whether it is permanent.
type answer struct {
	msg       string
	permanent bool
}

func (e *answer) Error() string { return e.msg }

// Permanent reports whether asking again gets the same answer.
func (e *answer) Permanent() bool { return e.permanent }

// temporaryCodes are the GraphQL error codes of a request that may succeed
// when sent again: Shopify's own failure, and the rate limit.
var temporaryCodes = map[string]bool{"INTERNAL_SERVER_ERROR": true, "THROTTLED": true}

// ErrorDetail is one entry of a GraphQL response's errors array.
type ErrorDetail struct {
	Message string
	// Code is extensions.code when Shopify gave one (e.g. ACCESS_DENIED,
	// MAX_COST_EXCEEDED, undefinedField).
	Code string
}

// GraphQLError is a response whose errors array was not empty and not a
// throttle: a malformed query, missing access scope or protected-customer-
// data approval, or a server-side failure Shopify reported in the body.
type GraphQLError struct {
	Errors []ErrorDetail
}

func (e *GraphQLError) Error() string {
	msgs := make([]string, 0, len(e.Errors))
	for _, d := range e.Errors {
		if d.Code != "" {
			msgs = append(msgs, d.Message+" ("+d.Code+")")
		} else {
			msgs = append(msgs, d.Message)
		}
	}
	return "adminapi: graphql: " + strings.Join(msgs, "; ")
}

// Permanent reports whether the same query would fail the same way: true
// unless Shopify reported an internal error or a throttle. A malformed
// query, ACCESS_DENIED (a missing scope or protected-data approval),
// SHOP_INACTIVE and MAX_COST_EXCEEDED do not change on their own.
func (e *GraphQLError) Permanent() bool {
	for _, d := range e.Errors {
		if temporaryCodes[d.Code] {
			return false
		}
	}
	return true
}

// HasCode reports whether any error carries extensions.code == code.
func (e *GraphQLError) HasCode(code string) bool {
	for _, d := range e.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

// HTTPError is a response with a status other than 200 that the client did
// not retry (or stopped retrying). Body is a short prefix of the response
// body for diagnosis; Shopify does not echo the token in it.
type HTTPError struct {
	StatusCode int
	Body       string
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("adminapi: http %d: %s", e.StatusCode, e.Body)
}

// Permanent reports whether the status says the same request will fail
// again: a 4xx (402 a frozen shop, 403, 404 a shop that is gone, 423 a
// locked shop...) other than 408 and 429. A 5xx is temporary.
func (e *HTTPError) Permanent() bool {
	return e.StatusCode >= 400 && e.StatusCode < 500 &&
		e.StatusCode != http.StatusRequestTimeout && e.StatusCode != http.StatusTooManyRequests
}

// UserError is one entry of a mutation payload's userErrors: input Shopify
// rejected, reported with status 200 and data rather than as a GraphQL error.
type UserError struct {
	// Field is the path to the input at fault, e.g. [metafields 0 value].
	Field   []string
	Message string
	Code    string // e.g. INVALID_VALUE, INVALID_TYPE; empty when not given
}

// MutationError is a mutation whose payload carried userErrors. Shopify's
// mutations hubchat uses are atomic: nothing was changed.
type MutationError struct {
	Mutation   string // the mutation field, e.g. metafieldsSet
	UserErrors []UserError
}

func (e *MutationError) Error() string {
	msgs := make([]string, 0, len(e.UserErrors))
	for _, u := range e.UserErrors {
		msg := u.Message
		if len(u.Field) > 0 {
			msg = strings.Join(u.Field, ".") + ": " + msg
		}
		if u.Code != "" {
			msg += " (" + u.Code + ")"
		}
		msgs = append(msgs, msg)
	}
	return "adminapi: " + e.Mutation + ": " + strings.Join(msgs, "; ")
}

// Permanent is true: Shopify rejected the input, and the same input is
// rejected again.
func (e *MutationError) Permanent() bool { return true }

// HasCode reports whether any user error carries code.
func (e *MutationError) HasCode(code string) bool {
	for _, u := range e.UserErrors {
		if u.Code == code {
			return true
		}
	}
	return false
}
