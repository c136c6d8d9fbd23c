package realtime

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math"
	"net"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/storage/stages"
)

// Backlog is the part of storage.Events a stream replays from, and which
// tells how far it was pruned.
type Backlog interface {
	After(ctx context.Context, shopID, afterID int64, limit int) ([]storage.Event, error)
	AfterForProfile(ctx context.Context, shopID, profileID, afterID int64, limit int) ([]storage.Event, error)
	PrunedThrough(ctx context.Context, shopID int64) (int64, error)
}

// ResetEvent is the name of the event a stream sends, instead of a replay,
// to a client resuming from before what the log still holds: the client
// reloads its state, and the stream goes on live. Its id is where the
// stream goes on from; its data is {}. The log's kinds are dotted
// (message.created), so no Encoder needs this name.
const ResetEvent = "reset"

// Encoder turns an event into what a stream sends: the SSE event name and its
// data (any bytes; line breaks are sent as several data lines). ok false
// skips the event. It runs on the stream's goroutine, after the request has
// returned, so it must not hold on to a fiber.Ctx. A panic in it ends that
// stream only.
type Encoder func(storage.Event) (kind string, data []byte, ok bool)

// StoredPayload is the shopper stream's Encoder: the event's kind, and its
// payload JSON as stored.
func StoredPayload(e storage.Event) (string, []byte, bool) { return e.Kind, e.Payload, true }

// StreamerConfig is what a Streamer needs.
type StreamerConfig struct {
	Hub     *Hub
	Backlog Backlog
	// Streams is done when the server shuts down (app.Server.Streams); every
	// stream ends then.
	Streams context.Context
	// Ping is how often an idle stream sends a comment, so proxies keep it
	// open and a client that went away is noticed; 20 s when 0.
	Ping time.Duration
	// WriteTimeout bounds each write to a stream's connection; 30 s when
	// 0. A client that stopped reading but keeps its connection (its TCP
	// window full) would otherwise hold the stream's goroutines and slot
	// for as long as the connection lives.
	WriteTimeout time.Duration
	Logger       *slog.Logger
}

// Streamer serves subscriptions as server-sent events.
type Streamer struct {
	cfg  StreamerConfig
	open slots // per caller, capped (MaxShopperStreams, MaxAgentStreams)
}

// replayPage is how many events one read of the backlog returns.
const replayPage = 500

// NewStreamer returns a streamer.
func NewStreamer(cfg StreamerConfig) *Streamer {
	if cfg.Ping <= 0 {
		cfg.Ping = 20 * time.Second
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = 30 * time.Second
	}
	return &Streamer{cfg: cfg}
}

