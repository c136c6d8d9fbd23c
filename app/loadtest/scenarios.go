package loadtest

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// forEach runs f for 0..n-1 on at most workers goroutines and returns the
// number of errors and the first one.
func forEach(n, workers int, f func(i int) error) (int64, error) {
	var failed atomic.Int64
	var first atomic.Value
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				if err := f(i); err != nil {
					failed.Add(1)
					first.CompareAndSwap(nil, err)
				}
			}
		}()
	}
	wg.Wait()
	err, _ := first.Load().(error)
	return failed.Load(), err
}

// NewShoppers makes n signed-in shoppers (customer ids from firstCustomer
// on), spread over the target's instances, each with a session.
func NewShoppers(ctx context.Context, t Target, client *http.Client, firstCustomer int64, n int) ([]*Shopper, error) {
	shoppers := make([]*Shopper, n)
	for i := range shoppers {
		shoppers[i] = &Shopper{target: t, client: client, base: t.Bases[i%len(t.Bases)], customerID: firstCustomer + int64(i)}
	}
	failed, err := forEach(n, 32, func(i int) error { return shoppers[i].Session(ctx) })
	if failed > 0 {
		return nil, fmt.Errorf("%d of %d shopper sessions failed; first: %w", failed, n, err)
	}
	return shoppers, nil
}

// NewAgents makes n agents (staff user ids from 1,000 on) spread over the
// instances.
func NewAgents(t Target, client *http.Client, n int) []*Agent {
	agents := make([]*Agent, n)
	for k := range agents {
		agents[k] = &Agent{target: t, client: client, base: t.Bases[k%len(t.Bases)], userID: 1000 + int64(k)}
	}
	return agents
}

// WriteResult is the durable-writes scenario's figure.
type WriteResult struct {
	Accepted, Errors int64
	FirstError       string
	Elapsed          time.Duration
	Latencies        Latencies
}

// PerSecond is the accepted messages per second.
func (w WriteResult) PerSecond() float64 {
	if w.Elapsed <= 0 {
		return 0
	}
	return float64(w.Accepted) / w.Elapsed.Seconds()
}

// RunWrites has shoppers post perShopper messages each (within the
// per-shopper burst the API allows) from workers concurrent clients, for
// at most within: each accepted message is committed (the API answers
// after its commit).
func RunWrites(ctx context.Context, shoppers []*Shopper, perShopper, workers int, within time.Duration) WriteResult {
	var mu sync.Mutex
	var took []time.Duration
	var res WriteResult
	start := time.Now()
	deadline := start.Add(within)
	failed, err := forEach(len(shoppers)*perShopper, workers, func(j int) error {
		if time.Now().After(deadline) {
			return nil // the time is up: the rest are not sent
		}
		s := shoppers[j%len(shoppers)]
		t0 := time.Now()
		if _, err := s.Post(ctx, newClientID(), "Durable write "+strconv.Itoa(j)); err != nil {
			return err
		}
		d := time.Since(t0)
		mu.Lock()
		took = append(took, d)
		mu.Unlock()
		return nil
	})
	res.Elapsed = time.Since(start)
	res.Errors, res.Accepted = failed, int64(len(took))
	if err != nil {
		res.FirstError = err.Error()
	}
	res.Latencies = Summarise(took)
	return res
}

// IdleResult is the idle-streams scenario's figures.
type IdleResult struct {
	Streams, Failed int64
	FirstError      string
	// RSSPerStream is the resident memory the instance grew by per open
	// stream; GoPerStream the Go heap and stacks in use (after a GC) per
	// stream, when the instance serves its debug address.
	RSSPerStream, GoPerStream float64
	RSSBefore, RSSAfter       int64
}

// RunIdleStreams opens perShopper streams for each shopper (all on the
// first instance), waits until each has its first frame, and reads the
// instance's memory before and after; whileOpen runs with them all open.
func RunIdleStreams(ctx context.Context, shoppers []*Shopper, perShopper int, in *Instance, whileOpen func()) IdleResult {
	var res IdleResult
	before, _ := readProcess(in.Pid())
	goBefore, goErr := goMemory(in.DebugAddr)
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	n := len(shoppers) * perShopper
	failed, err := forEach(n, 100, func(j int) error {
		s := shoppers[j%len(shoppers)]
		first := make(chan struct{}, 1)
		st := s.Stream(func(Event) {
			select {
			case first <- struct{}{}:
			default:
			}
		})
		wg.Add(1)
		go func() { defer wg.Done(); st.Run(sctx, "", nil) }()
		select {
		case <-first:
			return nil
		case <-time.After(20 * time.Second):
			return fmt.Errorf("no first frame within 20 s (failed connections %d)", st.Failures.Load())
		}
	})
	res.Streams, res.Failed = int64(n)-failed, failed
	if err != nil {
		res.FirstError = err.Error()
	}
	time.Sleep(time.Second) // let the last connections' buffers settle
	after, _ := readProcess(in.Pid())
	goAfter, goErr2 := goMemory(in.DebugAddr)
	whileOpen()
	res.RSSBefore, res.RSSAfter = before.RSSBytes, after.RSSBytes
	if res.Streams > 0 {
		res.RSSPerStream = float64(after.RSSBytes-before.RSSBytes) / float64(res.Streams)
		if goErr == nil && goErr2 == nil {
			res.GoPerStream = float64(goAfter-goBefore) / float64(res.Streams)
		}
	}
	stop()
	wg.Wait()
	return res
}

// goMemory is the heap and stack memory a Go process has in use after a
// collection, from its debug address (pprof's heap profile with gc=1).
func goMemory(debugAddr string) (int64, error) {
	resp, err := http.Get("http://" + debugAddr + "/debug/pprof/heap?gc=1&debug=1")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var heap, stack int64
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# HeapInuse = "); ok {
			heap, _ = strconv.ParseInt(v, 10, 64)
		}
		if v, ok := strings.CutPrefix(line, "# Stack = "); ok {
			inuse, _, _ := strings.Cut(v, " /")
			stack, _ = strconv.ParseInt(inuse, 10, 64)
		}
	}
	if heap == 0 {
		return 0, fmt.Errorf("no HeapInuse in the heap profile of %s", debugAddr)
	}
	return heap + stack, sc.Err()
}

// RunAdminPages fetches the inbox page n times, one at a time, as an
// agent's browser does, and returns the latencies (loopback: server time
// plus a loopback round trip).
func RunAdminPages(ctx context.Context, a *Agent, n int) (Latencies, error) {
	var took []time.Duration
	for range n {
		t0 := time.Now()
		if err := a.Get(ctx, "/app/"); err != nil {
			return Latencies{}, err
		}
		took = append(took, time.Since(t0))
	}
	return Summarise(took), nil
}
