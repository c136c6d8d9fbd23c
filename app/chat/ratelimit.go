package chat

import (
	"container/list"
	"fmt"
	"sync"
	"time"
)

// The message rate limit: a burst of MessageBurst messages, then one per
// MessageInterval. A person typing never sends ten messages in a row faster
// than one a second, so only a script meets it.
const (
	MessageBurst    = 10
	MessageInterval = time.Second
	// MaxLimiterKeys bounds a Limiter's memory (a key costs about 100 bytes):
	// far more senders than one instance serves within the few seconds a
	// bucket takes to refill.
	MaxLimiterKeys = 100_000
)

// Limiter is a token bucket per key (a shopper, a token, an address: the
// caller chooses): each key may spend up to burst tokens at once, and earns
// one back every interval. It is safe for concurrent use.
//
// Its memory is bounded. A key whose bucket has refilled is dropped, since a
// fresh bucket is the same thing; beyond maxKeys the least recently used key
// is dropped too, which can only forgive that key early.
//
// The buckets live in this process, so each app instance counts on its own.
// That is enough for chat: the limit protects the instance and the inbox from
// floods, and a sender spread over instances still meets a wall at each; a
// durable, shared limit would cost a database round trip per message for no
// real gain.
type Limiter struct {
	burst    int
	interval time.Duration
	maxKeys  int

	mu   sync.Mutex
	keys map[string]*list.Element // of *bucket
	lru  *list.List               // most recently used first
}

// bucket keeps the bucket of one key as the time at which it would be full
// again (GCRA's "theoretical arrival time"): no float tokens, no refill loop.
type bucket struct {
	key  string
	full time.Time
}

// NewLimiter returns a Limiter allowing burst requests at once and one per
// interval sustained, for at most maxKeys keys. It panics on a value that is
// not positive: those are the program's constants, not input.
func NewLimiter(burst int, interval time.Duration, maxKeys int) *Limiter {
	if burst < 1 || interval <= 0 || maxKeys < 1 {
		panic(fmt.Sprintf("chat.NewLimiter(%d, %v, %d): all must be positive", burst, interval, maxKeys))
	}
	return &Limiter{burst: burst, interval: interval, maxKeys: maxKeys,
		keys: make(map[string]*list.Element), lru: list.New()}
}

// NewMessageLimiter returns the Limiter for shoppers' messages:
// MessageBurst, MessageInterval, MaxLimiterKeys.
func NewMessageLimiter() *Limiter {
	return NewLimiter(MessageBurst, MessageInterval, MaxLimiterKeys)
}

// Allow spends a token of key at now and reports whether there was one. When
// there was not, retryAfter is how long until there is (round it up to whole
// seconds for a Retry-After header); it is 0 when ok. A refused request spends
// nothing. now may come from any clock, but should not go backwards for a key;
// if it does, the bucket is simply not refilled meanwhile.
func (l *Limiter) Allow(key string, now time.Time) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.evictIdle(now)

	e, found := l.keys[key]
	if !found {
		if l.lru.Len() >= l.maxKeys {
			l.remove(l.lru.Back())
		}
		e = l.lru.PushFront(&bucket{key: key, full: now})
		l.keys[key] = e
	}
	l.lru.MoveToFront(e)
	b := e.Value.(*bucket)

	full := b.full
	if full.Before(now) {
		full = now
	}
	// The bucket holds burst tokens once full; each token spent pushes
	// "full" one interval later. Spending is allowed while at least one
	// token is left, i.e. while full is at most burst-1 intervals away.
	if wait := full.Sub(now) - time.Duration(l.burst-1)*l.interval; wait > 0 {
		return false, wait
	}
	b.full = full.Add(l.interval)
	return true, 0
}

// Len returns how many keys the Limiter holds.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lru.Len()
}

// evictIdle drops, from the least recently used end, keys whose bucket is
// full again at now. It stops at the first that is not, so each call costs
// what it removes plus one: amortised O(1).
func (l *Limiter) evictIdle(now time.Time) {
	for e := l.lru.Back(); e != nil && !e.Value.(*bucket).full.After(now); e = l.lru.Back() {
		l.remove(e)
	}
}

func (l *Limiter) remove(e *list.Element) {
	delete(l.keys, e.Value.(*bucket).key)
	l.lru.Remove(e)
}

// Wait reports how long until key may spend a token at now, without
// spending one: 0 when Allow would pass. It lets a caller refuse early and
// spend only on some outcomes (a failed signature, say).
func (l *Limiter) Wait(key string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, found := l.keys[key]
	if !found {
		return 0
	}
	return max(e.Value.(*bucket).full.Sub(now)-time.Duration(l.burst-1)*l.interval, 0)
}
