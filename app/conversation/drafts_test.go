package conversation_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// writingEngine writes its answer piece by piece through OnText; after
// each piece it waits for wait() (nil: no wait).
type writingEngine struct {
	pieces []string
	wait   func()
}

func (w *writingEngine) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	text := ""
	for _, p := range w.pieces {
		text += p
		if q.OnText != nil {
			q.OnText(text)
		}
		if w.wait != nil {
			w.wait()
		}
	}
	return aiagent.Answer{Text: text, Intent: aiagent.IntentQuestion, Tag: aiagent.TagShipping, Confidence: 0.9}, nil
}

// recordedDrafts keeps the drafts sent, and signals each.
type recordedDrafts struct {
	mu     sync.Mutex
	drafts []storage.Draft
	sent   chan struct{}
}

func (r *recordedDrafts) Publish(_ context.Context, d storage.Draft) error {
	r.mu.Lock()
	r.drafts = append(r.drafts, d)
	r.mu.Unlock()
	if r.sent != nil {
		r.sent <- struct{}{}
	}
	return nil
}

func (r *recordedDrafts) all() []storage.Draft {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]storage.Draft(nil), r.drafts...)
}

// Each piece the engine writes reaches the shopper as a draft of the
// answer to their message, in order; the answer, all of it, follows.
func TestDraftsFollowTheEnginesText(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	drafts := &recordedDrafts{sent: make(chan struct{})}
	pieces := []string{"Standard ", "shipping ", "takes 3 to 5 days."}
	f.agent.Engine = &writingEngine{pieces: pieces, wait: func() {
		select {
		case <-drafts.sent:
		case <-time.After(10 * time.Second):
			t.Error("no draft sent")
		}
	}}
	f.agent.Drafts, f.agent.DraftInterval = drafts, time.Millisecond
	res := f.say(t, "how long is shipping")
	f.runAnswers(t)
	got := drafts.all()
	if len(got) != len(pieces) {
		t.Fatalf("%d drafts: %+v", len(got), got)
	}
	for i, d := range got {
		if d.Text != strings.Join(pieces[:i+1], "") || d.ReplyTo != res.Message.ID || d.ConversationID != res.Conversation.ID ||
			d.ProfileID != f.prof.ID || d.ShopID != f.shopID {
			t.Fatalf("draft %d: %+v", i, d)
		}
	}
	msgs := f.messages(t, res.Conversation.ID)
	if msgs[len(msgs)-1].Body != strings.Join(pieces, "") {
		t.Fatalf("answer %q", msgs[len(msgs)-1].Body)
	}
}

// Pieces that come faster than the interval are coalesced (one draft for
// many pieces), and none is sent once the answer is recorded.
func TestDraftsAreThrottledAndStopBeforeTheAnswer(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	drafts := &recordedDrafts{sent: make(chan struct{}, 1)}
	pieces := strings.SplitAfter("A long answer written one word at a time by a fast model.", " ")
	// The engine waits for the first draft (sent at once), then writes the
	// rest within the interval: they must all be held back.
	var first sync.Once
	f.agent.Engine = &writingEngine{pieces: pieces, wait: func() {
		first.Do(func() {
			select {
			case <-drafts.sent:
			case <-time.After(10 * time.Second):
				t.Error("no first draft")
			}
		})
	}}
	f.agent.Drafts, f.agent.DraftInterval = drafts, time.Hour
	res := f.say(t, "tell me everything")
	f.runAnswers(t)
	got := drafts.all()
	if len(got) != 1 || !strings.HasPrefix(strings.Join(pieces, ""), got[0].Text) {
		t.Fatalf("%d drafts for %d pieces within one interval: %+v", len(got), len(pieces), got)
	}
	if n := len(drafts.all()); n != 1 || len(f.messages(t, res.Conversation.ID)) != 2 {
		t.Fatalf("a draft after the answer: %d", n)
	}
}
