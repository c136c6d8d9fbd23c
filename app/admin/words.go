package admin

import (
	"errors"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// Storage says what kind of failure happened (storage.ErrNotFound…); the
// words a merchant reads are chosen here, for what they were doing.

// ticketError words a failure to change a ticket.
func ticketError(err error) error {
	switch {
	case errors.Is(err, storage.ErrConversationClosed):
		return apperr.Wrap(apperr.Conflict, err, "This conversation has ended and can no longer be changed. The shopper's next message starts a new ticket.")
	case errors.Is(err, storage.ErrSMSOptedOut):
		return apperr.Wrap(apperr.Conflict, err, smsOptedOutText)
	case errors.Is(err, storage.ErrNotFound):
		return apperr.Wrap(apperr.NotFound, err, "This ticket was not found.")
	case errors.Is(err, storage.ErrInvalid):
		return apperr.Wrap(apperr.Invalid, err, "Choose a member of your team.")
	}
	return err
}

// notFoundAs words a not-found failure as what, e.g. "That FAQ does not exist.".
func notFoundAs(err error, what string) error {
	if errors.Is(err, storage.ErrNotFound) {
		return apperr.Wrap(apperr.NotFound, err, "%s", what)
	}
	return err
}
