package realtime_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/realtime"
	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// env is a database with a shop whose shopper has a conversation.
type env struct {
	url                         string
	db                          *sqlx.DB
	log                         *storage.Events
	shop, profile, conversation int64
	// writeTimeout is the streams' StreamerConfig.WriteTimeout (0: the
	// default).
	writeTimeout time.Duration
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	dbURL := pgtest.NewURL(tb)
	e := &env{url: dbURL, db: pgtest.Open(tb, dbURL)}
	e.log = storage.NewEvents(e.db, time.Now)
	e.shop, e.profile, e.conversation = e.shopper(tb, 0)
	return e
}

// shopper makes a profile with a conversation in shop, or in a new shop when
// shop is 0.
func (e *env) shopper(tb testing.TB, shop int64) (shopID, profile, conversation int64) {
	tb.Helper()
	if shop == 0 {
		if err := e.db.Get(&shop, `INSERT INTO shops (domain) VALUES ($1) RETURNING id`, randomName("shop")+".myshopify.com"); err != nil {
			tb.Fatal(err)
		}
	}
	if err := e.db.Get(&profile, `INSERT INTO profiles (shop_id) VALUES ($1) RETURNING id`, shop); err != nil {
		tb.Fatal(err)
	}
	if err := e.db.Get(&conversation, `INSERT INTO conversations (shop_id, profile_id, last_message_at, created_at, updated_at)
		VALUES ($1, $2, now(), now(), now()) RETURNING id`, shop, profile); err != nil {
		tb.Fatal(err)
	}
	return shop, profile, conversation
}

func randomName(prefix string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return prefix + "_" + hex.EncodeToString(b)
}

// message is a message.created event for e's shopper.
func (e *env) message(text string) storage.NewEvent {
	return storage.NewEvent{ShopID: e.shop, Kind: "message.created", ConversationID: e.conversation,
		ProfileID: e.profile, Payload: map[string]string{"body": text}}
}

func (e *env) append(tb testing.TB, ev storage.NewEvent) int64 {
	tb.Helper()
	id, err := e.log.Append(context.Background(), ev)
	if err != nil {
		tb.Errorf("append %+v: %v", ev, err)
	}
	return id
}

// instance is one app instance's realtime half: a hub fed by its listener.
type instance struct {
	hub  *realtime.Hub
	name string // the listener connection's application_name
	out  *logBuffer
}

// start runs a listener and its hub on e's database until the test ends, and
// returns once the hub is ready.
func (e *env) start(tb testing.TB, cfg realtime.ListenerConfig) *instance {
	tb.Helper()
	in := &instance{hub: realtime.NewHub(0), name: randomName("hubchat_listener"), out: &logBuffer{}}
	if cfg.Hub != nil {
		in.hub = cfg.Hub
	}
	dsn, err := url.Parse(e.url)
	if err != nil {
		tb.Fatal(err)
	}
	q := dsn.Query()
	q.Set("application_name", in.name)
	dsn.RawQuery = q.Encode()
	cfg.DSN, cfg.Hub = dsn.String(), in.hub
	if cfg.Log == nil {
		cfg.Log = e.log
	}
	cfg.Logger = slog.New(slog.NewTextHandler(in.out, nil))
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := realtime.NewListener(cfg).Run(ctx); err != nil {
			tb.Errorf("listener: %v", err)
		}
	})
	tb.Cleanup(func() {
		cancel()
		wg.Wait()
		if tb.Failed() {
			tb.Logf("listener %s log:\n%s", in.name, in.out.String())
		}
	})
	select {
	case <-in.hub.Ready():
	case <-time.After(10 * time.Second):
		tb.Fatal("the hub never became ready")
	}
	return in
}

// collect receives from sub until it has n events or a timeout, and fails
// the test on a timeout.
func collect(tb testing.TB, sub *realtime.Subscription, n int) []int64 {
	tb.Helper()
	var ids []int64
	timeout := time.After(15 * time.Second)
	for len(ids) < n {
		select {
		case e, ok := <-sub.Events():
			if !ok {
				tb.Fatalf("subscription ended (dropped %v) after %v", sub.Dropped(), ids)
			}
			ids = append(ids, e.ID)
		case <-timeout:
			tb.Fatalf("received %d of %d events: %v", len(ids), n, ids)
		}
	}
	return ids
}

// expectQuiet fails if sub receives anything within d.
func expectQuiet(tb testing.TB, sub *realtime.Subscription, d time.Duration) {
	tb.Helper()
	select {
	case e := <-sub.Events():
		tb.Fatalf("unexpected event %+v", e)
	case <-time.After(d):
	}
}

func sorted(ids []int64) []int64 {
	s := slices.Clone(ids)
	slices.Sort(s)
	return s
}

// logBuffer collects a log written from many goroutines. (apptest.Output
// does the same, but its package would link the whole app into these tests.)
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
