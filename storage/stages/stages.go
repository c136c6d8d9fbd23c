// Package stages keeps latency histograms of the live-delivery path, one per
// stage (a post's lane and batch, a reply's transaction, the waker's
// notification, the listener's read, a stream's write), so a load run can
// tell where a message's time went on its way from its write to a stream. Recording is a few atomic adds, cheap enough
// to stay on in production; Snapshot is what the debug server publishes
// (DEBUG_ADDR, /debug/vars) and the load tool reads before and after a
// scenario.
//
// The histograms are process-wide, as the waker and the listener they time
// are one per process.
package stages

import (
	"math"
	"sync/atomic"
	"time"
)

// Bucket i counts durations up to base × 2^(i/perDoubling): about 12% wide,
// from 10 µs to 37 s; longer ones land in the last bucket.
const (
	base        = 10 * time.Microsecond
	perDoubling = 6
	buckets     = 128
)

// Histogram counts durations in buckets; it is safe for concurrent use.
type Histogram struct {
	name   string
	counts [buckets]atomic.Int64
}

// Counter is a count that only grows.
type Counter struct {
	name string
	n    atomic.Int64
}

var (
	histograms []*Histogram
	counters   []*Counter
)

// newHistogram registers a histogram under name; only this package's
// variables below are made, once, at start.
func newHistogram(name string) *Histogram {
	h := &Histogram{name: name}
	histograms = append(histograms, h)
	return h
}

func newCounter(name string) *Counter {
	c := &Counter{name: name}
	counters = append(counters, c)
	return c
}

// The stages. Times are taken on the server's monotonic clock, except where
// a stage begins in PostgreSQL (CommitToNotify reads the server's clock;
// both run on the same host).
var (
	// PostQueued: a shopper's post handed to its lane (storage's
	// PostFromShopper) → the batch that writes it started (again, when a
	// batch that failed as a whole writes its posts one at a time).
	PostQueued = newHistogram("post_queued")
	// PostToAppend: a shopper's post handed to its lane → its batch's
	// events appended (the lane's wait and the batch's statements).
	PostToAppend = newHistogram("post_to_append")
	// ReplyToAppend: an agent's reply begun (storage's PostFromAgent) →
	// its events appended (its transaction's statements).
	ReplyToAppend = newHistogram("reply_to_append")
	// AppendToNotify: a transaction's events appended (the appendEvents
	// statement returned) → its instance's waker's notification sent. It
	// holds the writer's commit and the waker's wait.
	AppendToNotify = newHistogram("append_to_notify")
	// CommitToNotify: the waker saw an appending transaction end → its
	// notification sent.
	CommitToNotify = newHistogram("commit_to_notify")
	// NotifyToRead: the listener received a notification → it has read
	// the log and published everything settled to its hub.
	NotifyToRead = newHistogram("notify_to_read")
	// AppendersWait: one wait of the listener for appenders in flight,
	// after a read that found a gap in the ids.
	AppendersWait = newHistogram("appenders_wait")
	// GapHeld: a gap in the ids met by the listener → the cursor moved
	// past it (its writer committed, or a wait settled it).
	GapHeld = newHistogram("gap_held")
	// PublishToFlush: an event published to the hub → written and flushed
	// by one stream (each stream that receives it counts once).
	PublishToFlush = newHistogram("publish_to_flush")

	// Reads counts the listener's reads of the log; GapReads those that
	// found a gap in the ids and waited for appenders.
	Reads    = newCounter("reads")
	GapReads = newCounter("gap_reads")
	// Flushes counts a stream's writes to its connection of live events;
	// FlushedEvents the events they carried.
	Flushes       = newCounter("flushes")
	FlushedEvents = newCounter("flushed_events")
	// Dropped counts the subscriptions the hub dropped for falling behind
	// (their clients reconnect and replay from the log).
	Dropped = newCounter("dropped")
)

// Record counts one duration.
func (h *Histogram) Record(d time.Duration) {
	h.counts[bucketOf(d)].Add(1)
}

// Since records the time from start (a Now reading) to now.
func (h *Histogram) Since(start int64) {
	h.Record(time.Duration(Now() - start))
}

// Add adds n to the counter.
func (c *Counter) Add(n int64) { c.n.Add(n) }

func bucketOf(d time.Duration) int {
	if d <= base {
		return 0
	}
	i := int(math.Ceil(perDoubling * math.Log2(float64(d)/float64(base))))
	return min(i, buckets-1)
}

// UpperBound is the longest duration bucket i counts (the last also counts
// every longer one).
func UpperBound(i int) time.Duration {
	return time.Duration(float64(base) * math.Exp2(float64(i)/perDoubling))
}

// epoch anchors Now on the monotonic clock.
var epoch = time.Now()

// Now is a monotonic reading in nanoseconds, for Since: cheaper to carry
// along with an event than a time.Time.
func Now() int64 { return int64(time.Since(epoch)) }

// Figures is a snapshot of every stage: each histogram's bucket counts
// (trailing empty buckets left out) and each counter.
type Figures struct {
	Histograms map[string][]int64 `json:"histograms"`
	Counters   map[string]int64   `json:"counters"`
}

// Snapshot reads every stage now.
func Snapshot() Figures {
	f := Figures{Histograms: map[string][]int64{}, Counters: map[string]int64{}}
	for _, h := range histograms {
		counts := make([]int64, buckets)
		last := 0
		for i := range counts {
			if counts[i] = h.counts[i].Load(); counts[i] > 0 {
				last = i + 1
			}
		}
		f.Histograms[h.name] = counts[:last]
	}
	for _, c := range counters {
		f.Counters[c.name] = c.n.Load()
	}
	return f
}

// Sub is what was recorded between an earlier snapshot and f.
func (f Figures) Sub(earlier Figures) Figures {
	d := Figures{Histograms: map[string][]int64{}, Counters: map[string]int64{}}
	for name, counts := range f.Histograms {
		out := make([]int64, len(counts))
		before := earlier.Histograms[name]
		for i, n := range counts {
			out[i] = n
			if i < len(before) {
				out[i] -= before[i]
			}
		}
		d.Histograms[name] = out
	}
	for name, n := range f.Counters {
		d.Counters[name] = n - earlier.Counters[name]
	}
	return d
}

// Add is the figures of two processes together.
func (f Figures) Add(other Figures) Figures {
	sum := Figures{Histograms: map[string][]int64{}, Counters: map[string]int64{}}
	for _, g := range []Figures{f, other} {
		for name, counts := range g.Histograms {
			out := sum.Histograms[name]
			for len(out) < len(counts) {
				out = append(out, 0)
			}
			for i, n := range counts {
				out[i] += n
			}
			sum.Histograms[name] = out
		}
		for name, n := range g.Counters {
			sum.Counters[name] += n
		}
	}
	return sum
}

// Quantile is the upper bound of the bucket holding quantile q (0 < q ≤ 1)
// of counts, and the number counted; 0, 0 when none.
func Quantile(counts []int64, q float64) (time.Duration, int64) {
	var total int64
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return 0, 0
	}
	rank := int64(math.Ceil(q * float64(total)))
	var seen int64
	for i, n := range counts {
		if seen += n; seen >= rank {
			return UpperBound(i), total
		}
	}
	return UpperBound(len(counts) - 1), total
}
