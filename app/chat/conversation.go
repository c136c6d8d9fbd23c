package chat

import (
	"time"

	"hubchat/app/apperr"
)

// Status is where a conversation (an inbox ticket) stands; the values are
// those of conversations.status.
type Status string

// The statuses (SPEC §3.1). The zero Status, "", stands for "no conversation"
// where a function takes the shopper's current one.
const (
	StatusOpen    Status = "open"    // going on
	StatusSnoozed Status = "snoozed" // hidden from the inbox until a chosen time, still going on for the shopper
	StatusClosed  Status = "closed"  // ended for good
)

// Active reports whether s is a conversation still going on: open or snoozed.
// An active conversation takes new messages and the shopper sees its whole
// history on any page and device (SPEC §1.2 items 4 and 7).
func (s Status) Active() bool { return s == StatusOpen || s == StatusSnoozed }

// ClosedBy records who ended a conversation; the values are those of
// conversations.closed_by.
type ClosedBy string

// Who can end a conversation.
const (
	ClosedByShopper    ClosedBy = "shopper"    // "End chat" in the widget
	ClosedByAgent      ClosedBy = "agent"      // the close action in the inbox
	ClosedByInactivity ClosedBy = "inactivity" // the clock closed it (ShouldAutoClose)
)

// Channel is the way a conversation reaches the shop; the values are those of
// conversations.channel.
type Channel string

// The channels.
const (
	ChannelWebChat Channel = "web_chat"
	ChannelSMS     Channel = "sms"
)

// InactivityLimit is how long a conversation may go without activity before
// the clock closes it (SPEC §1.7), where the clock may close it at all (see
// ShouldAutoClose).
const InactivityLimit = 48 * time.Hour

// Activity is what the inactivity rule reads of a conversation.
type Activity struct {
	Status        Status
	LastMessageAt time.Time // the latest message, from anyone
	// WokeAt is when the conversation last came back from a snooze; zero
	// when it never did.
	WokeAt time.Time
	// WithAI says the AI agent is answering and has not handed the
	// conversation off to the team.
	WithAI bool
	// AwaitingTeam says the shopper's message is the last word: the team
	// owes an answer.
	AwaitingTeam bool
}

// ClockStart is when the 48 hours of inactivity start: at the last message,
// or at the wake-up when the conversation came back from a snooze later.
func (a Activity) ClockStart() time.Time {
	if a.WokeAt.After(a.LastMessageAt) {
		return a.WokeAt
	}
	return a.LastMessageAt
}

// ShouldAutoClose reports whether a conversation must be closed for
// inactivity at now (SPEC §1.7). Only an open conversation is: a snoozed one
// waits for its wake-up, from which its clock then runs. A conversation with
// the AI agent closes InactivityLimit after its clock starts, whoever spoke
// last (an AI answer left unanswered becomes AI resolved). A ticket with the
// team closes so only when the team had the last word: one waiting on the
// team is never closed by the clock, since that would hide an unanswered
// customer. At the boundary 47h59m59s stays open and 48h closes.
func ShouldAutoClose(a Activity, now time.Time) bool {
	if a.Status != StatusOpen || (a.AwaitingTeam && !a.WithAI) {
		return false
	}
	return now.Sub(a.ClockStart()) >= InactivityLimit
}

// AutoCloseCutoff is the latest clock start (Activity.ClockStart) that
// ShouldAutoClose closes at now, for a sweep that selects the conversations
// the clock may close with a clock start at or before AutoCloseCutoff(now).
func AutoCloseCutoff(now time.Time) time.Time { return now.Add(-InactivityLimit) }

// CanPost reports whether a message, from the shopper or from the team, may
// join a conversation in status: only while it is open or snoozed. A closed
// conversation never takes another message; the shopper's next message starts
// a new one (see OnShopperMessage).
func CanPost(status Status) bool { return status.Active() }

// OnShopperMessage says what a shopper's new message does, given the status
// of their current conversation on the channel ("" when they have none). It
// joins an open conversation, and wakes a snoozed one (the shopper is back, so
// the ticket must show in the inbox again); with no conversation, or only a
// closed one, it starts a new conversation and a new ticket, whose automatic
// reply (AutoReply) is due. next is the status the conversation it lands in
// has afterwards: always open.
func OnShopperMessage(current Status) (next Status, startsNew bool) {
	return StatusOpen, !current.Active()
}

// WakeSnoozed returns the status of a conversation at now: a snoozed one whose
// snoozedUntil has come (now at or after it) is open again; any other is
// unchanged. A snoozed conversation with no wake time (zero snoozedUntil)
// wakes at once rather than staying hidden for ever.
func WakeSnoozed(status Status, snoozedUntil, now time.Time) Status {
	if status == StatusSnoozed && !now.Before(snoozedUntil) {
		return StatusOpen
	}
	return status
}

// CheckSnooze returns an error unless an agent may snooze a conversation in
// status until the given time at now: apperr.Conflict for a closed one,
// apperr.Invalid for a time that is not in the future.
func CheckSnooze(status Status, until, now time.Time) error {
	if !status.Active() {
		return apperr.New(apperr.Conflict, "This conversation is closed and cannot be snoozed.")
	}
	if !until.After(now) {
		return apperr.New(apperr.Invalid, "Choose a time in the future to snooze until.")
	}
	return nil
}

// CanClose reports whether a conversation in status can be closed (by the
// shopper, an agent or inactivity): any conversation still going on.
func CanClose(status Status) bool { return status.Active() }

// CanReopen reports whether an agent may reopen a conversation. Only closed
// conversations are reopened, and never on web chat: an ended chat is gone
// for the shopper, whose next message starts a new one (SPEC §1.2, §3.1). A
// closed SMS conversation can be reopened, as in Gorgias or Klaviyo.
func CanReopen(channel Channel, status Status) bool {
	return status == StatusClosed && channel == ChannelSMS
}

// VisibleToShopper reports whether the shopper's widget shows a conversation
// in status, with its whole history: while open or snoozed, on any page and
// any device; never once closed (SPEC §1.2 items 6 and 7).
func VisibleToShopper(status Status) bool { return status.Active() }
