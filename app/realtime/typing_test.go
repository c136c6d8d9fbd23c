package realtime_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// A typing notice reaches, through every app instance, only its readers:
// the shopper's the agents of their shop, an agent's (or the AI agent's)
// the shopper of that conversation; and it leaves no row. Notifications on
// one channel arrive in the order sent, so the next notice a stream
// receives after one meant for it shows that none between was delivered
// to it.
func TestTypingNoticesReachOnlyTheirReadersOnEveryInstance(t *testing.T) {
	e := newEnv(t)
	first, second := e.start(t, realtime.ListenerConfig{}), e.start(t, realtime.ListenerConfig{})
	_, neighbour, neighbours := e.shopper(t, e.shop)
	other, otherProfile, otherConversation := e.shopper(t, 0)
	subscribe := func(in *instance, f realtime.Filter) *realtime.Subscription {
		s, _ := in.hub.Subscribe(f)
		t.Cleanup(s.Close)
		return s
	}
	agents := []*realtime.Subscription{subscribe(first, realtime.Agents(e.shop)), subscribe(second, realtime.Agents(e.shop))}
	shopper := subscribe(second, realtime.Shopper(e.shop, e.profile))
	neighbourSub := subscribe(first, realtime.Shopper(e.shop, neighbour))
	otherAgents := subscribe(second, realtime.Agents(other))
	var before int64
	if err := e.db.Get(&before, `SELECT count(*) FROM events`); err != nil {
		t.Fatal(err)
	}

	notices := storage.NewTypingNotices(e.db)
	send := []storage.Typing{
		{ShopID: e.shop, ConversationID: e.conversation, ProfileID: e.profile, Who: storage.TypingShopper, Typing: true},
		{ShopID: e.shop, ConversationID: e.conversation, ProfileID: e.profile, Who: storage.TypingAgent, Name: "Sam", Typing: true},
		{ShopID: e.shop, ConversationID: neighbours, ProfileID: neighbour, Who: storage.TypingAI, ReplyTo: 7, Typing: true},
		{ShopID: other, ConversationID: otherConversation, ProfileID: otherProfile, Who: storage.TypingShopper, Typing: true},
		{ShopID: e.shop, ConversationID: e.conversation, ProfileID: e.profile, Who: storage.TypingShopper, Typing: false},
		{ShopID: e.shop, ConversationID: e.conversation, ProfileID: e.profile, Who: storage.TypingAgent, Name: "Sam", Typing: false},
	}
	for _, n := range send {
		if err := notices.Publish(context.Background(), n); err != nil {
			t.Fatal(err)
		}
	}
	for i, sub := range agents {
		expectTyping(t, sub, fmt.Sprintf("agents on instance %d", i+1), send[0], send[4])
	}
	expectTyping(t, shopper, "the shopper", send[1], send[5])
	expectTyping(t, neighbourSub, "the neighbour", send[2])
	expectTyping(t, otherAgents, "the other shop's agents", send[3])

	var after int64
	if err := e.db.Get(&after, `SELECT count(*) FROM events`); err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Fatalf("typing stored %d events", after-before)
	}
}

// expectTyping receives from sub the notices want, in order, each a flash
// (no id) of storage.TypingKind saying who and whether they type.
func expectTyping(t *testing.T, sub *realtime.Subscription, who string, want ...storage.Typing) {
	t.Helper()
	for _, w := range want {
		var got realtime.Delivery
		select {
		case got = <-sub.Events():
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: no typing notice; want %+v", who, w)
		}
		var payload struct {
			ConversationID int64  `json:"conversation_id"`
			Who            string `json:"who"`
			Name           string `json:"name"`
			ReplyTo        int64  `json:"reply_to"`
			Typing         bool   `json:"typing"`
		}
		if err := json.Unmarshal(got.Payload, &payload); err != nil {
			t.Fatal(err)
		}
		if got.ID != 0 || got.Kind != storage.TypingKind || payload.ConversationID != w.ConversationID ||
			payload.Who != w.Who || payload.Name != w.Name || payload.ReplyTo != w.ReplyTo || payload.Typing != w.Typing {
			t.Fatalf("%s received %+v (%s); want %+v", who, got, got.Payload, w)
		}
	}
}

// The gate lets a sender's notices through as often as readers need them,
// and drops the rest: a repeated "typing" within 2 s, a "stopped" with
// nothing to stop, a change within half a second of the last notice.
func TestTypingGateDropsWhatNobodyNeeds(t *testing.T) {
	start := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return start.Add(time.Duration(ms) * time.Millisecond) }
	steps := []struct {
		ms     int
		typing bool
		pass   bool
	}{
		{0, false, false},    // stopped, never typing
		{0, true, true},      // typing
		{500, true, false},   // the same, too soon
		{1999, true, false},  // still too soon
		{2000, true, true},   // a refresh
		{2100, false, true},  // stopped
		{2200, false, false}, // stopped again: nothing to stop
		{2300, true, false},  // typing again within half a second of the stop
		{2600, true, true},   // now
		{9600, false, false}, // stopped after the readers forgot the typing
	}
	g := realtime.NewTypingGate(0)
	for _, s := range steps {
		if got := g.Allow("shop:1:profile:2", s.typing, at(s.ms)); got != s.pass {
			t.Fatalf("at %d ms, typing %v: pass %v, want %v", s.ms, s.typing, got, s.pass)
		}
	}
	if !g.Allow("shop:1:profile:3", true, at(500)) {
		t.Fatal("another sender's notice was dropped")
	}
}

// The gate holds a bounded number of senders: past it a new sender is
// dropped until the old ones expire.
func TestTypingGateIsBounded(t *testing.T) {
	g := realtime.NewTypingGate(2)
	now := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	if !g.Allow("a", true, now) || !g.Allow("b", true, now) {
		t.Fatal("the first two senders were dropped")
	}
	if g.Allow("c", true, now.Add(time.Second)) {
		t.Fatal("a third sender was let in past the bound")
	}
	if !g.Allow("a", true, now.Add(3*time.Second)) {
		t.Fatal("a sender already held was dropped")
	}
	if !g.Allow("c", true, now.Add(realtime.TypingExpiry+time.Second)) {
		t.Fatal("a new sender was dropped after the old ones expired")
	}
}
