package chat

import (
	"slices"
	"time"
)

// MessageRef is what a read receipt needs of a message.
type MessageRef struct {
	ID     int64
	Author Author
	SeenAt time.Time // zero: not seen yet
}

// Receipt is the outcome of a "seen" report: the messages to mark seen, in
// ascending id order, and when. It is the payload of the message.seen event
// without the conversation id.
type Receipt struct {
	MessageIDs []int64
	SeenAt     time.Time
}

// SeenUpTo applies the shopper's report that the thread was displayed up to
// message upToID (SPEC §1.4) to the messages of their conversation: every
// message not written by the shopper (agent, AI or automatic), with an id at
// most upToID, not seen yet, becomes seen at now. Messages already seen keep
// their first time, so repeated reports change nothing and announce nothing;
// the receipt is then empty (no ids).
func SeenUpTo(messages []MessageRef, upToID int64, now time.Time) Receipt {
	r := Receipt{SeenAt: now}
	for _, m := range messages {
		if m.Author != AuthorShopper && m.ID <= upToID && m.SeenAt.IsZero() {
			r.MessageIDs = append(r.MessageIDs, m.ID)
		}
	}
	slices.Sort(r.MessageIDs)
	r.MessageIDs = slices.Compact(r.MessageIDs) // a message listed twice is marked once
	return r
}
