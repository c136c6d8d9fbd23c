package loadtest

import (
	"testing"
	"time"
)

// Every shopper's first send falls inside the run, however short: the
// smoke run's 4 s with one send every 10 s once left a scenario with no
// message at all.
func TestFirstSendFallsWithinTheRun(t *testing.T) {
	for _, c := range []struct {
		cfg    ChatConfig
		before time.Duration
	}{
		{ChatConfig{SendEvery: 10 * time.Second, Duration: 4 * time.Second}, 2 * time.Second},
		{ChatConfig{SendEvery: 10 * time.Second, Duration: time.Minute}, 10 * time.Second},
		{ChatConfig{SendEvery: 10 * time.Second}, time.Nanosecond},
	} {
		var latest time.Duration
		for range 2000 {
			latest = max(latest, firstSendAfter(c.cfg))
		}
		if latest >= c.before {
			t.Errorf("%+v: a first send after %v, want before %v", c.cfg, latest, c.before)
		}
	}
}
