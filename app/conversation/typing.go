package conversation

import (
	"context"

	"hubchat/storage"
)

// TypingSender tells a conversation's readers who is typing
// (storage.TypingNotices): nothing of it is stored, and a lost notice costs
// nothing.
type TypingSender interface {
	Publish(ctx context.Context, t storage.Typing) error
}

// announceTyping tells the shopper of c that the AI agent is composing its
// answer to message replyTo, or, typing false, that it gave up. A success
// sends no "stopped": the answer itself ends the typing, and a "stopped"
// would reach the widget before it, hiding the indicator for a moment.
// Without a TypingSender it does nothing.
func (a *Agent) announceTyping(ctx context.Context, c storage.Conversation, replyTo int64, typing bool) {
	if a.Typing == nil {
		return
	}
	// A notice that fails is skipped: the widget shows the assistant typing
	// after the shopper's message on its own, and stops after a while.
	_ = a.Typing.Publish(ctx, storage.Typing{ShopID: c.ShopID, ConversationID: c.ID, ProfileID: c.ProfileID,
		Who: storage.TypingAI, ReplyTo: replyTo, Typing: typing})
}
