package conversation_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/conversation"
	"hubchat/storage"
)

// recordedTyping keeps the typing notices sent, each with how many
// messages the conversation had when it was sent.
type recordedTyping struct {
	mu      sync.Mutex
	notices []storage.Typing
	before  []int // the conversation's messages when each was sent
	count   func() int
}

func (r *recordedTyping) Publish(_ context.Context, t storage.Typing) error {
	n := r.count()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notices, r.before = append(r.notices, t), append(r.before, n)
	return nil
}

func (r *recordedTyping) all() ([]storage.Typing, []int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]storage.Typing(nil), r.notices...), append([]int(nil), r.before...)
}

// slowEngine answers after its delay, or fails with err.
type slowEngine struct {
	delay time.Duration
	err   error
}

func (s slowEngine) Answer(context.Context, int64, aiagent.Question) (aiagent.Answer, error) {
	time.Sleep(s.delay)
	return aiagent.Answer{Text: "We ship in 2 days.", Intent: aiagent.IntentQuestion, Tag: aiagent.TagShipping, Confidence: 0.9}, s.err
}

func typingFixture(t *testing.T, engine aiagent.Engine) (agentFixture, *recordedTyping, *int64) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: "inbox"})
	var conv int64
	typing := &recordedTyping{count: func() int {
		var n int
		if err := f.db.Get(&n, `SELECT count(*) FROM messages WHERE conversation_id = $1`, conv); err != nil {
			t.Error(err)
		}
		return n
	}}
	f.agent.Engine, f.agent.Typing, f.agent.TypingDelay = engine, typing, 50*time.Millisecond
	return f, typing, &conv
}

// An answer the engine gives at once is sent without a typing notice: the
// widget shows the agent typing after the shopper's message by itself.
func TestAQuickAnswerSendsNoTypingNotice(t *testing.T) {
	f, typing, conv := typingFixture(t, slowEngine{})
	*conv = f.say(t, "when do you ship?").Conversation.ID
	f.runAnswers(t)
	if got := f.messages(t, *conv); len(got) != 2 {
		t.Fatalf("messages: %d, want the question and its answer", len(got))
	}
	if got, _ := typing.all(); len(got) != 0 {
		t.Fatalf("typing notices: %+v, want none", got)
	}
}

// An engine that works longer than the delay has the shopper told the
// agent is typing, before its answer is stored; one that then fails
// takes it back.
func TestASlowAnswerIsAnnouncedBeforeItComes(t *testing.T) {
	f, typing, conv := typingFixture(t, slowEngine{delay: 200 * time.Millisecond})
	q := f.say(t, "when do you ship?")
	*conv = q.Conversation.ID
	f.runAnswers(t)
	got, before := typing.all()
	if len(got) != 1 || !got[0].Typing || got[0].Who != storage.TypingAI || got[0].ReplyTo != q.Message.ID || before[0] != 1 {
		t.Fatalf("typing notices %+v with %v messages stored, want one, typing, sent before the answer", got, before)
	}

	f, typing, conv = typingFixture(t, slowEngine{delay: 200 * time.Millisecond, err: errors.New("model down")})
	*conv = f.say(t, "when do you ship?").Conversation.ID
	var jobs []storage.Job
	if err := f.db.Select(&jobs, `SELECT id, kind, shop_id, payload FROM jobs WHERE kind = $1`, storage.JobAIAnswer); err != nil || len(jobs) != 1 {
		t.Fatalf("jobs: %d, %v", len(jobs), err)
	}
	if err := f.agent.Answer(f.ctx, jobs[0]); err == nil {
		t.Fatal("the engine's failure was not the job's")
	}
	if got, _ := typing.all(); len(got) != 2 || !got[0].Typing || got[1].Typing {
		t.Fatalf("typing notices: %+v, want typing then stopped", got)
	}
}
