package builtin

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// indexCache keeps the indexes of the shops answered most recently, one per
// shop and analysis language, within a bound on their estimated bytes and
// their number; the least recently used goes first.
//
// Freshness: every answer says which knowledge version it saw. An index
// older than that is rebuilt in the background, one build per index at a
// time, and until the build lands answers keep using the index they have,
// for at most maxStale after the first answer that saw the change; past
// that they wait for the build. An index that was quick to build (a shop of
// ordinary size) is not served stale at all: answers wait the few
// milliseconds its rebuild takes, so a merchant who edits a FAQ or adds a
// synonym sees it in the very next answer. A storm of changes (a product webhook burst)
// thus costs one build at a time, not one per change, and never an answer
// that reads knowledge older than maxStale.
type indexCache struct {
	mu         sync.Mutex
	maxIndexes int
	maxBytes   int64
	maxStale   time.Duration
	quickBuild time.Duration // builds shorter than this are waited for
	now        func() time.Time
	entries    map[cacheKey]*cacheEntry
	bytes      int64            // the estimated bytes of the indexes held
	locales    map[int64]string // shop → the language its primary locale gives its index, when known
	tick       uint64           // a logical clock for least-recently-used eviction
	builds     atomic.Int64
}

type cacheKey struct {
	shopID int64
	lang   string // the analysis language
}

type cacheEntry struct {
	idx   *index // nil until the first build lands
	used  uint64
	newer []sighting    // versions seen above idx's, oldest first, with when first seen
	build *pendingBuild // the build running, nil for none
	// took is how long idx took to index (index.took).
	took time.Duration
}

// sighting is a knowledge version an answer saw, and when it first did.
type sighting struct {
	version int64
	at      time.Time
}

// pendingBuild is a build in flight; done closes once idx or err is set.
type pendingBuild struct {
	done chan struct{}
	idx  *index
	err  error
}

// buildTimeout bounds a background build, which no answer's deadline
// bounds since answers that started it may have finished.
const buildTimeout = time.Minute

func newIndexCache(opts Options) *indexCache {
	return &indexCache{maxIndexes: opts.MaxIndexes, maxBytes: opts.MaxIndexBytes, maxStale: opts.MaxStale,
		quickBuild: opts.QuickBuild, now: opts.Now,
		entries: map[cacheKey]*cacheEntry{}, locales: map[int64]string{}}
}

// language is the analysis language of the shop's index when its primary
// locale gave one at its last build; ok is false when not known.
func (c *indexCache) language(shopID int64) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	lang, ok := c.locales[shopID]
	return lang, ok
}

// current returns the index for key that answers at version: one at that
// version or newer, or one older by at most maxStale while its rebuild
// runs. build reads a fresh snapshot and indexes it.
func (c *indexCache) current(ctx context.Context, key cacheKey, version int64, build func(context.Context) (*index, error)) (*index, error) {
	for {
		c.mu.Lock()
		e := c.entries[key]
		if e == nil {
			e = &cacheEntry{}
			c.entries[key] = e
		}
		c.tick++
		e.used = c.tick
		if e.idx != nil && e.idx.version >= version {
			c.mu.Unlock()
			return e.idx, nil
		}
		now := c.now()
		if n := len(e.newer); n == 0 || e.newer[n-1].version < version {
			e.newer = append(e.newer, sighting{version, now})
		}
		if e.build == nil {
			e.build = c.start(ctx, key, e, build)
		}
		pending := e.build
		if e.idx != nil && e.took >= c.quickBuild && now.Sub(e.newer[0].at) < c.maxStale {
			idx := e.idx
			c.mu.Unlock()
			return idx, nil
		}
		c.mu.Unlock()
		select {
		case <-pending.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if pending.err != nil {
			return nil, pending.err
		}
		if pending.idx.version >= version {
			return pending.idx, nil
		}
		// The build read its snapshot before the change this answer saw:
		// the next round starts another.
	}
}

// start runs a build of key's index in the background; c.mu is held.
func (c *indexCache) start(ctx context.Context, key cacheKey, e *cacheEntry, build func(context.Context) (*index, error)) *pendingBuild {
	p := &pendingBuild{done: make(chan struct{})}
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), buildTimeout)
	go func() {
		defer cancel()
		idx, err := build(bctx)
		c.mu.Lock()
		defer c.mu.Unlock()
		e.build = nil
		p.idx, p.err = idx, err
		if err == nil {
			c.builds.Add(1)
		}
		close(p.done)
		if err != nil {
			if e.idx == nil && c.entries[key] == e {
				delete(c.entries, key)
			}
			return
		}
		if idx.byLocale && idx.kit.code != key.lang {
			// The first build of a shop whose locale gives its language
			// (the answer asked under the shopper's): file it under its own.
			if e.idx == nil {
				delete(c.entries, key)
			}
			key = cacheKey{key.shopID, idx.kit.code}
			if e = c.entries[key]; e == nil {
				e = &cacheEntry{used: c.tick}
				c.entries[key] = e
			}
		}
		c.install(key, e, idx)
	}()
	return p
}

// install makes idx key's index unless a newer one is there, and evicts
// past the bounds; c.mu is held.
func (c *indexCache) install(key cacheKey, e *cacheEntry, idx *index) {
	if c.entries[key] != e || e.idx != nil && e.idx.version > idx.version {
		return // evicted while it was built, or a newer index landed first
	}
	if e.idx != nil {
		c.bytes -= e.idx.bytes
	}
	e.idx, e.took = idx, idx.took
	c.bytes += idx.bytes
	keep := e.newer[:0]
	for _, s := range e.newer {
		if s.version > idx.version {
			keep = append(keep, s)
		}
	}
	e.newer = keep
	if idx.byLocale {
		c.locales[key.shopID] = idx.kit.code
	} else {
		delete(c.locales, key.shopID)
	}
	c.evict(key)
}

// evict drops the least recently used indexes, never the one just
// installed nor one being rebuilt, until both bounds hold; c.mu is held.
func (c *indexCache) evict(keep cacheKey) {
	for {
		held := 0
		for _, e := range c.entries {
			if e.idx != nil {
				held++
			}
		}
		if held <= c.maxIndexes && c.bytes <= c.maxBytes {
			return
		}
		var oldest cacheKey
		var victim *cacheEntry
		for k, e := range c.entries {
			if k != keep && e.idx != nil && e.build == nil && (victim == nil || e.used < victim.used) {
				oldest, victim = k, e
			}
		}
		if victim == nil {
			return
		}
		c.bytes -= victim.idx.bytes
		delete(c.entries, oldest)
		if c.locales[oldest.shopID] == oldest.lang {
			delete(c.locales, oldest.shopID)
		}
	}
}

// heldBytes is the estimated bytes of the indexes held.
func (c *indexCache) heldBytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}
