package loadtest

import (
	"fmt"
	"slices"
	"time"
)

// Latencies summarises a set of durations. The zero value is empty.
type Latencies struct {
	Count         int
	P50, P99, Max time.Duration
}

// Summarise returns the count, median, 99th percentile and maximum of d
// (nearest-rank: the smallest value with at least q of the set at or below
// it). d is sorted in place.
func Summarise(d []time.Duration) Latencies {
	if len(d) == 0 {
		return Latencies{}
	}
	slices.Sort(d)
	return Latencies{Count: len(d), P50: percentile(d, 0.50), P99: percentile(d, 0.99), Max: d[len(d)-1]}
}

// percentile is the nearest-rank q-quantile of the sorted set d.
func percentile(sorted []time.Duration, q float64) time.Duration {
	rank := int(q*float64(len(sorted)) + 0.999999999) // ceil without float noise
	if rank < 1 {
		rank = 1
	}
	if rank > len(sorted) {
		rank = len(sorted)
	}
	return sorted[rank-1]
}

// String is "p50 1.20 ms, p99 4.50 ms, max 9.00 ms (n=1000)".
func (l Latencies) String() string {
	if l.Count == 0 {
		return "no samples"
	}
	return fmt.Sprintf("p50 %s, p99 %s, max %s (n=%d)", ms(l.P50), ms(l.P99), ms(l.Max), l.Count)
}

// ms formats d in milliseconds with two decimals.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000)
}

// ratio formats how many times floor d is, or "" without a floor.
func ratio(d, floor time.Duration) string {
	if floor <= 0 {
		return ""
	}
	return fmt.Sprintf("%.1f×", float64(d)/float64(floor))
}
