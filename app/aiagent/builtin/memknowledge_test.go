package builtin_test

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"hubchat/storage"
)

// memoryKnowledge is shops' knowledge held in memory, for tests of what the
// database cannot show on demand: a snapshot that takes its time, product
// fields and a primary locale the storage does not fill yet.
type memoryKnowledge struct {
	mu        sync.Mutex
	shops     map[int64]storage.KnowledgeSnapshot
	gate      chan struct{} // when set, snapshots wait until it closes
	waiting   chan struct{} // a snapshot waiting at the gate sends on it
	snapshots atomic.Int64
	versions  atomic.Int64 // Version calls
}

func newMemoryKnowledge() *memoryKnowledge {
	return &memoryKnowledge{shops: map[int64]storage.KnowledgeSnapshot{}, waiting: make(chan struct{}, 100)}
}

// set replaces a shop's knowledge as a new version.
func (k *memoryKnowledge) set(shopID int64, snap storage.KnowledgeSnapshot) {
	k.mu.Lock()
	defer k.mu.Unlock()
	snap.Version = k.shops[shopID].Version + 1
	k.shops[shopID] = snap
}

// hold makes the next snapshots wait until the returned function runs.
func (k *memoryKnowledge) hold() (release func()) {
	k.mu.Lock()
	defer k.mu.Unlock()
	gate := make(chan struct{})
	k.gate = gate
	return func() {
		k.mu.Lock()
		k.gate = nil
		k.mu.Unlock()
		close(gate)
	}
}

func (k *memoryKnowledge) Version(_ context.Context, shopID int64) (int64, error) {
	k.versions.Add(1)
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.shops[shopID]
	if !ok {
		return 0, storage.ErrNotFound
	}
	return s.Version, nil
}

func (k *memoryKnowledge) Snapshot(ctx context.Context, shopID int64) (storage.KnowledgeSnapshot, error) {
	k.snapshots.Add(1)
	k.mu.Lock()
	gate := k.gate
	k.mu.Unlock()
	if gate != nil {
		k.waiting <- struct{}{}
		select {
		case <-gate:
		case <-ctx.Done():
			return storage.KnowledgeSnapshot{}, ctx.Err()
		}
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.shops[shopID]
	if !ok {
		return storage.KnowledgeSnapshot{}, storage.ErrNotFound
	}
	return s, nil
}

// noOrders is a shop without orders.
type noOrders struct{}

func (noOrders) CustomerOrders(context.Context, int64, int64, int) ([]storage.CustomerOrder, error) {
	return nil, nil
}

// fakeClock is a clock the test moves.
type fakeClock struct{ now atomic.Int64 }

func (c *fakeClock) Now() time.Time           { return time.Unix(0, c.now.Load()) }
func (c *fakeClock) advance(by time.Duration) { c.now.Add(int64(by)) }

// faqShop is a shop's knowledge of FAQs alone, in English unless locale says.
func faqShop(locale string, faqs ...[2]string) storage.KnowledgeSnapshot {
	snap := storage.KnowledgeSnapshot{ShopName: "Shop", StorefrontURL: "https://shop.example", Currency: "USD", Locale: locale}
	for i, f := range faqs {
		snap.FAQs = append(snap.FAQs, storage.FAQ{ID: int64(i + 1), Question: f[0], Answer: f[1], Published: true})
	}
	return snap
}
