package adminapi

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrUnauthorized means Shopify rejected the access token (401) even
	// after the TokenSource supplied a fresh one: the app is uninstalled or
	// the grant revoked.
	ErrUnauthorized = errors.New("adminapi: access token rejected")

	// ErrThrottled means Shopify kept answering THROTTLED after the client
	// had waited for the bucket as many times as it is allowed to.
	ErrThrottled = errors.New("adminapi: throttled")

	// ErrQueryTooCostly means a query costs more than the whole bucket (or
	// Shopify's single-query limit), so no amount of waiting lets it run.
	ErrQueryTooCostly = errors.New("adminapi: query cost exceeds the bucket")

	// ErrNotFound means the object asked for by id does not exist (or the
	// app may not see it).
	ErrNotFound = errors.New("adminapi: not found")

	// ErrInvalidArgument means a method was called with an argument it
	// cannot send, such as a page size outside its bounds.
	ErrInvalidArgument = errors.New("adminapi: invalid argument")
)

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

// HasCode reports whether any user error carries code.
func (e *MutationError) HasCode(code string) bool {
	for _, u := range e.UserErrors {
		if u.Code == code {
			return true
		}
	}
	return false
}
