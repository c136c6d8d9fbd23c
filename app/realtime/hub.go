package realtime

import (
	"slices"
	"sync"
	"sync/atomic"

	"hubchat/storage"
	"hubchat/storage/stages"
)

// DefaultBuffer is how many events a subscription holds for its stream when
// NewHub is given 0. A stream that falls this far behind is dropped.
const DefaultBuffer = 32

// Filter says which events a subscription receives. Make one with Agents or
// Shopper; the zero Filter matches nothing.
type Filter struct {
	shopID    int64
	profileID int64 // 0: the shop's agents
}

// Agents is the filter of an agent's stream: every event of the shop, those
// for agents only included.
func Agents(shopID int64) Filter { return Filter{shopID: shopID} }

// Shopper is the filter of a shopper's stream: the shop's events that concern
// the profile and are for everyone.
func Shopper(shopID, profileID int64) Filter { return Filter{shopID: shopID, profileID: profileID} }

// ShopID is the shop whose events pass the filter.
func (f Filter) ShopID() int64 { return f.shopID }

// ProfileID is the shopper whose events pass the filter; 0 for an agents' filter.
func (f Filter) ProfileID() int64 { return f.profileID }

// Match reports whether e passes the filter.
func (f Filter) Match(e *storage.Event) bool {
	if f.shopID <= 0 || e.ShopID != f.shopID {
		return false
	}
	if f.profileID == 0 { // the shop's agents
		return e.Audience != storage.AudienceShopper
	}
	return e.ProfileID == f.profileID && e.Audience != storage.AudienceAgents
}

// Hub fans events out to the subscriptions of one app instance. It keeps no
// goroutine per subscription, only a bounded channel: Publish never waits for
// a subscriber, and drops one whose channel is full, ending its channel, so a
// stalled client costs the others nothing; its client reconnects and replays
// from the log.
type Hub struct {
	// buffer and agentBuffer are how many events a shopper's and an
	// agents' subscription hold.
	buffer, agentBuffer int
	pub                 sync.Mutex   // one Publish at a time: subscriptions see one order
	mu                  sync.RWMutex // Publish reads the index; Subscribe and Close change it
	shops               map[int64]*shopSubs
	// horizon is the id up to which events have been published: a later one
	// has a higher id. Written under pub and mu.RLock, read under mu.
	horizon   atomic.Int64
	ready     chan struct{}
	readyOnce sync.Once
}

// shopSubs indexes one shop's subscriptions by who they are for.
type shopSubs struct {
	agents   []*Subscription
	shoppers map[int64][]*Subscription // by profile; usually one, two with two tabs
}

// NewHub returns a hub whose subscriptions hold up to buffer events each
// (DefaultBuffer when 0). It is not ready until its first Publish.
func NewHub(buffer int) *Hub { return NewHubSized(buffer, buffer) }

// NewHubSized returns a hub whose shoppers' subscriptions hold up to
// shoppers events each and whose agents' subscriptions up to agents
// (DefaultBuffer for either when 0).
//
// An agents' stream carries every change of its shop, and the Listener
// publishes each read of the log at once (up to its Batch, 500 events):
// a read that brings a busy shop's last fraction of a second holds more
// events than a shopper's buffer, before any stream's goroutine has run.
// With the agents' buffer that small, every agent's stream was dropped at
// such a read and replayed the log on reconnecting (docs/BENCHMARKS.md,
// "Delivery: agents' streams no longer dropped…"). Give it room for more
// than one read.
func NewHubSized(shoppers, agents int) *Hub {
	if shoppers <= 0 {
		shoppers = DefaultBuffer
	}
	if agents <= 0 {
		agents = DefaultBuffer
	}
	return &Hub{buffer: shoppers, agentBuffer: agents, shops: map[int64]*shopSubs{}, ready: make(chan struct{})}
}

// Ready is closed once the hub has a horizon, after the Listener's first
// Publish. A stream must not subscribe before: it would replay nothing.
func (h *Hub) Ready() <-chan struct{} { return h.ready }

// Horizon is the id up to which the hub has published.
func (h *Hub) Horizon() int64 { return h.horizon.Load() }

// Publish delivers events, in id order and all settled up to through, to the
// matching subscriptions, then moves the horizon to through. The Listener
// calls it; events with ids at or below the horizon are ignored, so a second
// publisher cannot make a subscription see one twice. It does not wait: a
// subscription with a full buffer is dropped. The events are shared with the
// subscribers, who must not change them.
func (h *Hub) Publish(events []storage.Event, through int64) {
	h.pub.Lock()
	defer h.pub.Unlock()
	h.mu.RLock()
	at := stages.Now()
	for i := range events {
		e := &events[i]
		if e.ID <= h.horizon.Load() {
			continue
		}
		if shop := h.shops[e.ShopID]; shop != nil {
			// The same audiences as Filter.Match, by index.
			if e.Audience != storage.AudienceAgents && e.ProfileID != 0 {
				for _, s := range shop.shoppers[e.ProfileID] {
					s.offer(Delivery{e, at})
				}
			}
			if e.Audience != storage.AudienceShopper {
				for _, s := range shop.agents {
					s.offer(Delivery{e, at})
				}
			}
		}
		h.horizon.Store(e.ID)
	}
	if through > h.horizon.Load() {
		h.horizon.Store(through)
	}
	h.mu.RUnlock()
	h.readyOnce.Do(func() { close(h.ready) })
}

