package adminapi

import (
	"math"
	"time"
)

// Bucket is the leaky bucket Shopify meters Admin API query cost with: it
// holds up to Max points and restores Rate points per second. The client
// keeps one as its estimate of Shopify's bucket; the fake Shopify keeps the
// authoritative one; both use this arithmetic.
//
// A Bucket is not safe for concurrent use: its owner holds a lock.
type Bucket struct {
	Max  float64
	Rate float64

	available float64
	at        time.Time
}

// costEpsilon absorbs float rounding so that waiting exactly the computed
// time is enough to afford the cost.
const costEpsilon = 1e-6

// NewBucket returns a full bucket as of now.
func NewBucket(max, rate float64, now time.Time) *Bucket {
	return &Bucket{Max: max, Rate: rate, available: max, at: now}
}

// Set replaces the state with what Shopify reported at now.
func (b *Bucket) Set(max, available, rate float64, now time.Time) {
	b.Max, b.Rate, b.available, b.at = max, rate, available, now
}

// Available returns the points available at now (restored since the last
// change, never above Max). It may be negative after Reserve.
func (b *Bucket) Available(now time.Time) float64 {
	b.restore(now)
	return b.available
}

func (b *Bucket) restore(now time.Time) {
	if now.After(b.at) {
		b.available = math.Min(b.Max, b.available+b.Rate*now.Sub(b.at).Seconds())
		b.at = now
	}
}

// Take removes cost points if they are available at now, and reports
// whether it did. The fake Shopify runs a query only when Take succeeds.
func (b *Bucket) Take(cost float64, now time.Time) bool {
	b.restore(now)
	if b.available+costEpsilon < cost {
		return false
	}
	b.available -= cost
	return true
}

// Put returns points to the bucket (Shopify refunds requested − actual).
func (b *Bucket) Put(points float64, now time.Time) {
	b.restore(now)
	b.available = math.Min(b.Max, b.available+points)
}

// WaitFor returns how long after now the bucket will hold cost points:
// (cost − available) / Rate, rounded up to the microsecond, or 0 when they
// are already there. With no restore rate it returns -1: waiting never
// helps.
func (b *Bucket) WaitFor(cost float64, now time.Time) time.Duration {
	need := cost - b.Available(now)
	if need <= costEpsilon {
		return 0
	}
	if b.Rate <= 0 {
		return -1
	}
	micros := math.Ceil(need/b.Rate*1e6 - costEpsilon)
	return time.Duration(micros) * time.Microsecond
}

// Reserve removes cost points even if that leaves the bucket in debt and
// returns how long the caller must wait before sending, so that concurrent
// callers queue one behind another instead of all waking at once.
func (b *Bucket) Reserve(cost float64, now time.Time) time.Duration {
	wait := b.WaitFor(cost, now)
	b.available -= cost
	return wait
}
