package realtime_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/realtime"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// Events appended by concurrent transactions reach each subscriber in id
// order, and only those its filter lets through.
func TestListenerDeliversEachSubscriberItsEventsInOrder(t *testing.T) {
	e := newEnv(t)
	// Room for every event: the test reads only once all are appended.
	in := e.start(t, realtime.ListenerConfig{Hub: realtime.NewHub(1000)})
	_, neighbour, neighbourConv := e.shopper(t, e.shop)
	otherShop, otherProfile, otherConv := e.shopper(t, 0)
	subs := map[string]realtime.Filter{
		"shopper":         realtime.Shopper(e.shop, e.profile),
		"neighbour":       realtime.Shopper(e.shop, neighbour),
		"agents":          realtime.Agents(e.shop),
		"other shop":      realtime.Agents(otherShop),
		"other's shopper": realtime.Shopper(otherShop, otherProfile),
		// The profile is the shopper's, the shop is not: nothing may pass.
		"mismatched": realtime.Shopper(otherShop, e.profile),
	}
	kinds := []storage.NewEvent{
		e.message("to the shopper"),
		{ShopID: e.shop, Kind: "conversation.updated", ConversationID: e.conversation, ProfileID: e.profile, Audience: storage.AudienceAgents},
		{ShopID: e.shop, Kind: "message.created", ConversationID: neighbourConv, ProfileID: neighbour},
		{ShopID: otherShop, Kind: "message.created", ConversationID: otherConv, ProfileID: otherProfile},
		{ShopID: e.shop, Kind: "settings.updated"},
	}
	want := map[string][]int64{}
	subscriptions := map[string]*realtime.Subscription{}
	for name, f := range subs {
		sub, _ := in.hub.Subscribe(f)
		defer sub.Close()
		subscriptions[name] = sub
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 40 {
				ev := kinds[(w+i)%len(kinds)]
				id := e.append(t, ev)
				stored := storage.Event{ID: id, ShopID: ev.ShopID, ProfileID: ev.ProfileID, Audience: ev.Audience}
				if stored.Audience == "" {
					stored.Audience = storage.AudienceAll
				}
				mu.Lock()
				for name, f := range subs {
					if f.Match(&stored) {
						want[name] = append(want[name], id)
					}
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for name, sub := range subscriptions {
		expected := sorted(want[name])
		if got := collect(t, sub, len(expected)); fmt.Sprint(got) != fmt.Sprint(expected) {
			t.Errorf("%s received %v, want %v", name, got, expected)
		}
		expectQuiet(t, sub, 50*time.Millisecond)
	}
	if len(want["shopper"]) == 0 || len(want["agents"]) <= len(want["shopper"]) || len(want["mismatched"]) != 0 {
		t.Fatalf("the test's events do not exercise the filters: %v", want)
	}
}

// holdConversation starts a transaction that locks conversation c, so an
// event appended about c waits in its foreign-key check, its id drawn but not
// committed: the appending transaction stays in flight until the returned
// release runs. release(true) deletes the conversation first, so that append
// fails and its transaction rolls back.
func (e *env) holdConversation(t *testing.T, c int64) (release func(deleteIt bool)) {
	t.Helper()
	tx := e.db.MustBeginTx(context.Background(), nil)
	tx.MustExec(`SELECT id FROM conversations WHERE id = $1 FOR UPDATE`, c)
	return func(deleteIt bool) {
		if deleteIt {
			tx.MustExec(`DELETE FROM conversations WHERE id = $1`, c)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
}

// waitForBlockedAppend returns once an append is waiting on a lock.
func (e *env) waitForBlockedAppend(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		var n int
		e.db.Get(&n, `SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO events%'`)
		if n > 0 {
			return
		}
	}
	t.Fatal("the append never blocked")
}

// The later id commits first: the listener holds it back until the earlier
// one is committed, then delivers both in order, once; or, if the earlier
// one rolls back, delivers the later one alone.
func TestListenerDeliversAnEarlierIDThatCommitsLater(t *testing.T) {
	for _, rollback := range []bool{false, true} {
		t.Run(fmt.Sprintf("rollback=%v", rollback), func(t *testing.T) {
			e := newEnv(t)
			in := e.start(t, realtime.ListenerConfig{})
			_, _, fast := e.shopper(t, e.shop)
			sub, _ := in.hub.Subscribe(realtime.Agents(e.shop))
			defer sub.Close()

			release := e.holdConversation(t, e.conversation)
			slow := make(chan int64, 1)
			go func() {
				id, err := e.log.Append(context.Background(), e.message("slow"))
				if (err != nil) != rollback {
					t.Errorf("slow append: %v", err)
				}
				slow <- id
			}()
			e.waitForBlockedAppend(t)
			late := e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ConversationID: fast})
			expectQuiet(t, sub, 300*time.Millisecond)

			release(rollback)
			early := <-slow
			want := []int64{early, late}
			if rollback {
				want = want[1:]
			} else if early >= late {
				t.Fatalf("the slow append got id %d, after the fast one's %d", early, late)
			}
			if got := collect(t, sub, len(want)); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("received %v, want %v", got, want)
			}
			expectQuiet(t, sub, 100*time.Millisecond)
		})
	}
}

// The listener's connection is killed again and again while events are
// appended; it reconnects, catches up, and delivers every event exactly once,
// in order. Its poll is off, so only the catch-up after a reconnect can find
// the events committed while it was away.
func TestListenerLosesNothingWhenItsConnectionIsKilled(t *testing.T) {
	e := newEnv(t)
	in := e.start(t, realtime.ListenerConfig{Poll: time.Hour, Batch: 7, Hub: realtime.NewHub(1000)})
	sub, _ := in.hub.Subscribe(realtime.Agents(e.shop))
	defer sub.Close()

	var kills atomic.Int64
	stop := make(chan struct{})
	var killer sync.WaitGroup
	killer.Go(func() {
		for {
			select {
			case <-stop:
				return
			case <-time.After(40 * time.Millisecond):
			}
			var n int64
			if err := e.db.Get(&n, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE application_name = $1`, in.name); err != nil {
				t.Error(err)
			}
			kills.Add(n)
		}
	})
	var mu sync.Mutex
	var appended []int64
	var writers sync.WaitGroup
	// Each writer appends 100 events, and goes on while the connection has
	// been killed fewer than three times (the appends take as long as the
	// machine makes them), for 20 s at most.
	deadline := time.Now().Add(20 * time.Second)
	for range 3 {
		writers.Go(func() {
			for n := 0; n < 100 || (kills.Load() < 3 && time.Now().Before(deadline)); n++ {
				id := e.append(t, e.message("x"))
				mu.Lock()
				appended = append(appended, id)
				mu.Unlock()
				time.Sleep(time.Millisecond)
			}
		})
	}
	writers.Wait()
	close(stop)
	killer.Wait()
	if kills.Load() < 3 {
		t.Fatalf("the listener's connection was killed %d times; the test needs several", kills.Load())
	}
	want := sorted(appended)
	if got := collect(t, sub, len(want)); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("received %v,\nwant %v", got, want)
	}
	expectQuiet(t, sub, 200*time.Millisecond)
	t.Logf("%d events, connection killed %d times", len(want), kills.Load())
}

// Two app instances on one database: an event appended through either is
// delivered by both.
func TestEveryInstanceDeliversEveryEvent(t *testing.T) {
	e := newEnv(t)
	a, b := e.start(t, realtime.ListenerConfig{}), e.start(t, realtime.ListenerConfig{})
	subA, _ := a.hub.Subscribe(realtime.Shopper(e.shop, e.profile))
	defer subA.Close()
	subB, _ := b.hub.Subscribe(realtime.Shopper(e.shop, e.profile))
	defer subB.Close()
	// Each instance has its own pool; the two share nothing but the database.
	other := storage.NewEvents(pgtest.Open(t, e.url), time.Now)
	want := []int64{e.append(t, e.message("via a")), 0}
	id, err := other.Append(context.Background(), e.message("via b"))
	if err != nil {
		t.Fatal(err)
	}
	want[1] = id
	for name, sub := range map[string]*realtime.Subscription{"a": subA, "b": subB} {
		if got := collect(t, sub, 2); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("instance %s delivered %v, want %v", name, got, want)
		}
	}
}

// A listener starting on a log that has events begins after them.
func TestListenerStartsAtTheEndOfTheLog(t *testing.T) {
	e := newEnv(t)
	old := e.append(t, e.message("before the listener"))
	in := e.start(t, realtime.ListenerConfig{})
	if h := in.hub.Horizon(); h != old {
		t.Fatalf("horizon %d, want %d", h, old)
	}
	sub, horizon := in.hub.Subscribe(realtime.Agents(e.shop))
	defer sub.Close()
	next := e.append(t, e.message("after"))
	if got := collect(t, sub, 1); got[0] != next || horizon != old {
		t.Fatalf("received %v after horizon %d; want %d after %d", got, horizon, next, old)
	}
}

// Events committed while the listener is disconnected, with nothing appended
// after them, are found by the catch-up that follows its reconnect. The
// database refuses new connections meanwhile, so the reconnect comes after
// the commits.
func TestListenerCatchesUpAfterReconnecting(t *testing.T) {
	e := newEnv(t)
	in := e.start(t, realtime.ListenerConfig{Poll: time.Hour})
	sub, _ := in.hub.Subscribe(realtime.Agents(e.shop))
	defer sub.Close()
	var db string
	e.db.Get(&db, `SELECT current_database()`)
	admin := pgtest.Open(t, pgtest.URLFor(t, "postgres")) // a database cannot lock itself out
	// The test's appends and the listener's reads of the log share one
	// pool: it opens connections enough for both before new ones are refused.
	openConnections(t, e.db, 4)
	admin.MustExec(fmt.Sprintf(`ALTER DATABASE %q ALLOW_CONNECTIONS false`, db))
	defer admin.Exec(fmt.Sprintf(`ALTER DATABASE %q ALLOW_CONNECTIONS true`, db))
	e.db.MustExec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, in.name)
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		var n int
		e.db.Get(&n, `SELECT count(*) FROM pg_stat_activity WHERE application_name = $1`, in.name)
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the listener's connection outlived its termination")
		}
	}
	want := []int64{e.append(t, e.message("while away")), e.append(t, e.message("while away, too"))}
	time.Sleep(200 * time.Millisecond) // a reconnect or two fails
	admin.MustExec(fmt.Sprintf(`ALTER DATABASE %q ALLOW_CONNECTIONS true`, db))
	if got := collect(t, sub, 2); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("received %v, want %v", got, want)
	}
}

// An event committed with no wake-up after it (its writer's instance ended
// between the commit and its notification: here, a row written straight into
// the log, which wakes no one) reaches the streams within the listener's
// default poll, though nothing else is appended after it.
func TestListenerFindsAnEventWhoseWakeUpWasLost(t *testing.T) {
	e := newEnv(t)
	in := e.start(t, realtime.ListenerConfig{})
	sub, _ := in.hub.Subscribe(realtime.Agents(e.shop))
	defer sub.Close()
	start := time.Now()
	var id int64
	if err := e.db.Get(&id, `INSERT INTO events (shop_id, kind, conversation_id, profile_id, audience, payload, created_at)
		VALUES ($1, 'message.created', $2, $3, 'all', '{}', now()) RETURNING id`, e.shop, e.conversation, e.profile); err != nil {
		t.Fatal(err)
	}
	const bound = 3 * time.Second // a poll of 1 s, and its read on a busy machine
	select {
	case ev, ok := <-sub.Events():
		if !ok || ev.ID != id {
			t.Fatalf("received %+v (open %v), want event %d", ev, ok, id)
		}
	case <-time.After(bound):
		t.Fatalf("event %d, committed with no wake-up, not delivered within %v", id, bound)
	}
	t.Logf("delivered after %v with no wake-up", time.Since(start).Round(time.Millisecond))
}

// openConnections has db's pool open n connections at once (and keep them
// idle), so that n statements at a time need no new one.
func openConnections(t *testing.T, db *sqlx.DB, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := db.Exec(`SELECT pg_sleep(0.1)`)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