// Flash delivers an event that is not in the log (its ID is 0: a draft of
// the AI agent's answer, a typing notice) between the log's events, in the
// order Publish and Flash are called: one for audience
// storage.AudienceShopper to the subscriptions of the shopper it concerns,
// one for storage.AudienceAgents to those of the shop's agents. Unlike a
// logged event, a flash never drops a subscription: one whose buffer is
// full misses it, as a client that reconnects would, and loses nothing
// that counts (the next draft, or the answer itself, carries all of it; a
// "typing" is sent again while it lasts).
func (h *Hub) Flash(e *storage.Event) {
	if e.ID != 0 || e.Audience != storage.AudienceShopper && e.Audience != storage.AudienceAgents {
		return
	}
	if e.Audience == storage.AudienceShopper && e.ProfileID == 0 {
		return
	}
	h.pub.Lock()
	defer h.pub.Unlock()
	h.mu.RLock()
	defer h.mu.RUnlock()
	shop := h.shops[e.ShopID]
	if shop == nil {
		return
	}
	subs := shop.agents
	if e.Audience == storage.AudienceShopper {
		subs = shop.shoppers[e.ProfileID]
	}
	at := stages.Now()
	for _, s := range subs {
		s.offerFlash(Delivery{e, at})
	}
}

// Subscribe registers a subscription for f and returns it with the hub's
// horizon at that moment: every event published later has a higher id, and
// every event up to the horizon is in the log. Close it when its stream ends.
func (h *Hub) Subscribe(f Filter) (*Subscription, int64) {
	size := h.buffer
	if f.profileID == 0 {
		size = h.agentBuffer
	}
	s := &Subscription{hub: h, filter: f, ch: make(chan Delivery, size)}
	h.mu.Lock()
	defer h.mu.Unlock()
	shop := h.shops[f.shopID]
	if shop == nil {
		shop = &shopSubs{}
		h.shops[f.shopID] = shop
	}
	if f.profileID == 0 {
		shop.agents = append(shop.agents, s)
	} else {
		if shop.shoppers == nil {
			shop.shoppers = map[int64][]*Subscription{}
		}
		shop.shoppers[f.profileID] = append(shop.shoppers[f.profileID], s)
	}
	return s, h.horizon.Load()
}

// remove takes s out of the index, under mu.
func (h *Hub) remove(s *Subscription) {
	shop := h.shops[s.filter.shopID]
	if shop == nil {
		return
	}
	if s.filter.profileID == 0 {
		shop.agents = slices.DeleteFunc(shop.agents, func(x *Subscription) bool { return x == s })
	} else if subs := slices.DeleteFunc(shop.shoppers[s.filter.profileID], func(x *Subscription) bool { return x == s }); len(subs) > 0 {
		shop.shoppers[s.filter.profileID] = subs
	} else {
		delete(shop.shoppers, s.filter.profileID)
	}
	if len(shop.agents) == 0 && len(shop.shoppers) == 0 {
		delete(h.shops, s.filter.shopID)
	}
}

// Subscription is one stream's place in the Hub.
type Subscription struct {
	hub    *Hub
	filter Filter
	ch     chan Delivery
	// ended is set, and ch closed, by the first of a drop and Close. Both run
	// with the hub's mu held (Publish a read lock, under pub; Close the write
	// lock), so they never run at once and ch is never sent on once closed.
	ended   atomic.Bool
	dropped atomic.Bool
}

// Delivery is an event handed to a subscription, and when: a stages.Now
// reading taken as the hub published it (for stages.PublishToFlush).
type Delivery struct {
	*storage.Event
	Published int64
}

// Events delivers the subscription's events in id order. It is closed when
// the subscription is dropped for falling behind (see Dropped) or closed.
func (s *Subscription) Events() <-chan Delivery { return s.ch }

// Dropped reports whether the hub dropped the subscription because its
// buffer was full.
func (s *Subscription) Dropped() bool { return s.dropped.Load() }

// Close ends the subscription and takes it out of the hub. It is safe to call
// more than once.
func (s *Subscription) Close() {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	s.hub.remove(s)
	if !s.ended.Swap(true) {
		close(s.ch)
	}
}

// offerFlash hands d to the subscription when its buffer has room.
func (s *Subscription) offerFlash(d Delivery) {
	if s.ended.Load() {
		return
	}
	select {
	case s.ch <- d:
	default:
	}
}

// offer hands d to the subscription, or drops it when its buffer is full. The
// dropped subscription stays in the index until its stream closes it.
func (s *Subscription) offer(d Delivery) {
	if s.ended.Load() {
		return
	}
	select {
	case s.ch <- d:
	default:
		s.dropped.Store(true)
		s.ended.Store(true)
		close(s.ch)
		stages.Dropped.Add(1)
	}
}
