package realtime

import (
	"sync"
	"time"
)

// Typing notices (storage.Typing) are sent while someone writes. The client
// repeats a "typing" every TypingRepeat while keys are pressed and sends a
// "stopped" when the text is sent, the box loses focus or keys stop; a
// reader forgets a "typing" TypingExpiry after the last one, so a lost
// "stopped" hides the indicator all the same.
const (
	TypingRepeat = 3 * time.Second
	TypingExpiry = 7 * time.Second
)

// The gate's spacing of one sender's notices in one conversation: a
// "typing" that says nothing new (one passed less than TypingRefresh ago,
// with no "stopped" since) is dropped, and a change of state (typing after
// stopped) needs typingChange since the last notice passed. So at most two
// notices a second pass per sender and conversation, however fast a client
// sends them.
const (
	TypingRefresh = 2 * time.Second
	typingChange  = 500 * time.Millisecond
)

// TypingGate throttles typing notices per key (a sender in a conversation:
// the caller chooses), silently: what it drops, nobody reads. It is safe for
// concurrent use, and its memory is bounded: a key not seen for
// TypingExpiry is forgotten (a reader has forgotten it too), and past
// maxKeys live keys a new key's notices are dropped until old ones expire.
//
// The gate lives in this process: each app instance throttles its own
// requests, which is enough to keep a client from flooding the database
// and the streams through one instance.
type TypingGate struct {
	maxKeys int

	mu    sync.Mutex
	keys  map[string]typingState
	swept time.Time
}

// typingState is what the gate last let pass for a key.
type typingState struct {
	at     time.Time
	typing bool
}

// DefaultTypingKeys is the gate's bound when NewTypingGate is given 0: far
// more people typing at once than one instance serves.
const DefaultTypingKeys = 100_000

// NewTypingGate returns a gate holding at most maxKeys keys
// (DefaultTypingKeys when 0).
func NewTypingGate(maxKeys int) *TypingGate {
	if maxKeys <= 0 {
		maxKeys = DefaultTypingKeys
	}
	return &TypingGate{maxKeys: maxKeys, keys: map[string]typingState{}}
}

// Allow reports whether the notice of key at now — typing, or stopped when
// typing is false — should be sent, and records it when so. A "stopped"
// passes only after a "typing" that passed (there is something to stop).
func (g *TypingGate) Allow(key string, typing bool, now time.Time) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	last, known := g.keys[key]
	if known && now.Sub(last.at) >= TypingExpiry {
		known = false // readers have forgotten it: as new
	}
	switch {
	case !typing && (!known || !last.typing):
		return false
	case typing && known && last.typing && now.Sub(last.at) < TypingRefresh:
		return false
	case typing && known && !last.typing && now.Sub(last.at) < typingChange:
		return false
	}
	if _, held := g.keys[key]; !held && !g.room(now) {
		return false
	}
	g.keys[key] = typingState{at: now, typing: typing}
	return true
}

// room reports whether one more key may be held, forgetting the expired
// ones first when the gate is full (at most once a second: a full gate of
// live keys is not swept on every call).
func (g *TypingGate) room(now time.Time) bool {
	if len(g.keys) < g.maxKeys {
		return true
	}
	if now.Sub(g.swept) < time.Second {
		return false
	}
	g.swept = now
	for k, s := range g.keys {
		if now.Sub(s.at) >= TypingExpiry {
			delete(g.keys, k)
		}
	}
	return len(g.keys) < g.maxKeys
}