// Serve answers the request with a stream of the events that pass f, encoded
// by encode, for the caller who. lastEventID is the request's Last-Event-ID
// header: when set, the stream first replays the events after it from the
// log, then goes on live, with no event twice and none missing; when the log
// no longer holds all of them (pruned), it sends a ResetEvent instead of the
// replay. When empty, the stream starts with the events that come after the
// request (so a client that loaded its state first should send the event id
// that state is current to, or load it again once the stream is open: the
// response's header is sent only once the stream is subscribed, so every
// event published after the client has it reaches it). Each event is sent
// as "id:", "event:" and "data:" lines and flushed; after the replay, a
// frame of an id alone moves the client's Last-Event-ID to where the stream
// goes on from, so a client that received nothing yet can still resume; an
// idle stream sends ": ping".
//
// The stream ends when the client goes away (at once when it closes the
// connection, else at the next write), when
// the hub drops it for falling behind (the client reconnects and replays),
// when the server's Streams context ends, or when encode panics (logged).
// The caller has authenticated the request and chosen who and f. A malformed
// lastEventID, or a zero f or who, is apperr.Invalid; a caller who already
// holds their cap of streams on this instance gets apperr.TooMany, with a
// Retry-After header, and no stream.
func (s *Streamer) Serve(c *fiber.Ctx, who Caller, f Filter, lastEventID string, encode Encoder) error {
	if f.shopID <= 0 || f.profileID < 0 || who.id <= 0 {
		return apperr.New(apperr.Invalid, "a stream needs a shop and a caller")
	}
	after := int64(-1) // no resume
	if lastEventID != "" {
		id, err := strconv.ParseInt(strings.TrimSpace(lastEventID), 10, 64)
		if err != nil || id < 0 {
			return apperr.New(apperr.Invalid, "Last-Event-ID must be an event id")
		}
		after = id
	}
	if !s.open.claim(who) {
		// A slot comes back when a stream ends: at once when its client
		// leaves, at the next ping when the network loses it.
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(s.cfg.Ping.Seconds()))))
		return apperr.New(apperr.TooMany, "Too many live connections are open. Close another tab, or try again in a moment.")
	}
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set("X-Accel-Buffering", "no") // nginx would hold events back otherwise
	// The stream takes the connection over once the handler chain is done
	// (every middleware's headers set) and writes the response itself: an
	// idle stream then holds only its own small buffer and one goroutine,
	// not fasthttp's connection writer, body pipe, copy buffer and the
	// connection's serving goroutine beside them (BENCHMARKS.md, idle
	// streams). Only values are captured: Fiber reuses the request's memory
	// once the handler returns; fasthttp keeps its own request context until
	// the stream ends. Nothing else on that goroutine would stop a panic.
	// The connection ends with its stream (fasthttp closes a taken-over
	// connection), and the header says so.
	req := c.Context()
	req.Response.SetConnectionClose()
	req.HijackSetNoResponse(true)
	req.Hijack(func(net.Conn) {
		defer s.open.release(who)
		defer s.recoverStream(f)
		// A client that leaves ends its stream at once, not at the next
		// ping: its slot comes back for the page it went on to.
		ctx, cancel := context.WithCancel(s.cfg.Streams)
		defer cancel()
		conn := req.Conn()
		stop := web.OnClientGone(conn, cancel)
		defer stop()
		dl := writeDeadline{conn: conn, timeout: s.cfg.WriteTimeout}
		// The header waits for the stream's first write, made once it is
		// subscribed: a client that has it has every event from then on.
		resp, w := startChunked(conn, &req.Response.Header)
		defer func() {
			dl.extend() // the stream's end, the server's last write, is bounded too
			resp.end(w)
		}()
		s.streamRecovered(ctx, w, dl, f, after, encode)
	})
	return nil
}

// streamRecovered is stream, whose panic ends only the stream: the response
// is still ended properly after it.
func (s *Streamer) streamRecovered(ctx context.Context, w *bufio.Writer, dl writeDeadline, f Filter, after int64, encode Encoder) {
	defer s.recoverStream(f)
	s.stream(ctx, w, dl, f, after, encode)
}

// recoverStream, deferred, ends a panicking stream instead of the process,
// and logs the panic with its stack. Only a runtime error's text is logged:
// another panic value may hold an event's data, message bodies included.
func (s *Streamer) recoverStream(f Filter) {
	v := recover()
	if v == nil {
		return
	}
	what := fmt.Sprintf("a panic value of type %T", v)
	if err, ok := v.(runtime.Error); ok {
		what = err.Error()
	}
	s.cfg.Logger.Error("stream: panic; the stream is ended", "shop_id", f.shopID, "profile_id", f.profileID,
		"panic", what, "stack", string(debug.Stack()))
}

