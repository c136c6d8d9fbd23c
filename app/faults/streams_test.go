package faults

import (
	"context"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"hubchat/app/loadtest"
)

// The stream crowd's sizes and staff ids.
const (
	stalledStreams   = 120
	vanishingStreams = 120
	firstStalledUser = 90_001
	firstVanisher    = 91_001
	referenceUser    = 89_999
)

// While 8 shoppers and 2 agents chat, 120 agents' streams stop reading
// (their TCP windows fill) and 120 more keep vanishing (reset mid-stream,
// and opened again): the chatting clients get every message once, their
// latency as without the crowd; the server's goroutines and heap come back
// to their level afterwards; and each stalled stream, once it reads again,
// resumes from the log without a gap: it holds exactly the events a
// healthy stream saw.
func TestFaultStreamsStallOrVanish(t *testing.T) {
	long(t)
	r := newRig(t, 1)
	in := r.instances[0]
	one := r.target(in)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	baseGoroutines, baseHeap := r.serverLevel(in)
	shoppers, agents := r.people(one, one, 7_000_001, 8, 2)
	without := r.run(scenario{name: "streams: none stalled or vanishing (baseline)", chat: 8 * time.Second, sendEvery: time.Second,
		inject: func() time.Duration { return 0 }}, shoppers, agents, one.Instances)

	reference, err := openRawStream(ctx, in.Base, referenceUser, "")
	if err != nil {
		t.Fatal(err)
	}
	reference.read()
	stalled := openStalled(ctx, t, in.Base)
	shoppers, agents = r.people(one, one, 7_100_001, 8, 2)
	withStalled := r.run(scenario{name: "streams: 120 stalled", chat: 8 * time.Second, sendEvery: time.Second,
		inject: func() time.Duration { return 0 }}, shoppers, agents, one.Instances)
	vanishCtx, stopVanishing := context.WithCancel(ctx)
	vanished := keepVanishing(vanishCtx, in.Base)
	shoppers, agents = r.people(one, one, 7_200_001, 8, 2)
	var peakGoroutines int
	withBoth := r.run(scenario{name: "streams: 120 stalled, 120 vanishing", chat: 10 * time.Second, sendEvery: time.Second, faultAfter: 6 * time.Second,
		inject: func() time.Duration {
			peakGoroutines, _ = goroutines(in)
			return 0
		}}, shoppers, agents, one.Instances)
	stopVanishing()
	opened, refused, firstRefusal := vanished()
	if firstRefusal != nil {
		t.Logf("first vanishing stream refused: %v", firstRefusal)
	}

	time.Sleep(time.Second) // the last events reach the reference stream
	refIDs, refCursor := reference.seen()
	// What the stalled streams hold while their clients still read nothing
	// (on loopback the kernel's buffers take what a chat sends them, so
	// the server's writes never block and the hub keeps them).
	stalledGoroutines, stalledHeap := r.serverLevel(in)
	resumed, reconnected, gaps := resumeAll(ctx, t, in.Base, stalled, refIDs, refCursor)
	reference.vanish()
	goroutinesAfter, heapAfter := r.awaitServerLevel(in, baseGoroutines, baseHeap, 30*time.Second)
	t.Logf("FIGURES | streams stalled and vanishing during chat | latency without p50 %s p99 %s | with the stalled p50 %s p99 %s | with the stalled and the vanishing p50 %s p99 %s | stalled %d, reconnected with Last-Event-ID %d, resumed complete %d, with a gap %d | vanished %d (refused %d) | goroutines %d before, %d during, %d still stalled, %d after | heap in use %.1f MB before, %.1f MB still stalled, %.1f MB after",
		ms(without.All.Latencies.P50), ms(without.All.Latencies.P99), ms(withStalled.All.Latencies.P50), ms(withStalled.All.Latencies.P99),
		ms(withBoth.All.Latencies.P50), ms(withBoth.All.Latencies.P99),
		len(stalled), reconnected, resumed, gaps, opened, refused, baseGoroutines, peakGoroutines, stalledGoroutines, goroutinesAfter,
		mb(baseHeap), mb(stalledHeap), mb(heapAfter))
	if gaps != 0 || resumed != len(stalled) {
		t.Errorf("%d of %d stalled streams resumed complete, %d with a gap or a repeat", resumed, len(stalled), gaps)
	}
	// The stalled streams must not hold the others up. (The vanishing ones
	// cost the server CPU — a hundred and more new streams a second, each
	// signed in — which on 2 shared cores shows in the latency: printed,
	// not judged.)
	if limit := 3*without.All.Latencies.P99 + 250*time.Millisecond; withStalled.All.Latencies.P99 > limit {
		t.Errorf("p99 delivery %s with the stalled streams, over %s (without: %s)", withStalled.All.Latencies.P99, limit, without.All.Latencies.P99)
	}
}

