package conversation

import (
	"context"
	"sync"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
)

// DraftSender sends the shopper a draft of the agent's answer
// (storage.Drafts): not stored, and lost at no cost.
type DraftSender interface {
	Publish(ctx context.Context, d storage.Draft) error
}

// defaultDraftInterval is the least time between two drafts of one answer:
// a model writes a piece every few milliseconds, and the shopper reads no
// faster than this; one notification per piece would load the database and
// every app instance for nothing.
const defaultDraftInterval = 150 * time.Millisecond

// startDrafts makes the engine's text, as it is written, reach the shopper
// answered in c, replying to message replyTo: it sets q.OnText, and returns
// the function that stops the drafts, which must be called before the
// answer is recorded, so that no draft follows it. Without a DraftSender it
// does nothing.
func (a *Agent) startDrafts(ctx context.Context, c storage.Conversation, replyTo int64, q *aiagent.Question) (stop func()) {
	if a.Drafts == nil {
		return func() {}
	}
	interval := a.DraftInterval
	if interval <= 0 {
		interval = defaultDraftInterval
	}
	d := &drafter{wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	q.OnText = d.offer
	go d.run(interval, func(text string) {
		// A draft that fails is skipped: the next, or the answer, carries
		// all of it.
		_ = a.Drafts.Publish(ctx, storage.Draft{ShopID: c.ShopID, ProfileID: c.ProfileID, ConversationID: c.ID,
			ReplyTo: replyTo, Text: text})
	})
	return d.stop
}

// drafter coalesces the text offered into at most one send per interval:
// the first at once, then the latest text each interval while it grows.
type drafter struct {
	mu     sync.Mutex
	latest string
	wake   chan struct{} // holds one signal: there is text to send
	quit   chan struct{}
	done   chan struct{}
	once   sync.Once
}

// offer takes the text so far; it never waits for a send.
func (d *drafter) offer(text string) {
	d.mu.Lock()
	d.latest = text
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *drafter) run(interval time.Duration, send func(string)) {
	defer close(d.done)
	sent := ""
	for {
		select {
		case <-d.quit:
			return
		case <-d.wake:
		}
		d.mu.Lock()
		text := d.latest
		d.mu.Unlock()
		if text == sent {
			continue
		}
		send(text)
		sent = text
		pause := time.NewTimer(interval)
		select {
		case <-d.quit:
			pause.Stop()
			return
		case <-pause.C:
		}
	}
}

// stop ends the drafts and returns once none is being sent.
func (d *drafter) stop() {
	d.once.Do(func() { close(d.quit) })
	<-d.done
}
