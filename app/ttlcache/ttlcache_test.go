package ttlcache

import (
	"fmt"
	"testing"
	"time"
)

// The origin cache stays bounded however many made-up origins are asked.
func TestACacheIsBounded(t *testing.T) {
	t.Parallel()
	now := time.Now()
	c := New[string, bool](time.Minute, 100, func() time.Time { return now })
	loads := 0
	for i := range 1000 {
		c.Get(fmt.Sprintf("https://%d.example", i), func() (bool, error) { loads++; return false, nil })
		if c.Len() > 100 {
			t.Fatalf("%d keys after %d origins, bound 100", c.Len(), i+1)
		}
	}
	if loads != 1000 {
		t.Fatalf("%d loads", loads)
	}
	// A failed load is not remembered.
	failed := 0
	for range 3 {
		c.Get("https://flaky.example", func() (bool, error) { failed++; return false, fmt.Errorf("down") })
	}
	if failed != 3 {
		t.Fatalf("a failure was remembered: %d loads", failed)
	}
}

// A value is remembered for its TTL from when it was loaded or set, and
// loaded again after.
func TestAValueIsRememberedForItsTTL(t *testing.T) {
	t.Parallel()
	now := time.Now()
	c := New[string, int](3*time.Second, 10, func() time.Time { return now })
	loads := 0
	load := func() (int, error) { loads++; return loads, nil }
	if v, _ := c.Get("a", load); v != 1 {
		t.Fatalf("first read %d", v)
	}
	now = now.Add(2 * time.Second)
	if v, _ := c.Get("a", load); v != 1 || loads != 1 {
		t.Fatalf("within the TTL: %d after %d loads", v, loads)
	}
	now = now.Add(2 * time.Second)
	if v, _ := c.Get("a", load); v != 2 {
		t.Fatalf("after the TTL: %d", v)
	}
	c.Set("a", 7)
	now = now.Add(2 * time.Second)
	if v, _ := c.Get("a", load); v != 7 || loads != 2 {
		t.Fatalf("set: %d after %d loads", v, loads)
	}
}
