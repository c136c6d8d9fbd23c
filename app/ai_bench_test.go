package app_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/storage"
)

// BenchmarkShopperPostToAIAnswer measures what a shopper waits for the AI
// agent (built-in engine): from the start of their message's POST to the
// agent's answer on their live stream, through the real API, job queue,
// engine and event log (DESIGN §7: p99 ≤ 100 ms). Each shopper sends a few
// messages (the rate limit allows a burst of ten), one at a time.
func BenchmarkShopperPostToAIAnswer(b *testing.B) {
	env := apptest.Start(b, apptest.Options{})
	env.Install(b)
	env.WaitForJobs(b)
	env.TurnOnAIAgent(b, shippingFAQ, [2]string{"Can I return an item?", "Yes, within 30 days, unworn."},
		[2]string{"Do you ship internationally?", "We ship to 40 countries."})
	questions := []string{"how many days until my parcel arrives?", "can i send back a jumper", "do you deliver to canada"}
	const perShopper = 6
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{}}
	b.Cleanup(client.CloseIdleConnections)
	var waits []time.Duration
	var token string
	var events <-chan apptest.Event
	b.ResetTimer()
	for i := range b.N {
		if i%perShopper == 0 {
			b.StopTimer()
			token = env.ShopperToken(b, int64(90000+i/perShopper))
			events = apptest.Stream(b, env.ShopperRequest(b, token, "GET", "/stream", nil))
			b.StartTimer()
		}
		post := env.ShopperRequest(b, token, "POST", "/messages", map[string]string{
			"client_id": fmt.Sprintf("00000000-0000-4000-8000-%012d", i), "body": questions[i%len(questions)], "language": "en"})
		start := time.Now()
		resp, err := client.Do(post)
		if err != nil || resp.StatusCode != 201 {
			b.Fatalf("message %d: %v %v", i, resp, err)
		}
		resp.Body.Close()
		for ev := apptest.Next(b, events, "message.created"); ev.Data["author"] != storage.AuthorAI; ev = apptest.Next(b, events, "message.created") {
		}
		waits = append(waits, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(waits)
	at := func(p int) float64 { return float64(waits[min(len(waits)-1, len(waits)*p/100)].Microseconds()) / 1000 }
	b.ReportMetric(at(50), "p50-ms")
	b.ReportMetric(at(99), "p99-ms")
	b.ReportMetric(float64(waits[len(waits)-1].Microseconds())/1000, "max-ms")
}
