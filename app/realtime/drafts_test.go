package realtime_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// A draft of the AI agent's answer reaches the stream of its shopper, in
// the order notified among the log's events, without an id (the client's
// resume point stays the log's), and no other stream; it leaves no row.
func TestDraftsReachTheirShopperWithoutAnID(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	mine := srv.open(t, e.shopperQuery(), "")
	agents := srv.open(t, fmt.Sprintf("shop=%d&agent=2", e.shop), "")
	_, neighbour, _ := e.shopper(t, e.shop)
	theirs := srv.open(t, fmt.Sprintf("shop=%d&profile=%d", e.shop, neighbour), "")
	for _, c := range []*sseClient{mine, agents, theirs} {
		c.next(t) // ": ok"
		c.next(t) // the id to resume from
	}
	drafts := storage.NewDrafts(e.db)
	ctx := context.Background()
	var before int64
	if err := e.db.Get(&before, `SELECT count(*) FROM events`); err != nil {
		t.Fatal(err)
	}
	first := e.append(t, e.message("does it come in blue?"))
	if f := mine.nextEvent(t); f.id != fmt.Sprint(first) {
		t.Fatalf("first frame %q", f.raw)
	}
	// Each draft as the model writes on: sent as it comes, without an id.
	for _, text := range []string{"It comes", "It comes in blue <and> green."} {
		if err := drafts.Publish(ctx, storage.Draft{ShopID: e.shop, ProfileID: e.profile, ConversationID: e.conversation,
			ReplyTo: first, Text: text}); err != nil {
			t.Fatal(err)
		}
		quoted, _ := json.Marshal(text)
		want := fmt.Sprintf("event: message.draft\ndata: {\"conversation_id\":%d,\"reply_to\":%d,\"text\":%s}\n\n", e.conversation, first, quoted)
		if f := mine.nextEvent(t); f.raw != want {
			t.Fatalf("draft frame %q, want %q", f.raw, want)
		}
	}
	last := e.append(t, e.message("It comes in blue and green."))
	if f := mine.nextEvent(t); f.id != fmt.Sprint(last) {
		t.Fatalf("the answer's frame %q", f.raw)
	}
	// The agents' stream and the neighbour's see the log's events only.
	for _, want := range []int64{first, last} {
		if f := agents.nextEvent(t); f.id != fmt.Sprint(want) {
			t.Fatalf("agents' frame %q", f.raw)
		}
	}
	id := e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ProfileID: neighbour})
	if f := theirs.nextEvent(t); f.id != fmt.Sprint(id) {
		t.Fatalf("the neighbour's first frame %q: a draft leaked", f.raw)
	}
	var after int64
	if err := e.db.Get(&after, `SELECT count(*) FROM events`); err != nil || after != before+3 {
		t.Fatalf("%d events logged, want 3 (%v)", after-before, err)
	}
}

// A draft whose text would pass a notification's limit is cut to fit.
func TestLongDraftIsCut(t *testing.T) {
	e := newEnv(t)
	srv := e.serve(t, e.start(t, realtime.ListenerConfig{}), time.Hour, realtime.StoredPayload)
	c := srv.open(t, e.shopperQuery(), "")
	long := strings.Repeat("é\n", 6000)
	if err := storage.NewDrafts(e.db).Publish(context.Background(), storage.Draft{ShopID: e.shop, ProfileID: e.profile,
		ConversationID: e.conversation, ReplyTo: 1, Text: long}); err != nil {
		t.Fatal(err)
	}
	f := c.nextEvent(t)
	if f.event != "message.draft" || len(f.raw) > 8000 || !strings.Contains(f.raw, `"text":"é\né\n`) {
		t.Fatalf("frame of %d bytes: %.200q", len(f.raw), f.raw)
	}
}

// A flash never drops a subscription whose buffer is full: it is missed,
// and the logged events go on.
func TestFlashSkipsAFullSubscription(t *testing.T) {
	h := realtime.NewHub(1)
	sub, _ := h.Subscribe(realtime.Shopper(1, 2))
	defer sub.Close()
	h.Publish([]storage.Event{{ID: 1, ShopID: 1, ProfileID: 2, Kind: "message.created", Audience: storage.AudienceAll}}, 1)
	draft := storage.Draft{ShopID: 1, ProfileID: 2, ConversationID: 3, ReplyTo: 1, Text: "It"}.Event()
	h.Flash(&draft)
	if got := <-sub.Events(); got.ID != 1 || sub.Dropped() {
		t.Fatalf("got %+v, dropped %v", got, sub.Dropped())
	}
	h.Flash(&draft)
	if got := <-sub.Events(); got.ID != 0 || got.Kind != storage.DraftKind {
		t.Fatalf("got %+v", got)
	}
	// A logged event or one for everyone is never flashed.
	logged := draft
	logged.ID = 5
	everyone := draft
	everyone.Audience = storage.AudienceAll
	h.Flash(&logged)
	h.Flash(&everyone)
	expectQuiet(t, sub, 50*time.Millisecond)
}
