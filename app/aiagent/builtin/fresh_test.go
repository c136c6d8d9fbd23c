package builtin_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// While a shop's index is rebuilt after a change, answers keep using the
// previous index rather than wait for the build; a storm of changes meanwhile
// costs one more build, not one per change; and once the change is older
// than the staleness bound (a second), answers wait for the new index.
func TestRebuildsRunInTheBackgroundWithBoundedStaleness(t *testing.T) {
	k, clock := newMemoryKnowledge(), &fakeClock{}
	k.set(1, faqShop("", [2]string{"How long does shipping take?", "Shipping takes 5 days."}))
	// QuickBuild -1: this small shop is served stale as a large one would be.
	e := builtin.New(k, noOrders{}, builtin.Options{Now: clock.Now, QuickBuild: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second) // a wait would block on the held snapshot
	defer cancel()
	ask := func() string {
		t.Helper()
		a, err := e.Answer(ctx, 1, aiagent.Question{Text: "how long does shipping take", Language: "en"})
		if err != nil {
			t.Fatalf("answer: %v", err)
		}
		return a.Text
	}
	if got := ask(); got != "Shipping takes 5 days." {
		t.Fatalf("first answer %q", got)
	}
	release := k.hold()
	for i := range 20 {
		k.set(1, faqShop("", [2]string{"How long does shipping take?", fmt.Sprintf("Shipping takes %d days.", 4-i%2)}))
		if got := ask(); got != "Shipping takes 5 days." {
			t.Fatalf("change %d: answer %q while the rebuild runs, want the previous index's", i, got)
		}
		clock.advance(10 * time.Millisecond)
	}
	<-k.waiting // the rebuild started
	clock.advance(time.Second)
	answered := make(chan string, 1)
	go func() {
		a, err := e.Answer(ctx, 1, aiagent.Question{Text: "how long does shipping take", Language: "en"})
		if err != nil {
			t.Error(err)
		}
		answered <- a.Text
	}()
	release()
	if got := <-answered; got != "Shipping takes 3 days." {
		t.Errorf("a second after the change: %q, want the new index's answer", got)
	}
	if n := k.snapshots.Load(); n != 2 {
		t.Errorf("%d snapshots read for the first build and a storm of 20 changes, want 2 (one rebuild at a time)", n)
	}
}

// A shop whose index builds quickly is never answered stale: the answer
// right after a change (a FAQ edited, a synonym added) comes from it.
func TestAQuickShopAnswersFromItsLatestChange(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, faqShop("", [2]string{"How long does shipping take?", "Shipping takes 5 days."}))
	e := builtin.New(k, noOrders{}, builtin.Options{}) // the defaults: a second of staleness for slow builds
	for i, want := range []string{"Shipping takes 5 days.", "Shipping takes 3 days.", "Shipping takes 2 days."} {
		if i > 0 {
			k.set(1, faqShop("", [2]string{"How long does shipping take?", want}))
		}
		a, err := e.Answer(context.Background(), 1, aiagent.Question{Text: "how long does shipping take", Language: "en"})
		if err != nil || a.Text != want {
			t.Fatalf("answer %d: %q, %v; want %q", i, a.Text, err, want)
		}
	}
}

// The indexes held are bounded by their estimated bytes: with room for one
// shop's, answering a second evicts the first, which is rebuilt when its
// shop asks again.
func TestIndexMemoryIsBoundedByBytes(t *testing.T) {
	k := newMemoryKnowledge()
	for shop := int64(1); shop <= 2; shop++ {
		k.set(shop, faqShop("", [2]string{"How long does shipping take?", "Shipping takes 5 days."},
			[2]string{"Do you ship abroad?", "We ship to Canada and the United Kingdom."}))
	}
	probe := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	if _, err := probe.Answer(context.Background(), 1, aiagent.Question{Text: "shipping", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	one := probe.HeldBytes()
	if one <= 0 {
		t.Fatalf("an index estimated at %d bytes", one)
	}
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1, MaxIndexBytes: one * 3 / 2})
	for _, shop := range []int64{1, 2, 1} {
		if _, err := e.Answer(context.Background(), shop, aiagent.Question{Text: "shipping", Language: "en"}); err != nil {
			t.Fatal(err)
		}
		if held := e.HeldBytes(); held > one*3/2 {
			t.Errorf("%d bytes held, over the bound of %d", held, one*3/2)
		}
	}
	if b := e.Builds(); b != 3 {
		t.Errorf("%d builds, want 3 with room for one shop's index", b)
	}
}
