// Package ttlcache remembers values read from the database for a few
// seconds, per process: what every request asks and rarely changes (a
// shop's state, the staff member behind a session token).
package ttlcache

import (
	"sync"
	"time"
)

// Cache remembers loaded values for ttl, per key, in this process. A
// failed load is not remembered. It is safe for concurrent use; two callers
// missing the same key at once both load it (a few seconds' TTL makes that
// rare and harmless), and neither holds the lock while loading.
//
// It holds at most max keys. Full, it first drops the expired entries, and
// if that frees less than a quarter, drops everything: anyone may ask about
// made-up keys (origins), and forgetting only costs the next lookups a load.
type Cache[K comparable, V any] struct {
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

// New returns a cache remembering each value for ttl, at most max keys, on
// the clock now.
func New[K comparable, V any](ttl time.Duration, max int, now func() time.Time) *Cache[K, V] {
	return &Cache[K, V]{ttl: ttl, max: max, now: now, entries: map[K]ttlEntry[V]{}}
}

// Get returns key's value, loading it when it is not remembered or its TTL
// has passed.
func (c *Cache[K, V]) Get(key K, load func() (V, error)) (V, error) {
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
	c.Set(key, v)
	return v, nil
}

// Set remembers v as key's value, from now, as read by the caller.
func (c *Cache[K, V]) Set(key K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		c.shrink()
	}
	c.entries[key] = ttlEntry[V]{value: v, expires: c.now().Add(c.ttl)}
}

// shrink makes room; the caller holds c.mu.
func (c *Cache[K, V]) shrink() {
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

// Len returns how many keys are remembered.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
