package chat

// AIStatus is where a conversation the AI agent answered stands, as the
// dashboard judges it (SPEC §2.1); the values are those of
// conversations.ai_status.
type AIStatus string

// The AI statuses.
const (
	AIOpen       AIStatus = "open"       // still going on with the AI agent, or waiting for the shopper
	AIResolved   AIStatus = "resolved"   // closed with the AI agent's message last and no handoff
	AIUnresolved AIStatus = "unresolved" // the AI agent handed off
)

// Handoff is how the AI agent handed a conversation off; the values are
// those of conversations.handoff.
type Handoff string

// The handoffs. An Inbox handoff counts only from the shopper's Yes: an
// offer the shopper declined, or never answered, is no handoff.
const (
	HandoffNone    Handoff = "none"
	HandoffInbox   Handoff = "inbox"          // the shopper said Yes: a ticket for the team
	HandoffCustom  Handoff = "custom_message" // the merchant's custom message was shown
	HandoffZendesk Handoff = "zendesk"        // a ticket in the merchant's Zendesk
	HandoffGorgias Handoff = "gorgias"        // a ticket in the merchant's Gorgias
)

// AIConversation is what a conversation's AI status depends on.
type AIConversation struct {
	Status  Status
	Handoff Handoff
	// LastAuthor is the author of the conversation's last message:
	// "shopper", "ai", "agent" or "system".
	LastAuthor string
}

// StatusOfAI is the AI status of a conversation the AI agent answered first
// (SPEC §2.1, exactly):
//   - AI unresolved as soon as a handoff happened (the custom message shown,
//     the shopper's Yes to the inbox, an external ticket), whatever follows:
//     the team's reply after a handoff keeps it unresolved;
//   - AI resolved when it is closed (by the shopper, or by the 48-hour rule)
//     with the AI agent's message last and no handoff;
//   - open otherwise: going on, or closed with someone else's word last (the
//     shopper ended the chat before the agent answered).
//
// An Inbox offer the shopper never answered is no handoff: a conversation
// closed on it is AI resolved, as the rules read.
func StatusOfAI(c AIConversation) AIStatus {
	switch {
	case c.Handoff != HandoffNone && c.Handoff != "":
		return AIUnresolved
	case c.Status == StatusClosed && c.LastAuthor == "ai":
		return AIResolved
	}
	return AIOpen
}
