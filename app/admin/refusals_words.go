package admin

import (
	"context"

	"hubchat/app/apperr"
	"hubchat/views/i18n"
)

// The words of refusals other packages decide. Those packages return coded
// errors (apperr codes, their own sentinel kinds); these functions choose
// what the staff member reads, in their language, keeping the cause.

// snoozeRefusal words why chat.CheckSnooze refused a snooze: the ticket has
// ended (Conflict) or the time is not in the future (Invalid).
func snoozeRefusal(ctx context.Context, err error) error {
	switch apperr.CodeOf(err) {
	case apperr.Conflict:
		return apperr.Wrap(apperr.Conflict, err, "%s", i18n.T(ctx, "messages.snooze.closed"))
	case apperr.Invalid:
		return apperr.Wrap(apperr.Invalid, err, "%s", i18n.T(ctx, "messages.snooze.past"))
	}
	return err
}
