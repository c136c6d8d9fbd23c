package storefront

import (
	"sync"
	"time"
)

// ttlCache remembers loaded values for ttl, per key, in this process. A
// failed load is not remembered. It is safe for concurrent use; two callers
// missing the same key at once both load it (a few seconds' TTL makes that
// rare and harmless), and neither holds the lock while loading.
//
// It holds at most max keys. Full, it first drops the expired entries, and
// if that frees less than a quarter, drops everything: anyone may ask about
// made-up keys (origins), and forgetting only costs the next lookups a load.
type ttlCache[K comparable, V any] struct {
	ttl time.Duration
	max int
	now func() time.Time

	mu      sync.Mutex
	entries map[K]ttlEntry[V]
}

type ttlEntry[V any] struct {
	value   V
	expires time.Time
}

func newTTLCache[K comparable, V any](ttl time.Duration, max int, now func() time.Time) *ttlCache[K, V] {
	return &ttlCache[K, V]{ttl: ttl, max: max, now: now, entries: map[K]ttlEntry[V]{}}
}

// get returns key's value, loading it when it is not remembered or its TTL
// has passed.
func (c *ttlCache[K, V]) get(key K, load func() (V, error)) (V, error) {
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && c.now().Before(e.expires) {
		return e.value, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		c.shrink()
	}
	c.entries[key] = ttlEntry[V]{value: v, expires: c.now().Add(c.ttl)}
	return v, nil
}

// shrink makes room; the caller holds c.mu.
func (c *ttlCache[K, V]) shrink() {
	now := c.now()
	for k, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, k)
		}
	}
	if len(c.entries) > c.max*3/4 {
		clear(c.entries)
	}
}

// len returns how many keys are remembered.
func (c *ttlCache[K, V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
