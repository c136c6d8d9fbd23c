package realtime

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// Backlog is the part of storage.Events a stream replays from.
type Backlog interface {
	After(ctx context.Context, shopID, afterID int64, limit int) ([]storage.Event, error)
	AfterForProfile(ctx context.Context, shopID, profileID, afterID int64, limit int) ([]storage.Event, error)
}

// Encoder turns an event into what a stream sends: the SSE event name and its
// data (any bytes; line breaks are sent as several data lines). ok false
// skips the event. It runs on the stream's goroutine, after the request has
// returned, so it must not hold on to a fiber.Ctx.
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
	Ping   time.Duration
	Logger *slog.Logger
}

// Streamer serves subscriptions as server-sent events.
type Streamer struct{ cfg StreamerConfig }

// replayPage is how many events one read of the backlog returns.
const replayPage = 500

// NewStreamer returns a streamer.
func NewStreamer(cfg StreamerConfig) *Streamer {
	if cfg.Ping <= 0 {
		cfg.Ping = 20 * time.Second
	}
	return &Streamer{cfg: cfg}
}

// Serve answers the request with a stream of the events that pass f, encoded
// by encode. lastEventID is the request's Last-Event-ID header: when set, the
// stream first replays the events after it from the log, then goes on live,
// with no event twice and none missing; when empty it starts with the events
// that come after the request (so a client that loaded its state first should
// send the event id that state is current to, or miss what came between).
// Each event is sent as "id:", "event:" and "data:" lines and flushed; an
// idle stream sends ": ping". The stream ends when the client goes away
// (noticed at the next write), when the hub drops it for falling behind (the
// client reconnects and replays), or when the server's Streams context ends. The caller has authenticated the request and
// chosen f. A malformed lastEventID, or a zero f, is apperr.Invalid.
func (s *Streamer) Serve(c *fiber.Ctx, f Filter, lastEventID string, encode Encoder) error {
	if f.shopID <= 0 || f.profileID < 0 {
		return apperr.New(apperr.Invalid, "a stream needs a shop")
	}
	after := int64(-1) // no resume
	if lastEventID != "" {
		id, err := strconv.ParseInt(strings.TrimSpace(lastEventID), 10, 64)
		if err != nil || id < 0 {
			return apperr.New(apperr.Invalid, "Last-Event-ID must be an event id")
		}
		after = id
	}
	c.Set(fiber.HeaderContentType, "text/event-stream")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set("X-Accel-Buffering", "no") // nginx would hold events back otherwise
	// Only values are captured: Fiber reuses the request's memory once the
	// handler returns, and the writer runs after that.
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) { s.stream(w, f, after, encode) })
	return nil
}

// stream writes the stream until it has to end.
func (s *Streamer) stream(w *bufio.Writer, f Filter, after int64, encode Encoder) {
	ctx := s.cfg.Streams
	select {
	case <-s.cfg.Hub.Ready():
	case <-ctx.Done():
		return
	}
	sub, horizon := s.cfg.Hub.Subscribe(f)
	defer sub.Close()
	// The comment sends the headers now, rather than with the first event.
	if _, err := w.WriteString(": ok\n\n"); err != nil || w.Flush() != nil {
		return
	}
	last := max(after, horizon) // live events up to it are sent by the replay, or were before
	if after >= 0 && after < horizon {
		if err := s.replay(ctx, w, f, after, horizon, encode); err != nil {
			return
		}
	}
	ping := time.NewTicker(s.cfg.Ping)
	defer ping.Stop()
	for {
		select {
		case e, ok := <-sub.Events():
			if !ok {
				return // dropped for falling behind
			}
			if e.ID <= last || !f.Match(e) {
				continue
			}
			last = e.ID
			if s.write(w, e, encode) != nil || w.Flush() != nil {
				return
			}
		case <-ping.C:
			if _, err := w.WriteString(": ping\n\n"); err != nil || w.Flush() != nil {
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

// replay writes the events that pass f after after and up to horizon, from
// the log, flushing each page.
func (s *Streamer) replay(ctx context.Context, w *bufio.Writer, f Filter, after, horizon int64, encode Encoder) error {
	for cursor := after; cursor < horizon; {
		var events []storage.Event
		var err error
		if f.profileID == 0 {
			events, err = s.cfg.Backlog.After(ctx, f.shopID, cursor, replayPage)
		} else {
			events, err = s.cfg.Backlog.AfterForProfile(ctx, f.shopID, f.profileID, cursor, replayPage)
		}
		if err != nil {
			if ctx.Err() == nil {
				s.cfg.Logger.Error("stream: replay the log", "shop_id", f.shopID, "after_id", cursor, "err", err)
			}
			return err
		}
		for i := range events {
			e := &events[i]
			if e.ID > horizon {
				break // live events bring it, in order
			}
			if f.Match(e) {
				if err := s.write(w, e, encode); err != nil {
					return err
				}
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if len(events) < replayPage {
			return nil
		}
		cursor = events[len(events)-1].ID
	}
	return nil
}

// write writes one event. Its data is split at line breaks, as SSE reads
// every line of data as one more line; an event with no data still gets a
// data line, without which a client would not dispatch it.
func (s *Streamer) write(w *bufio.Writer, e *storage.Event, encode Encoder) error {
	kind, data, ok := encode(*e)
	if !ok {
		return nil
	}
	if strings.ContainsAny(kind, "\r\n") {
		s.cfg.Logger.Error("stream: event name breaks a line; event skipped", "event_id", e.ID)
		return nil
	}
	w.WriteString("id: ")
	w.WriteString(strconv.FormatInt(e.ID, 10))
	w.WriteString("\nevent: ")
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
