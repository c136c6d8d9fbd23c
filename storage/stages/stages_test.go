package stages

import (
	"testing"
	"time"
)

// A duration lands in the bucket whose bound is the first at or above it,
// and the quantiles read back those bounds.
func TestQuantilesReadTheBucketsBounds(t *testing.T) {
	var h Histogram
	for range 98 {
		h.Record(2 * time.Millisecond)
	}
	h.Record(300 * time.Millisecond)
	h.Record(time.Hour) // past the last bucket: counted there
	counts := make([]int64, buckets)
	for i := range counts {
		counts[i] = h.counts[i].Load()
	}
	p50, n := Quantile(counts, 0.50)
	if n != 100 || p50 < 2*time.Millisecond || p50 > 2*time.Millisecond*113/100 {
		t.Errorf("p50 = %s of %d, want the bound just above 2 ms, of 100", p50, n)
	}
	if p99, _ := Quantile(counts, 0.99); p99 < 300*time.Millisecond || p99 > 300*time.Millisecond*113/100 {
		t.Errorf("p99 = %s, want the bound just above 300 ms", p99)
	}
	if max, _ := Quantile(counts, 1); max != UpperBound(buckets-1) {
		t.Errorf("max = %s, want the last bucket's bound %s", max, UpperBound(buckets-1))
	}
	if d, n := Quantile(nil, 0.5); d != 0 || n != 0 {
		t.Errorf("Quantile of nothing = %s, %d", d, n)
	}
}

// What a scenario recorded is the later snapshot less the earlier, and two
// processes' figures add up.
func TestSnapshotsSubtractAndAdd(t *testing.T) {
	before := Snapshot()
	PublishToFlush.Record(time.Millisecond)
	PublishToFlush.Record(time.Millisecond)
	Flushes.Add(1)
	during := Snapshot().Sub(before)
	if _, n := Quantile(during.Histograms["publish_to_flush"], 1); n != 2 || during.Counters["flushes"] != 1 {
		t.Fatalf("recorded %d flush times and %d flushes, want 2 and 1", n, during.Counters["flushes"])
	}
	both := during.Add(during)
	if _, n := Quantile(both.Histograms["publish_to_flush"], 1); n != 4 || both.Counters["flushes"] != 2 {
		t.Fatalf("two processes: %d flush times and %d flushes, want 4 and 2", n, both.Counters["flushes"])
	}
}
