package admin

import (
	"context"
	"errors"

	"hubchat/app/apperr"
	"hubchat/storage"
	"hubchat/views/i18n"
)

// Storage says what kind of failure happened (storage.ErrNotFound…); the
// words a merchant reads are chosen here, for what they were doing.

// ticketError words a failure to change a ticket, in ctx's language.
func ticketError(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, storage.ErrConversationClosed):
		return apperr.Wrap(apperr.Conflict, err, "%s", i18n.T(ctx, "ticket.error.ended"))
	case errors.Is(err, storage.ErrSMSOptedOut):
		return apperr.Wrap(apperr.Conflict, err, "%s", i18n.T(ctx, "sms.opted_out"))
	case errors.Is(err, storage.ErrNotFound):
		return apperr.Wrap(apperr.NotFound, err, "%s", i18n.T(ctx, "ticket.error.not_found"))
	case errors.Is(err, storage.ErrInvalid):
		return apperr.Wrap(apperr.Invalid, err, "%s", i18n.T(ctx, "ticket.error.choose_member"))
	}
	return err
}

// notFoundAs words a not-found failure as what, already in the staff
// member's language, e.g. "That FAQ does not exist.".
func notFoundAs(err error, what string) error {
	if errors.Is(err, storage.ErrNotFound) {
		return apperr.Wrap(apperr.NotFound, err, "%s", what)
	}
	return err
}
