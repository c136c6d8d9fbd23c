package storefront_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/realtime"
	"hubchat/storage"
)

// sseEvent is one server-sent event.
type sseEvent struct {
	ID   int64
	Kind string
	Data map[string]any
}

// stream opens the shopper's stream on base and returns its events; it is
// closed when the test ends.
func (e chatEnv) stream(base, token string, lastEventID int64) <-chan sseEvent {
	e.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	e.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/storefront/stream", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Origin", e.Shopify.StorefrontURL)
	if lastEventID > 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatInt(lastEventID, 10))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		e.t.Fatalf("stream: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "id: "):
				ev.ID, _ = strconv.ParseInt(line[4:], 10, 64)
			case strings.HasPrefix(line, "event: "):
				ev.Kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(line[6:]), &ev.Data)
			case line == "" && ev.Kind != "":
				out <- ev
				ev = sseEvent{}
			}
		}
		close(out)
	}()
	return out
}

// next waits for the next event of kind.
func next(t *testing.T, events <-chan sseEvent, kind string) sseEvent {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("the stream ended while waiting for %s", kind)
			}
			if ev.Kind == kind {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %s event within 10 s", kind)
		}
	}
}

func stateEventID(t *testing.T, s session) int64 {
	t.Helper()
	id, ok := s.State["event_id"].(float64)
	if !ok {
		t.Fatalf("state has no event_id: %v", s.State)
	}
	return int64(id)
}

func TestAgentRepliesArriveLiveAndOnlyToTheirShopper(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, jane := e.session("7001")
	_, other := e.session("7002")
	janeEvents := e.stream(e.URL, jane.Token, stateEventID(t, jane))
	otherEvents := e.stream(e.URL, other.Token, stateEventID(t, other))

	_, sent := e.send(jane.Token, clientID(), "hello <b>team</b>")
	own := next(t, janeEvents, "message.created")
	if own.Data["body"] != "hello <b>team</b>" || own.Data["author"] != "shopper" {
		t.Fatalf("own message event: %+v", own)
	}
	conv := int64(sent["conversation"].(map[string]any)["id"].(float64))
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	storage.NewAgents(e.DB, time.Now).Name(context.Background(), e.shopID, agent.ID, storage.AgentName{FirstName: "Alex"})
	convs := storage.NewConversations(e.DB, time.Now)
	if _, err := convs.PostFromAgent(context.Background(), e.shopID, conv, agent.ID, storage.AgentReply{ClientID: clientID(), Body: "Hi Jane!", Preview: "Hi Jane!"}); err != nil {
		t.Fatal(err)
	}
	reply := next(t, janeEvents, "message.created")
	if reply.Data["body"] != "Hi Jane!" || reply.Data["author"] != "agent" || reply.Data["author_name"] != "Alex" || reply.ID <= own.ID {
		t.Fatalf("reply event: %+v", reply)
	}
	select {
	case ev := <-otherEvents:
		t.Fatalf("another shopper received %+v", ev)
	case <-time.After(300 * time.Millisecond):
	}
}

// A reconnect with Last-Event-ID delivers exactly the events missed, in
// order, then goes on live.
func TestReconnectReplaysWhatWasMissed(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	first := e.stream(e.URL, s.Token, stateEventID(t, s))
	e.send(s.Token, clientID(), "one")
	seen := next(t, first, "message.created")

	// Offline for three messages.
	for _, body := range []string{"two", "three", "four"} {
		e.send(s.Token, clientID(), body)
	}
	again := e.stream(e.URL, s.Token, seen.ID)
	var bodies []string
	var last int64
	for range 3 {
		ev := next(t, again, "message.created")
		if ev.ID <= last {
			t.Fatalf("out of order: %d after %d", ev.ID, last)
		}
		last = ev.ID
		bodies = append(bodies, ev.Data["body"].(string))
	}
	if strings.Join(bodies, ",") != "two,three,four" {
		t.Fatalf("replayed %v", bodies)
	}
	e.send(s.Token, clientID(), "five")
	if ev := next(t, again, "message.created"); ev.Data["body"] != "five" {
		t.Fatalf("live after replay: %+v", ev)
	}
	select {
	case ev := <-again:
		if ev.Kind == "message.created" {
			t.Fatalf("a duplicate after the replay: %+v", ev)
		}
	case <-time.After(300 * time.Millisecond):
	}
}

// Two app instances on one database: a message sent through one reaches a
// stream held by the other.
func TestTwoInstancesDeliverEachOthersMessages(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	second := apptest.Start(t, apptest.Options{Share: e.Env})
	_, s := e.session("7001")
	events := e.stream(second.URL, s.Token, stateEventID(t, s))
	if code, _ := e.send(s.Token, clientID(), "sent through the first instance"); code != 201 {
		t.Fatalf("send: %d", code)
	}
	if ev := next(t, events, "message.created"); ev.Data["body"] != "sent through the first instance" {
		t.Fatalf("the second instance streamed %+v", ev)
	}
}

