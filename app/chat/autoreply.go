package chat

import (
	"strings"
	"time"
)

// AutoReply returns the automatic reply a shopper gets when they open a new
// live-chat conversation with the team at now (SPEC §1.3): duringMsg when now
// falls inside schedule in the shop's time zone loc, outsideMsg when it does
// not. ok is false, and no reply is sent, when the schedule is empty (no
// office hours configured means no automatic replies at all) or when the
// message that applies is blank. The text is returned trimmed.
//
// Callers ask only when a conversation is created (see OnShopperMessage);
// later messages in the same conversation get no automatic reply.
func AutoReply(schedule Schedule, loc *time.Location, now time.Time, duringMsg, outsideMsg string) (text string, ok bool) {
	if schedule.Empty() {
		return "", false
	}
	text = outsideMsg
	if schedule.Open(now, loc) {
		text = duringMsg
	}
	text = strings.TrimSpace(text)
	return text, text != ""
}
