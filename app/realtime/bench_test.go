package realtime_test

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// latencies collects durations from many goroutines.
type latencies struct {
	mu  sync.Mutex
	all []time.Duration
}

func (l *latencies) add(d []time.Duration) {
	l.mu.Lock()
	l.all = append(l.all, d...)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B, prefix string) {
	slices.Sort(l.all)
	if len(l.all) == 0 {
		return
	}
	at := func(p int) float64 { return float64(l.all[min(len(l.all)-1, len(l.all)*p/100)].Microseconds()) }
	b.ReportMetric(at(50), prefix+"p50-µs")
	b.ReportMetric(at(99), prefix+"p99-µs")
}

// consume receives on sub until it closes, recording each event's latency
// from the time carried in its CreatedAt (the hub) or payload (end to end).
func consume(sub *realtime.Subscription, since func(*storage.Event) time.Duration, each func(*storage.Event), into *latencies, wg *sync.WaitGroup) {
	wg.Go(func() {
		var mine []time.Duration
		for d := range sub.Events() {
			e := d.Event
			mine = append(mine, since(e))
			if each != nil {
				each(e)
			}
		}
		into.add(mine)
	})
}

// BenchmarkHubFanOut publishes one shop's messages, each to one of 1,000
// shoppers and to the shop's 20 agents, and reports the latency from Publish
// to each recipient's receive.
func BenchmarkHubFanOut(b *testing.B) {
	const shop, shoppers, agents = 1, 1000, 20
	hub := realtime.NewHub(64)
	hub.Publish(nil, 0)
	var lat latencies
	var consumers, pending sync.WaitGroup
	var subs []*realtime.Subscription
	since := func(e *storage.Event) time.Duration { return time.Since(e.CreatedAt) }
	done := func(*storage.Event) { pending.Done() }
	for i := range shoppers + agents {
		f := realtime.Agents(shop)
		if i < shoppers {
			f = realtime.Shopper(shop, int64(i+1))
		}
		sub, _ := hub.Subscribe(f)
		subs = append(subs, sub)
		consume(sub, since, done, &lat, &consumers)
	}
	id := int64(0)
	for b.Loop() {
		id++
		pending.Add(1 + agents)
		e := storage.Event{ID: id, ShopID: shop, ProfileID: 1 + rand.Int64N(shoppers), Audience: storage.AudienceAll, CreatedAt: time.Now()}
		hub.Publish([]storage.Event{e}, id)
		pending.Wait()
	}
	for _, s := range subs {
		s.Close()
	}
	consumers.Wait()
	lat.report(b, "")
}

// BenchmarkListenerDelivery is the same fan-out end to end: 8 writers append
// messages through PostgreSQL, each waiting for its message to arrive before
// the next; the listener and hub deliver them to 1,000 shoppers' and 20
// agents' subscriptions. It reports the latency from the start of the append
// (its commit included) to each recipient's receive.
func BenchmarkListenerDelivery(b *testing.B) {
	const shoppers, agents, writers = 1000, 20, 8
	e := newEnv(b)
	in := e.start(b, realtime.ListenerConfig{Hub: realtime.NewHub(1024)})
	var profiles []int64
	if err := e.db.Select(&profiles, `INSERT INTO profiles (shop_id) SELECT $1 FROM generate_series(1, $2) RETURNING id`,
		e.shop, shoppers); err != nil {
		b.Fatal(err)
	}
	type stamp struct {
		Sent   int64 `json:"sent"`
		Writer int   `json:"writer"`
	}
	since := func(ev *storage.Event) time.Duration {
		var s stamp
		json.Unmarshal(ev.Payload, &s)
		return time.Since(time.Unix(0, s.Sent))
	}
	acks := make([]chan struct{}, writers)
	for w := range acks {
		acks[w] = make(chan struct{}, 1)
	}
	ack := func(ev *storage.Event) {
		var s stamp
		json.Unmarshal(ev.Payload, &s)
		acks[s.Writer] <- struct{}{}
	}
	var lat latencies
	var consumers sync.WaitGroup
	var subs []*realtime.Subscription
	for i := range shoppers + agents {
		f, each := realtime.Agents(e.shop), func(*storage.Event) {}
		if i < shoppers {
			f, each = realtime.Shopper(e.shop, profiles[i]), ack
		}
		sub, _ := in.hub.Subscribe(f)
		subs = append(subs, sub)
		consume(sub, since, each, &lat, &consumers)
	}
	b.ResetTimer()
	var commits latencies // the appends alone, for comparison
	var sent atomic.Int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			var mine []time.Duration
			for sent.Add(1) <= int64(b.N) {
				start := time.Now()
				_, err := e.log.Append(context.Background(), storage.NewEvent{ShopID: e.shop, Kind: "message.created",
					ProfileID: profiles[rand.IntN(shoppers)], Payload: stamp{Sent: start.UnixNano(), Writer: w}})
				if err != nil {
					b.Error(err)
					return
				}
				mine = append(mine, time.Since(start))
				<-acks[w]
			}
			commits.add(mine)
		})
	}
	wg.Wait()
	b.StopTimer()
	time.Sleep(100 * time.Millisecond) // the agents' copies of the last messages
	for _, s := range subs {
		s.Close()
	}
	consumers.Wait()
	lat.report(b, "")
	commits.report(b, "append-")
}

// BenchmarkShopperSubscriptionMemory opens 10,000 shopper subscriptions (100
// shops of 100 shoppers) and reports the memory each holds in the hub, and
// with the goroutine and ping ticker a stream adds beside the hub (its
// connection's own buffers are fasthttp's and not counted here; see
// BenchmarkSSEStreamMemory).
func BenchmarkShopperSubscriptionMemory(b *testing.B) {
	const n = 10_000
	var perSub, perStream float64
	for b.Loop() {
		hub := realtime.NewHub(0)
		hub.Publish(nil, 0)
		subs := make([]*realtime.Subscription, n)
		before := memInUse()
		for i := range subs {
			subs[i], _ = hub.Subscribe(realtime.Shopper(int64(i%100+1), int64(i+1)))
		}
		withSubs := memInUse()
		var parked sync.WaitGroup
		stop := make(chan struct{})
		for _, s := range subs {
			parked.Go(func() {
				ping := time.NewTicker(time.Hour)
				defer ping.Stop()
				select {
				case <-s.Events():
				case <-ping.C:
				case <-stop:
				}
			})
		}
		withGoroutines := memInUse()
		perSub = float64(withSubs-before) / n
		perStream = float64(withGoroutines-before) / n
		close(stop)
		parked.Wait()
		for _, s := range subs {
			s.Close()
		}
	}
	b.ReportMetric(perSub, "bytes/sub")
	b.ReportMetric(perStream, "bytes/sub+goroutine")
}

// memInUse is the heap and stacks in use, once the garbage is collected; the
// second collection empties the sync.Pools, whose contents are not in use.
func memInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc + m.StackInuse
}
