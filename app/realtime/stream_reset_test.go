package realtime_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// prune deletes every event of the log, as the hourly clean-up does with
// those older than a week.
func (e *env) prune(tb testing.TB) {
	tb.Helper()
	if _, err := e.log.DeleteBefore(context.Background(), time.Now().Add(time.Minute)); err != nil {
		tb.Fatal(err)
	}
}

// afterOpening reads the frames a stream sends before its first live event:
// the opening comment, then the replay, then a reset or the id the stream
// goes on from.
func (c *sseClient) afterOpening(t *testing.T) (replayed []frame, end frame) {
	t.Helper()
	if f := c.next(t); f.comment != "ok" {
		t.Fatalf("first frame %q, want the opening comment", f.raw)
	}
	for {
		f := c.next(t)
		if f.event == "" || f.event == realtime.ResetEvent {
			return replayed, f
		}
		replayed = append(replayed, f)
	}
}

func atLeast(t *testing.T, id string, min int64) {
	t.Helper()
	if n, err := strconv.ParseInt(id, 10, 64); err != nil || n < min {
		t.Fatalf("id %q, want one of at least %d", id, min)
	}
}

// A client whose Last-Event-ID is older than what pruning deleted gets a
// reset, not a partial replay, and then live events; a client current to
// the pruned mark, and a client of a shop nothing was pruned of, resume as
// usual.
func TestStreamResetsAResumeFromBeforeThePrunedLog(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	seen := e.append(t, e.message("seen before going away"))
	missed := e.append(t, e.message("missed, then pruned"))
	quietShop, quietProfile, _ := e.shopper(t, 0)
	e.prune(t)

	away := srv.open(t, e.shopperQuery(), strconv.FormatInt(seen, 10))
	replayed, reset := away.afterOpening(t)
	if len(replayed) != 0 || reset.event != realtime.ResetEvent || fmt.Sprint(reset.data) != "[{}]" {
		t.Fatalf("replayed %v, then %q; want a reset alone", replayed, reset.raw)
	}
	atLeast(t, reset.id, missed)

	current := srv.open(t, e.shopperQuery(), strconv.FormatInt(missed, 10))
	if replayed, end := current.afterOpening(t); len(replayed) != 0 || end.event != "" {
		t.Fatalf("a client current to the pruned mark got %v, then %q", replayed, end.raw)
	}
	quiet := srv.open(t, fmt.Sprintf("shop=%d&profile=%d", quietShop, quietProfile), strconv.FormatInt(seen, 10))
	if replayed, end := quiet.afterOpening(t); len(replayed) != 0 || end.event != "" {
		t.Fatalf("a shop nothing was pruned of got %v, then %q", replayed, end.raw)
	}

	live := e.append(t, e.message("after the reset"))
	for _, c := range []*sseClient{away, current} {
		if f := c.nextEvent(t); f.id != strconv.FormatInt(live, 10) || f.event != "message.created" {
			t.Fatalf("after the reset: %q, want event %d", f.raw, live)
		}
	}
}

// pruningBacklog prunes the log just before the first replay reads it, as
// the clean-up may between a stream's check of the pruned mark and its
// replay.
type pruningBacklog struct {
	*storage.Events
	prune func()
	once  sync.Once
}

func (b *pruningBacklog) AfterForProfile(ctx context.Context, shopID, profileID, afterID int64, limit int) ([]storage.Event, error) {
	b.once.Do(b.prune)
	return b.Events.AfterForProfile(ctx, shopID, profileID, afterID, limit)
}

func TestStreamResetsWhenPrunedDuringItsReplay(t *testing.T) {
	e := newEnv(t)
	backlog := &pruningBacklog{Events: e.log, prune: func() { e.prune(t) }}
	in := e.start(t, realtime.ListenerConfig{})
	srv := e.serveFrom(t, in, backlog, time.Hour, realtime.StoredPayload)
	published, _ := in.hub.Subscribe(realtime.Agents(e.shop))
	seen := e.append(t, e.message("seen"))
	missed := e.append(t, e.message("missed"))
	collect(t, published, 2) // the stream will find both below its horizon: a replay
	published.Close()
	c := srv.open(t, e.shopperQuery(), strconv.FormatInt(seen, 10))
	replayed, end := c.afterOpening(t)
	if len(replayed) != 0 || end.event != realtime.ResetEvent {
		t.Fatalf("replayed %v, then %q; want a reset", replayed, end.raw)
	}
	atLeast(t, end.id, missed)
}
