package builtin

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
)

// indexCache keeps the indexes of the shops answered most recently, one per
// shop and language, each valid for its knowledge version. Concurrent
// answers for a shop whose index is missing or stale build it once.
type indexCache struct {
	mu      sync.Mutex
	max     int
	entries map[cacheKey]*cacheEntry
	tick    uint64 // a logical clock for least-recently-used eviction
	builds  atomic.Int64
	group   singleflight.Group
}

type cacheKey struct {
	shopID int64
	lang   string
}

type cacheEntry struct {
	idx  *index
	used uint64
}

func newIndexCache(max int) *indexCache {
	return &indexCache{max: max, entries: map[cacheKey]*cacheEntry{}}
}

// current returns the shop's index for lang at version or newer, building
// it from a fresh snapshot when the cached one is older or missing.
func (c *indexCache) current(ctx context.Context, key cacheKey, version int64, build func(context.Context) (*index, error)) (*index, error) {
	if idx := c.get(key); idx != nil && idx.version >= version {
		return idx, nil
	}
	name := strconv.FormatInt(key.shopID, 10) + "/" + key.lang
	v, err, _ := c.group.Do(name, func() (any, error) {
		if idx := c.get(key); idx != nil && idx.version >= version {
			return idx, nil // built by the flight that just ended
		}
		idx, err := build(ctx)
		if err != nil {
			return nil, err
		}
		c.builds.Add(1)
		c.put(key, idx)
		return idx, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*index), nil
}

func (c *indexCache) get(key cacheKey) *index {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil
	}
	c.tick++
	e.used = c.tick
	return e.idx
}

// put stores idx, evicting the least recently used index past the bound.
func (c *indexCache) put(key cacheKey, idx *index) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[key]; ok && old.idx.version > idx.version {
		return // a newer index landed first
	}
	c.tick++
	c.entries[key] = &cacheEntry{idx: idx, used: c.tick}
	for len(c.entries) > c.max {
		var oldest cacheKey
		first := true
		for k, e := range c.entries {
			if first || e.used < c.entries[oldest].used {
				oldest, first = k, false
			}
		}
		delete(c.entries, oldest)
	}
}