func TestClosingAndSeenReachTheStream(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	events := e.stream(e.URL, s.Token, stateEventID(t, s))
	_, sent := e.send(s.Token, clientID(), "hi")
	conv := int64(sent["conversation"].(map[string]any)["id"].(float64))
	agent, _ := storage.NewAgents(e.DB, time.Now).Seen(context.Background(), e.shopID, 9001)
	convs := storage.NewConversations(e.DB, time.Now)
	reply, _ := convs.PostFromAgent(context.Background(), e.shopID, conv, agent.ID, storage.AgentReply{ClientID: clientID(), Body: "Hello", Preview: "Hello"})
	e.api(s.Token, "POST", "/api/storefront/seen", map[string]any{"up_to_id": reply.ID})
	if ev := next(t, events, "message.seen"); ev.Data["conversation_id"].(float64) != float64(conv) {
		t.Fatalf("seen event %+v", ev)
	}
	convs.Close(context.Background(), e.shopID, conv, "agent")
	if ev := next(t, events, "conversation.closed"); ev.Data["closed_by"] != "agent" {
		t.Fatalf("closed event %+v", ev)
	}
}

// A widget away for longer than the event log keeps resumes with a
// Last-Event-ID from before what was pruned: it is sent a reset, the state
// it reloads holds what it missed and is current to at least the reset, and
// the stream goes on live.
func TestResumeFromBeforeThePrunedLogIsReset(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	first := e.stream(e.URL, s.Token, stateEventID(t, s))
	e.send(s.Token, clientID(), "one")
	seen := next(t, first, "message.created")
	e.send(s.Token, clientID(), "two, missed and then pruned")
	if _, err := storage.NewEvents(e.DB, time.Now).DeleteBefore(context.Background(), time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}

	again := e.stream(e.URL, s.Token, seen.ID)
	var reset sseEvent
	select {
	case reset = <-again:
	case <-time.After(10 * time.Second):
		t.Fatal("nothing on the resumed stream")
	}
	if reset.Kind != "reset" || reset.ID < seen.ID {
		t.Fatalf("first event %+v, want a reset", reset)
	}
	resp, raw := e.api(s.Token, "GET", "/api/storefront/state", nil)
	var st struct {
		EventID      int64 `json:"event_id"`
		Conversation struct {
			Messages []storage.Message `json:"messages"`
		} `json:"conversation"`
	}
	if err := json.Unmarshal(raw, &st); resp.StatusCode != 200 || err != nil {
		t.Fatalf("state: %d %v", resp.StatusCode, err)
	}
	var bodies []string
	for _, m := range st.Conversation.Messages {
		bodies = append(bodies, m.Body)
	}
	if !strings.Contains(strings.Join(bodies, "|"), "two, missed and then pruned") || st.EventID < reset.ID {
		t.Fatalf("reloaded state: event_id %d (reset %d), messages %q", st.EventID, reset.ID, bodies)
	}
	e.send(s.Token, clientID(), "three")
	if ev := next(t, again, "message.created"); ev.Data["body"] != "three" || ev.ID <= reset.ID {
		t.Fatalf("live after the reset: %+v", ev)
	}
}

// A shopper holds at most realtime.MaxShopperStreams streams: the next is
// answered 429 with a Retry-After the widget can read, through the error
// handler, and starts no stream.
func TestStreamsPerShopperAreCapped(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	// A client of its own: its idle connections are closed before the app
	// shuts down, which would wait for one that never sent a request.
	client := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(client.CloseIdleConnections)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	open := func() *http.Response {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, "GET", e.URL+"/api/storefront/stream", nil)
		req.Header.Set("Authorization", "Bearer "+s.Token)
		req.Header.Set("Origin", e.Shopify.StorefrontURL)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	for i := range realtime.MaxShopperStreams {
		if resp := open(); resp.StatusCode != 200 {
			t.Fatalf("stream %d: %d", i+1, resp.StatusCode)
		}
	}
	over := open()
	var body struct{ Code string }
	json.NewDecoder(over.Body).Decode(&body)
	if over.StatusCode != 429 || body.Code != "too_many" || over.Header.Get("Retry-After") != "20" ||
		over.Header.Get("Access-Control-Expose-Headers") != "Retry-After" {
		t.Fatalf("one stream over the cap: %d %+v %v", over.StatusCode, body, over.Header)
	}
}

// A page the shopper leaves closes its stream, and its slot is free at once
// (not at the next ping, 20 s later): a shopper going through more pages
// than the cap in a few seconds keeps a live stream on each.
func TestALeftStreamFreesItsSlotAtOnce(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	// One page more than the cap (the rate limit of new connections leaves
	// room for a few retries while the server notices the page left).
	for page := range realtime.MaxShopperStreams + 1 {
		ctx, leave := context.WithCancel(context.Background())
		var status int
		apptest.Eventually(t, 2*time.Second, fmt.Sprintf("a stream for page %d", page+1), func() bool {
			req, _ := http.NewRequestWithContext(ctx, "GET", e.URL+"/api/storefront/stream", nil)
			req.Header.Set("Authorization", "Bearer "+s.Token)
			req.Header.Set("Origin", e.Shopify.StorefrontURL)
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			status = resp.StatusCode
			if status != 200 {
				resp.Body.Close()
			}
			return status == 200
		})
		if status != 200 {
			t.Fatalf("page %d: %d", page+1, status)
		}
		leave() // the shopper goes to the next page
	}
}
