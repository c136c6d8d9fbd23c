package realtime_test

import (
	"fmt"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
	"hubchat/storage/stages"
)

func TestFilterMatch(t *testing.T) {
	msg := func(shop, profile int64, audience string) *storage.Event {
		return &storage.Event{ID: 1, ShopID: shop, ProfileID: profile, Audience: audience}
	}
	for _, c := range []struct {
		name   string
		filter realtime.Filter
		event  *storage.Event
		want   bool
	}{
		{"shopper, own event", realtime.Shopper(1, 10), msg(1, 10, storage.AudienceAll), true},
		{"shopper, agents only", realtime.Shopper(1, 10), msg(1, 10, storage.AudienceAgents), false},
		{"shopper, another shopper's", realtime.Shopper(1, 10), msg(1, 11, storage.AudienceAll), false},
		{"shopper, another shop's", realtime.Shopper(1, 10), msg(2, 10, storage.AudienceAll), false},
		{"shopper, theirs alone", realtime.Shopper(1, 10), msg(1, 10, storage.AudienceShopper), true},
		{"agents, a shopper's alone", realtime.Agents(1), msg(1, 10, storage.AudienceShopper), false},
		{"shopper, no profile", realtime.Shopper(1, 10), msg(1, 0, storage.AudienceAll), false},
		{"agents, a shopper's", realtime.Agents(1), msg(1, 10, storage.AudienceAll), true},
		{"agents, agents only", realtime.Agents(1), msg(1, 10, storage.AudienceAgents), true},
		{"agents, another shop's", realtime.Agents(1), msg(2, 10, storage.AudienceAll), false},
		{"zero filter", realtime.Filter{}, msg(0, 0, storage.AudienceAll), false},
	} {
		if got := c.filter.Match(c.event); got != c.want {
			t.Errorf("%s: Match = %v, want %v", c.name, got, c.want)
		}
	}
}

// The hub delivers live exactly what Filter.Match lets a stream replay from
// the log, for every audience: a stream must not get one way what it would
// not get the other.
func TestHubDeliversWhatFiltersMatch(t *testing.T) {
	hub := realtime.NewHub(16)
	hub.Publish(nil, 0)
	filters := []realtime.Filter{realtime.Shopper(1, 10), realtime.Shopper(1, 11), realtime.Agents(1), realtime.Agents(2)}
	var subs []*realtime.Subscription
	for _, f := range filters {
		s, _ := hub.Subscribe(f)
		defer s.Close()
		subs = append(subs, s)
	}
	var published []storage.Event
	for i, audience := range []string{storage.AudienceAll, storage.AudienceAgents, storage.AudienceShopper} {
		published = append(published, storage.Event{ID: int64(i + 1), ShopID: 1, ProfileID: 10, Audience: audience})
	}
	hub.Publish(published, 3)
	for i, f := range filters {
		var delivered, matched []int64
		for len(subs[i].Events()) > 0 {
			delivered = append(delivered, (<-subs[i].Events()).ID)
		}
		for _, e := range published {
			if f.Match(&e) {
				matched = append(matched, e.ID)
			}
		}
		if fmt.Sprint(delivered) != fmt.Sprint(matched) {
			t.Errorf("filter %d: delivered %v live, Match lets through %v", i, delivered, matched)
		}
	}
}

func events(shop, profile int64, from, to int64) []storage.Event {
	var out []storage.Event
	for id := from; id <= to; id++ {
		out = append(out, storage.Event{ID: id, ShopID: shop, ProfileID: profile, Audience: storage.AudienceAll})
	}
	return out
}