// stream writes the stream until it has to end.
func (s *Streamer) stream(ctx context.Context, w *bufio.Writer, dl writeDeadline, f Filter, after int64, encode Encoder) {
	select {
	case <-s.cfg.Hub.Ready():
	case <-ctx.Done():
		return
	}
	from := position{after: after}
	if after >= 0 {
		// Read before subscribing: until the live loop runs, live events
		// wait in the subscription's buffer, which must not fill.
		var err error
		if from.pruned, err = s.prunedThrough(ctx, f); err != nil {
			return
		}
	}
	sub, horizon := s.cfg.Hub.Subscribe(f)
	defer sub.Close()
	from.horizon = horizon
	// The comment sends the headers now, rather than with the first event.
	dl.extend()
	if _, err := w.WriteString(": ok\n\n"); err != nil || w.Flush() != nil {
		return
	}
	last, err := s.catchUp(ctx, w, dl, f, from, encode)
	if err != nil {
		return
	}
	ping := time.NewTicker(s.cfg.Ping)
	defer ping.Stop()
	for {
		select {
		case d, ok := <-sub.Events():
			if !ok {
				return // dropped for falling behind
			}
			dl.extend()
			if !s.writeQueued(w, sub, f, d, &last, encode) {
				return
			}
		case <-ping.C:
			dl.extend()
			if _, err := w.WriteString(": ping\n\n"); err != nil || w.Flush() != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// flushEvery bounds how many events one flush of a stream carries, so a
// stream kept busy still sends what it has.
const flushEvery = 64

// writeQueued writes d and every event already waiting in sub's buffer,
// then flushes once: the events one read of the log published together
// reach the client in one write to its connection, not one each (an
// agent's stream gets two for each message). last is the id of the last
// logged event sent, moved on by this call. It returns false when the
// stream must end: a write failed, or the hub dropped the subscription (the
// events taken before are still sent).
func (s *Streamer) writeQueued(w *bufio.Writer, sub *Subscription, f Filter, d Delivery, last *int64, encode Encoder) bool {
	var times [DefaultBuffer]int64
	published := times[:0]
	open := true
	for n := 1; ; n++ {
		logged, err := s.writeLive(w, f, d.Event, last, encode)
		if err != nil {
			return false
		}
		if logged {
			published = append(published, d.Published)
		}
		if n == flushEvery {
			break
		}
		more := false
		select {
		case d, open = <-sub.Events():
			more = open
		default:
		}
		if !more {
			break
		}
	}
	if w.Flush() != nil {
		return false
	}
	if len(published) > 0 {
		for _, at := range published {
			stages.PublishToFlush.Since(at)
		}
		stages.Flushes.Add(1)
		stages.FlushedEvents.Add(int64(len(published)))
	}
	return open
}

// writeLive writes one live event for f, unflushed: a flash (Hub.Flash:
// not in the log, sent without an id) when f matches it, a logged event
// when f matches it and it comes after last. logged says whether it was a
// logged event, written.
func (s *Streamer) writeLive(w *bufio.Writer, f Filter, e *storage.Event, last *int64, encode Encoder) (logged bool, err error) {
	if e.ID == 0 {
		if f.Match(e) {
			return false, s.write(w, e, encode)
		}
		return false, nil
	}
	if e.ID <= *last || !f.Match(e) {
		return false, nil
	}
	*last = e.ID
	return true, s.write(w, e, encode)
}

// writeDeadline pushes a stream connection's write deadline on before each
// write: a client that has stopped reading, its TCP window full, makes the
// write fail then, which ends its stream (the hub drops it for falling
// behind meanwhile) and gives its goroutines and slot back.
type writeDeadline struct {
	conn    net.Conn // nil when the server gives none (Fiber's tests)
	timeout time.Duration
}

func (d writeDeadline) extend() {
	if d.conn != nil {
		d.conn.SetWriteDeadline(time.Now().Add(d.timeout))
	}
}

// write writes one event, as encode has it; an event encode skips writes
// nothing.
func (s *Streamer) write(w *bufio.Writer, e *storage.Event, encode Encoder) error {
	kind, data, ok := encode(*e)
	if !ok {
		return nil
	}
	if strings.ContainsAny(kind, "\r\n") {
		s.cfg.Logger.Error("stream: event name breaks a line; event skipped", "event_id", e.ID)
		return nil
	}
	return writeFrame(w, e.ID, kind, data)
}

// writeFrame writes one event. Its data is split at line breaks, as SSE reads
// every line of data as one more line; an event with no data still gets a
// data line, without which a client would not dispatch it. The caller
// flushes.
//
// An id of 0 (a flash, not in the log) writes no "id:" line, so the
// client's Last-Event-ID stays where the log's events left it.
func writeFrame(w *bufio.Writer, id int64, kind string, data []byte) error {
	if id != 0 {
		w.WriteString("id: ")
		w.WriteString(strconv.FormatInt(id, 10))
		w.WriteByte('\n')
	}
	w.WriteString("event: ")
	w.WriteString(kind)
	w.WriteByte('\n')
	for {
		line, rest, found := cutLine(data)
		w.WriteString("data: ")
		w.Write(line)
		w.WriteByte('\n')
		if !found {
			break
		}
		data = rest
	}
	_, err := w.WriteString("\n")
	return err
}

// cutLine splits b at its first line break: CRLF, LF or CR, as SSE has them.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexAny(b, "\r\n")
	if i < 0 {
		return b, nil, false
	}
	if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
		return b[:i], b[i+2:], true
	}
	return b[:i], b[i+1:], true
}