// openStalled opens the stalled streams; none of them reads again until
// resumed.
func openStalled(ctx context.Context, t *testing.T, base string) []*rawStream {
	t.Helper()
	out := make([]*rawStream, stalledStreams)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	sem := make(chan struct{}, 16)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s, err := openRawStream(ctx, base, firstStalledUser+int64(i), "")
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			out[i] = s
		}()
	}
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return out
}

// keepVanishing has the vanishing streams open, wait a moment without
// reading, and reset, over and over until ctx ends; the result counts
// the streams opened and those refused, with the first refusal.
func keepVanishing(ctx context.Context, base string) func() (opened, refused int, first error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	var opened, refused int
	var first error
	for i := range vanishingStreams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				s, err := openRawStream(ctx, base, firstVanisher+int64(i), "")
				mu.Lock()
				if err != nil && ctx.Err() == nil {
					refused++
					if first == nil {
						first = err
					}
				} else if err == nil {
					opened++
				}
				mu.Unlock()
				sleep(ctx, time.Duration(rand.Int64N(int64(1500*time.Millisecond))))
				if s != nil {
					s.vanish()
				}
			}
		}()
	}
	return func() (int, int, error) {
		wg.Wait()
		return opened, refused, first
	}
}

// resumeAll has every stalled stream read again: what it receives, and,
// once the server has dropped it, what a reconnect with its Last-Event-ID
// replays, must be exactly the reference's events after its start, up to
// the reference's cursor. Every other one is cut off halfway through and
// reconnects with its Last-Event-ID, so that the rest comes from the log.
func resumeAll(ctx context.Context, t *testing.T, base string, stalled []*rawStream, refIDs []int64, refCursor int64) (complete, reconnected, gaps int) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i, s := range stalled {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := slices.DeleteFunc(slices.Clone(refIDs), func(id int64) bool { return id <= s.start })
			var cutAt int64
			if i%2 == 1 && len(want) > 0 {
				cutAt = want[len(want)/2]
			}
			got, again, err := resume(ctx, base, firstStalledUser+int64(i), s, cutAt, refCursor)
			got = slices.DeleteFunc(got, func(id int64) bool { return id > refCursor })
			mu.Lock()
			defer mu.Unlock()
			reconnected += again
			switch {
			case err != nil:
				t.Errorf("stalled stream %d: %v", i, err)
			case slices.Equal(got, want):
				complete++
			default:
				gaps++
				if gaps == 1 {
					t.Errorf("stalled stream %d received %d events, want the reference's %d: %v… vs %v…", i, len(got), len(want), head(got), head(want))
				}
			}
		}()
	}
	wg.Wait()
	return complete, reconnected, gaps
}

// resume reads s again until it reaches cursor, and returns the events
// received and how many times it reconnected with its Last-Event-ID: once
// it is past cutAt (when set), it resets its connection and reconnects, as
// a client whose network changed; and whenever the server ends it (a
// stream the hub dropped for falling behind).
func resume(ctx context.Context, base string, userID int64, s *rawStream, cutAt, cursor int64) ([]int64, int, error) {
	s.cutAt = cutAt
	s.read()
	var ids []int64
	reconnects := 0
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		got, at := s.seen()
		if at >= cursor {
			s.vanish()
			return append(ids, got...), reconnects, nil
		}
		select {
		case <-s.ended:
			got, at = s.seen()
			ids = append(ids, got...)
			reconnects++
			next, err := openRawStream(ctx, base, userID, strconv.FormatInt(at, 10))
			if err != nil {
				return ids, reconnects, err
			}
			next.read()
			s = next
		case <-time.After(20 * time.Millisecond):
		}
	}
	got, _ := s.seen()
	s.vanish()
	return append(ids, got...), reconnects, nil
}

// serverLevel is the instance's goroutines and heap in use at rest.
func (r *rig) serverLevel(in *loadtest.Instance) (int, uint64) {
	r.t.Helper()
	g, err := goroutines(in)
	if err != nil {
		r.t.Fatal(err)
	}
	h, err := heapInUse(in)
	if err != nil {
		r.t.Fatal(err)
	}
	return g, h
}

// awaitServerLevel waits until the instance's goroutines and heap are back
// near their level before the scenario (a few goroutines and a few MB of
// caches aside), and returns the last readings.
func (r *rig) awaitServerLevel(in *loadtest.Instance, goroutinesBefore int, heapBefore uint64, within time.Duration) (int, uint64) {
	r.t.Helper()
	var g int
	var h uint64
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		r.client.CloseIdleConnections() // the tool's own idle keep-alive connections each hold a goroutine there
		g, h = r.serverLevel(in)
		if g <= goroutinesBefore+20 && h <= heapBefore+heapBefore/2+8<<20 {
			return g, h
		}
	}
	r.t.Errorf("the server did not come back to its level: %d goroutines (%d before), heap in use %.1f MB (%.1f MB before)",
		g, goroutinesBefore, mb(h), mb(heapBefore))
	return g, h
}

func head(ids []int64) []int64 { return ids[:min(len(ids), 8)] }

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

func ms(d time.Duration) string { return d.Round(time.Millisecond).String() }