// A subscriber that stops reading is dropped once its buffer is full; the
// others keep receiving, and Publish never waits for it.
func TestStalledSubscriberIsDroppedWithoutDelayingOthers(t *testing.T) {
	hub := realtime.NewHub(4)
	hub.Publish(nil, 0)
	droppedBefore := stages.Snapshot().Counters["dropped"]
	stalled, _ := hub.Subscribe(realtime.Shopper(1, 10))
	defer stalled.Close()
	fast, _ := hub.Subscribe(realtime.Agents(1))
	defer fast.Close()

	// The fast subscriber reads each event before the next is published, as
	// a stream keeping up does; the stalled one never reads.
	acks := make(chan int64)
	go func() {
		for e := range fast.Events() {
			acks <- e.ID
		}
		close(acks)
	}()
	for id := int64(1); id <= 100; id++ {
		published := make(chan struct{})
		go func() {
			hub.Publish(events(1, 10, id, id), id)
			close(published)
		}()
		select {
		case <-published:
		case <-time.After(5 * time.Second):
			t.Fatalf("Publish of %d blocked on the stalled subscriber", id)
		}
		select {
		case got := <-acks:
			if got != id {
				t.Fatalf("the fast subscriber received %d, want %d", got, id)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("the fast subscriber did not receive %d", id)
		}
	}
	if !stalled.Dropped() || fast.Dropped() {
		t.Fatalf("dropped: stalled %v, fast %v", stalled.Dropped(), fast.Dropped())
	}
	var kept []int64
	for e := range stalled.Events() { // closed after what it had room for
		kept = append(kept, e.ID)
	}
	if fmt.Sprint(kept) != "[1 2 3 4]" { // its buffer's worth
		t.Fatalf("the stalled subscriber kept %v", kept)
	}
	if n := stages.Snapshot().Counters["dropped"] - droppedBefore; n != 1 {
		t.Fatalf("%d drops counted, want 1", n)
	}
}

// A hub sized apart holds each agents' subscription's events in the
// agents' buffer and each shopper's in the shoppers': one Publish of more
// than a shopper's buffer drops the shopper's subscription, not the
// agents'.
func TestAgentsSubscriptionsHoldTheirOwnBuffer(t *testing.T) {
	hub := realtime.NewHubSized(4, 600)
	hub.Publish(nil, 0)
	shopper, _ := hub.Subscribe(realtime.Shopper(1, 10))
	defer shopper.Close()
	agents, _ := hub.Subscribe(realtime.Agents(1))
	defer agents.Close()
	hub.Publish(events(1, 10, 1, 500), 500)
	if !shopper.Dropped() || agents.Dropped() {
		t.Fatalf("dropped: shopper %v (buffer 4), agents %v (buffer 600)", shopper.Dropped(), agents.Dropped())
	}
	if n := len(agents.Events()); n != 500 {
		t.Fatalf("the agents' subscription holds %d events, want 500", n)
	}
}

func TestHubHorizonAndClose(t *testing.T) {
	hub := realtime.NewHub(0)
	select {
	case <-hub.Ready():
		t.Fatal("ready before its first Publish")
	default:
	}
	hub.Publish(nil, 41)
	<-hub.Ready()
	sub, horizon := hub.Subscribe(realtime.Shopper(1, 10))
	if horizon != 41 {
		t.Fatalf("horizon %d, want 41", horizon)
	}
	// Already published ids are not published again.
	hub.Publish(events(1, 10, 40, 43), 45)
	if e := <-sub.Events(); e.ID != 42 {
		t.Fatalf("first event %d, want 42", e.ID)
	}
	if e := <-sub.Events(); e.ID != 43 || hub.Horizon() != 45 {
		t.Fatalf("second event %d, horizon %d", e.ID, hub.Horizon())
	}
	sub.Close()
	sub.Close()
	if _, ok := <-sub.Events(); ok {
		t.Fatal("a closed subscription still delivers")
	}
	hub.Publish(events(1, 10, 46, 46), 46) // must not send on the closed channel
	if sub.Dropped() {
		t.Fatal("a closed subscription counts as dropped")
	}
}

// An event for the shopper alone (a message of a conversation the AI agent
// answers, DESIGN §5) reaches their live subscription, and only theirs; an
// event for the agents alone does not.
func TestShopperOnlyEventsReachTheirShopperLive(t *testing.T) {
	hub := realtime.NewHub(8)
	hub.Publish(nil, 0)
	shopper, _ := hub.Subscribe(realtime.Shopper(1, 10))
	defer shopper.Close()
	other, _ := hub.Subscribe(realtime.Shopper(1, 11))
	defer other.Close()
	hub.Publish([]storage.Event{
		{ID: 1, ShopID: 1, ProfileID: 10, Audience: storage.AudienceAgents},
		{ID: 2, ShopID: 1, ProfileID: 10, Audience: storage.AudienceShopper},
	}, 2)
	select {
	case e := <-shopper.Events():
		if e.ID != 2 {
			t.Fatalf("the shopper received event %d first, want 2 (the agents' event is not theirs)", e.ID)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the shopper-only event never reached its shopper")
	}
	select {
	case e := <-other.Events():
		t.Fatalf("another shopper received event %d", e.ID)
	default:
	}
}
