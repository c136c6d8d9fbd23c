package builtin_test

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// stormLength is how long the product webhook storm lasts.
const stormLength = 3 * time.Second

// BenchmarkAnswerDuringProductStorm answers questions in the 10,000-document
// shop while a product is saved every 20 ms (a webhook storm bumping the
// knowledge version fifty times a second), and prints the answers' p50 and
// p99 and the rebuilds the storm cost: the index is rebuilt in the
// background, one build at a time, so answers do not wait for each change.
func BenchmarkAnswerDuringProductStorm(b *testing.B) {
	f := newFixture(b)
	generateDocuments(b, f, benchDocuments-len(outdoorFAQs)-len(outdoorArticles)-len(outdoorPolicies)-len(outdoorProducts))
	engine := builtin.New(f.knowledge, f.orders, builtin.Options{})
	ask := func(text string) time.Duration {
		t0 := time.Now()
		if _, err := engine.Answer(f.ctx, f.shopID, aiagent.Question{Text: text, Language: "en"}); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	ask("shipping") // the first build
	builds := engine.Builds()
	b.ResetTimer()
	var stop atomic.Bool
	saved := make(chan int)
	go func() {
		n := 0
		for ; !stop.Load(); n++ {
			p := storage.Product{ShopifyID: 8001, Title: "Trailhead Merino Hoodie", Handle: "trailhead-merino-hoodie",
				Price: fmt.Sprintf("%d.00", 80+n%20), Status: "active", UpdatedAt: time.Now().Add(time.Duration(n) * time.Second)}
			if _, err := f.products.Save(f.ctx, f.shopID, p); err != nil {
				b.Error(err)
			}
			time.Sleep(20 * time.Millisecond) // the storm's pace, not a synchronisation
		}
		saved <- n
	}()
	var latencies []time.Duration
	questions := []string{"does this hoodie run big?", "how long does delivery take", "do you have rain jackets?"}
	for start := time.Now(); time.Since(start) < stormLength || len(latencies) < b.N; {
		latencies = append(latencies, ask(questions[len(latencies)%len(questions)]))
	}
	stop.Store(true)
	changes := <-saved
	b.StopTimer()
	slices.Sort(latencies)
	p50, p99 := latencies[len(latencies)*50/100], latencies[len(latencies)*99/100]
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	fmt.Printf("built-in engine during a product storm (%d documents, %d product saves in %v): %d answers, p50 %v, p99 %v, "+
		"slowest %v (an answer waits only once a change is older than a second), %d rebuilds\n",
		benchDocuments, changes, stormLength, len(latencies), p50.Round(10*time.Microsecond), p99.Round(10*time.Microsecond),
		latencies[len(latencies)-1].Round(time.Millisecond), engine.Builds()-builds)
}
