package realtime

import "sync"

// Caller is who holds a stream: the cap on how many streams may be open at
// once counts per caller. Make one with ShopperCaller or AgentCaller.
type Caller struct {
	agent bool
	id    int64 // the profile's or the agent's id
}

// ShopperCaller is the shopper with the profile profileID.
func ShopperCaller(profileID int64) Caller { return Caller{id: profileID} }

// AgentCaller is the staff member with the agent id agentID.
func AgentCaller(agentID int64) Caller { return Caller{agent: true, id: agentID} }

// The most streams one caller may hold open on one app instance. A shopper's
// widget holds one per tab with a chat open, an agent's admin one per tab; a
// stream whose client went away is only noticed at its next write (a ping at
// the latest), so a few reconnects may overlap it. Past these, a client is
// looping or hostile, and each stream costs a connection and a subscription.
const (
	MaxShopperStreams = 5
	MaxAgentStreams   = 10
)

// limit is the cap that applies to the caller.
func (c Caller) limit() int {
	if c.agent {
		return MaxAgentStreams
	}
	return MaxShopperStreams
}

// slots counts the streams open per caller on this instance.
type slots struct {
	mu   sync.Mutex
	open map[Caller]int
}

// claim takes one of the caller's slots, and reports false when all are
// taken. A claimed slot must be released once.
func (s *slots) claim(c Caller) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[c] >= c.limit() {
		return false
	}
	if s.open == nil {
		s.open = map[Caller]int{}
	}
	s.open[c]++
	return true
}

// release gives back a slot claim took.
func (s *slots) release(c Caller) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.open[c]--; s.open[c] <= 0 {
		delete(s.open, c)
	}
}
