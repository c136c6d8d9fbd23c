package chat

import "testing"

// Every status rule of SPEC §2.1 and the transitions the issue names, each
// as the sequence of what happens and the status after each step.
func TestStatusOfAIFollowsTheConversation(t *testing.T) {
	type step struct {
		what string
		c    AIConversation
		want AIStatus
	}
	open, closed := StatusOpen, StatusClosed
	for name, steps := range map[string][]step{
		"an AI answer left unanswered until the 48-hour close": {
			{"the shopper asks", AIConversation{open, HandoffNone, "shopper"}, AIOpen},
			{"the agent answers", AIConversation{open, HandoffNone, "ai"}, AIOpen},
			{"48 hours pass", AIConversation{closed, HandoffNone, "ai"}, AIResolved},
		},
		"No to the handoff, then closed after an AI answer": {
			{"the agent offers a person", AIConversation{open, HandoffNone, "ai"}, AIOpen},
			{"the shopper says No", AIConversation{open, HandoffNone, "shopper"}, AIOpen},
			{"the agent answers", AIConversation{open, HandoffNone, "ai"}, AIOpen},
			{"the shopper ends the chat", AIConversation{closed, HandoffNone, "ai"}, AIResolved},
		},
		"Yes to the handoff": {
			{"the agent offers a person", AIConversation{open, HandoffNone, "ai"}, AIOpen},
			{"the shopper says Yes", AIConversation{open, HandoffInbox, "ai"}, AIUnresolved},
			{"the team replies", AIConversation{open, HandoffInbox, "agent"}, AIUnresolved},
			{"the team closes it", AIConversation{closed, HandoffInbox, "agent"}, AIUnresolved},
		},
		"the custom message": {
			{"the message is shown", AIConversation{open, HandoffCustom, "ai"}, AIUnresolved},
			{"48 hours pass", AIConversation{closed, HandoffCustom, "ai"}, AIUnresolved},
		},
		"an external ticket": {
			{"in Zendesk", AIConversation{open, HandoffZendesk, "ai"}, AIUnresolved},
			{"in Gorgias, closed", AIConversation{closed, HandoffGorgias, "ai"}, AIUnresolved},
		},
		"the shopper ends before the agent answers": {
			{"the shopper asks", AIConversation{open, HandoffNone, "shopper"}, AIOpen},
			{"the shopper ends the chat", AIConversation{closed, HandoffNone, "shopper"}, AIOpen},
		},
		"an offer never answered": {
			{"the agent offers a person", AIConversation{open, HandoffNone, "ai"}, AIOpen},
			{"48 hours pass", AIConversation{closed, HandoffNone, "ai"}, AIResolved},
		},
		"snoozed is still going on": {
			{"snoozed", AIConversation{StatusSnoozed, HandoffNone, "ai"}, AIOpen},
		},
	} {
		for _, s := range steps {
			if got := StatusOfAI(s.c); got != s.want {
				t.Errorf("%s, %s: %s, want %s", name, s.what, got, s.want)
			}
		}
	}
}
