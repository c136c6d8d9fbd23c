package conversation

import (
	"context"
	"sync"
	"time"

	"hubchat/storage"
)

// TypingSender tells a conversation's readers who is typing
// (storage.TypingNotices): nothing of it is stored, and a lost notice costs
// nothing.
type TypingSender interface {
	Publish(ctx context.Context, t storage.Typing) error
}

// typingDelay is how long the engine works on an answer before the shopper
// is told the AI agent is typing. The widget shows the agent typing after
// the shopper's own message without being told, so only a question asked
// elsewhere (another tab) or an answer that takes a while needs the notice;
// the built-in engine answers in milliseconds, and each notice is a
// notification every instance receives and a round trip before the engine
// could start (20 answers at once: docs/BENCHMARKS.md).
const typingDelay = 250 * time.Millisecond

// typingLater tells the shopper of c that the AI agent is composing its
// answer to message replyTo, once the engine has worked typingDelay on it.
// The returned stop cancels the notice not yet sent, or waits for the one
// being sent (so the answer never comes before it), and reports whether
// one was sent. Without a TypingSender it does nothing.
func (a *Agent) typingLater(ctx context.Context, c storage.Conversation, replyTo int64) (stop func() (sent bool)) {
	if a.Typing == nil {
		return func() bool { return false }
	}
	var mu sync.Mutex
	stopped, sent := false, false
	timer := time.AfterFunc(a.typingDelay(), func() {
		mu.Lock()
		defer mu.Unlock()
		if !stopped {
			a.announceTyping(ctx, c, replyTo, true)
			sent = true
		}
	})
	return func() bool {
		timer.Stop()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		return sent
	}
}

func (a *Agent) typingDelay() time.Duration {
	if a.TypingDelay > 0 {
		return a.TypingDelay
	}
	return typingDelay
}

// announceTyping tells the shopper of c that the AI agent is composing its
// answer to message replyTo, or, typing false, that it gave up. A success
// sends no "stopped": the answer itself ends the typing, and a "stopped"
// would reach the widget before it, hiding the indicator for a moment.
func (a *Agent) announceTyping(ctx context.Context, c storage.Conversation, replyTo int64, typing bool) {
	// A notice that fails is skipped: the widget shows the assistant typing
	// after the shopper's message on its own, and stops after a while.
	_ = a.Typing.Publish(ctx, storage.Typing{ShopID: c.ShopID, ConversationID: c.ID, ProfileID: c.ProfileID,
		Who: storage.TypingAI, ReplyTo: replyTo, Typing: typing})
}
