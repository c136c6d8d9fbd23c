package chat

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLimiterBurstAndRefill(t *testing.T) {
	l := NewLimiter(10, time.Second, 100)
	now := t0
	type step struct {
		after time.Duration // since t0
		n     int           // how many calls at that moment
		ok    int           // how many of them must pass
		retry time.Duration // retryAfter of the last refused call (if any)
	}
	steps := []struct {
		name string
		step
	}{
		{"burst of ten passes", step{0, 10, 10, 0}},
		{"eleventh waits a second", step{0, 1, 0, time.Second}},
		{"still refused, still a second (refusals cost nothing)", step{0, 5, 0, time.Second}},
		{"half a second later: half a second to wait", step{500 * time.Millisecond, 1, 0, 500 * time.Millisecond}},
		{"a second later: one token", step{time.Second, 2, 1, time.Second}},
		{"sustained one a second", step{2 * time.Second, 1, 1, 0}},
		{"sustained one a second (2)", step{3 * time.Second, 1, 1, 0}},
		{"three seconds idle: three tokens", step{6 * time.Second, 4, 3, time.Second}},
		{"after a full refill: a full burst again", step{6*time.Second + 10*time.Second, 11, 10, time.Second}},
	}
	for _, s := range steps {
		now = t0.Add(s.after)
		passed, lastRetry := 0, time.Duration(0)
		for range s.n {
			ok, retry := l.Allow("shopper-1", now)
			if ok {
				passed++
				if retry != 0 {
					t.Errorf("%s: allowed with retryAfter %v", s.name, retry)
				}
			} else {
				lastRetry = retry
			}
		}
		if passed != s.ok || lastRetry != s.retry {
			t.Errorf("%s: %d passed (retry %v), want %d (retry %v)", s.name, passed, lastRetry, s.ok, s.retry)
		}
	}
}

func TestLimiterKeysAreSeparate(t *testing.T) {
	l := NewMessageLimiter()
	for range MessageBurst {
		l.Allow("a", t0)
	}
	if ok, _ := l.Allow("a", t0); ok {
		t.Error("a was not limited")
	}
	if ok, _ := l.Allow("b", t0); !ok {
		t.Error("b was limited by a's sending")
	}
}

func TestLimiterEvictsIdleKeys(t *testing.T) {
	l := NewLimiter(10, time.Second, 1_000_000)
	for i := range 5000 {
		l.Allow(fmt.Sprintf("visitor-%d", i), t0)
	}
	if n := l.Len(); n != 5000 {
		t.Fatalf("Len = %d, want 5000", n)
	}
	// One call a second: full again at t0+1s, so gone by then.
	l.Allow("late", t0.Add(999*time.Millisecond))
	if n := l.Len(); n != 5001 {
		t.Errorf("Len before refill = %d, want 5001", n)
	}
	l.Allow("late", t0.Add(time.Second))
	if n := l.Len(); n != 1 {
		t.Errorf("Len after refill = %d, want 1 (only the key just used)", n)
	}
	// A key that spent its burst is kept until it has refilled: three seconds
	// later it has three tokens, not a fresh ten.
	for range 10 {
		l.Allow("busy", t0.Add(2*time.Second))
	}
	l.Allow("other", t0.Add(5*time.Second))
	passed := 0
	for range 10 {
		if ok, _ := l.Allow("busy", t0.Add(5*time.Second)); ok {
			passed++
		}
	}
	if passed != 3 {
		t.Errorf("busy passed %d times after 3 s, want 3", passed)
	}
}

func TestLimiterBoundedMemory(t *testing.T) {
	const max = 1000
	l := NewLimiter(10, time.Second, max)
	for i := range 50_000 { // all within one instant: nothing refills
		l.Allow(fmt.Sprintf("k%d", i), t0)
		if n := l.Len(); n > max {
			t.Fatalf("Len = %d after %d keys, above %d", n, i+1, max)
		}
	}
	if n := l.Len(); n != max {
		t.Errorf("Len = %d, want %d", n, max)
	}
	// The most recent keys are the ones kept.
	for range 9 {
		l.Allow("k49999", t0)
	}
	if ok, _ := l.Allow("k49999", t0); ok {
		t.Error("a recent key was evicted")
	}
}

func TestLimiterConcurrent(t *testing.T) {
	l := NewLimiter(10, time.Second, 50)
	var wg sync.WaitGroup
	var mu sync.Mutex
	passed := map[string]int{}
	for g := range 16 {
		wg.Go(func() {
			for i := range 200 {
				key := fmt.Sprintf("k%d", (g+i)%4)
				if ok, _ := l.Allow(key, t0); ok {
					mu.Lock()
					passed[key]++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for k, n := range passed {
		if n != 10 {
			t.Errorf("%s passed %d times at one instant, want exactly the burst of 10", k, n)
		}
	}
	if len(passed) != 4 {
		t.Errorf("%d keys passed, want 4", len(passed))
	}
}

func TestNewLimiterRejectsNonsense(t *testing.T) {
	for _, args := range [][3]int{{0, 1, 1}, {1, 0, 1}, {1, 1, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewLimiter%v did not panic", args)
				}
			}()
			NewLimiter(args[0], time.Duration(args[1]), args[2])
		}()
	}
}

// Wait says what Allow would, without spending: a refused key's wait, 0
// for a key with tokens left or never seen.
func TestLimiterWaitSpendsNothing(t *testing.T) {
	l := NewLimiter(2, time.Second, 10)
	if w := l.Wait("a", t0); w != 0 {
		t.Fatalf("unknown key waits %v", w)
	}
	l.Allow("a", t0)
	if w := l.Wait("a", t0); w != 0 {
		t.Fatalf("a key with a token left waits %v", w)
	}
	l.Allow("a", t0)
	for range 3 {
		if w := l.Wait("a", t0); w != time.Second {
			t.Fatalf("an empty key waits %v, want 1s", w)
		}
	}
	if ok, _ := l.Allow("a", t0.Add(time.Second)); !ok {
		t.Fatal("Wait spent a token")
	}
}
