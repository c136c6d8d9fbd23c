package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
	"hubchat/storage/stages"
)

// EventLog is the part of storage.Events the Listener reads.
type EventLog interface {
	AfterGlobal(ctx context.Context, afterID int64, limit int) ([]storage.Event, error)
	Latest(ctx context.Context) (int64, error)
	WaitForAppenders(ctx context.Context) error
	WakeListeners(ctx context.Context) error
}

// ListenerConfig is what a Listener needs.
type ListenerConfig struct {
	// DSN is the database for the LISTEN connection. Give it an
	// application_name (hubchat_listener) so that connection can be told apart
	// in pg_stat_activity.
	DSN    string
	Log    EventLog // the same database, through the pool
	Hub    *Hub
	Logger *slog.Logger
	// Batch is how many events one read returns; 500 when 0.
	Batch int
	// Poll is how long the listener goes without a notification before it
	// checks its connection and reads anyway; DefaultPoll when 0. It bounds
	// how late an event whose wake-up was lost (its writer's instance ended
	// between the commit and the notification) reaches the streams.
	Poll time.Duration
	// GapGrace is how long a gap in the ids may hold the listener back
	// before it waits for the appenders in flight to settle it (see
	// catchUp); DefaultGapGrace when 0.
	GapGrace time.Duration
}

// Listener follows the event log for one app instance: one connection
// LISTENs on storage.EventsChannel (and on storage.DraftsChannel and
// storage.TypingChannel, whose drafts and typing notices it hands to the
// Hub as they come, see take), and on each
// notification of the log the listener reads what is new and publishes it
// to the Hub, in id order, each event once, and only up to settled ids
// (storage.Events), however the notifications arrive. A notification is a hint, not the data: many of them
// cost one read, and after its connection is lost and made again the listener
// reads from the last id it delivered, so it loses nothing meanwhile.
type Listener struct {
	cfg    ListenerConfig
	cursor int64 // the last settled id published
	// gapAt is the cursor at which a read last found a gap, since
	// gapSince (see catchUp).
	gapAt    int64
	gapSince time.Time
}

// DefaultPoll is the listener's Poll when none is given: the read it costs
// each instance a second is one index scan that finds nothing, and a lost
// wake-up delays an event by no more than it.
const DefaultPoll = time.Second

// retryAfter is how soon a failed read is tried again.
const retryAfter = 500 * time.Millisecond

// slowWait is how long the listener waits for an appending transaction
// before it warns: every event after that transaction's is held back.
const slowWait = 5 * time.Second

// NewListener returns a listener; Run starts it.
func NewListener(cfg ListenerConfig) *Listener {
	if cfg.Batch <= 0 {
		cfg.Batch = 500
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	if cfg.GapGrace <= 0 {
		cfg.GapGrace = DefaultGapGrace
	}
	return &Listener{cfg: cfg}
}

// Run follows the log until ctx ends, then returns nil. It makes the Hub
// ready once it knows where the log ends. Meanwhile it runs this instance's
// waker (storage.Events.WakeListeners), which notifies every instance's
// listener when this instance's writers have appended events. Errors of the
// database are logged and retried; only a DSN that cannot be used is returned.
func (l *Listener) Run(ctx context.Context) error {
	if _, err := pq.NewConnector(l.cfg.DSN); err != nil {
		return fmt.Errorf("events listener: %w", err)
	}
	log := l.cfg.Logger
	waking := make(chan struct{})
	defer func() { <-waking }()
	wakeCtx, stopWaking := context.WithCancel(ctx)
	defer stopWaking()
	go func() {
		defer close(waking)
		l.wake(wakeCtx)
	}()
	conn := pq.NewListener(l.cfg.DSN, 50*time.Millisecond, 5*time.Second, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			log.Warn("events listener", "event", ev.String(), "err", err)
		}
	})
	defer conn.Close()
	// Closing the connection also unblocks a Listen still waiting to connect.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	// LISTEN first, then find the end of the log: an event committed between
	// the two is both notified and read, never neither.
	for _, channel := range []string{storage.EventsChannel, storage.DraftsChannel, storage.TypingChannel} {
		if err := conn.Listen(channel); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("events listener: %w", err)
		}
	}
	for {
		id, err := l.cfg.Log.Latest(ctx)
		if err == nil {
			l.cursor = id
			l.cfg.Hub.Publish(nil, id)
			break
		}
		log.Error("events listener: find the end of the log", "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(retryAfter):
		}
	}
	return l.follow(ctx, conn)
}

// wake runs the instance's waker until ctx ends, again after each failure:
// meanwhile the listeners find new events by their poll.
func (l *Listener) wake(ctx context.Context) {
	for {
		err := l.cfg.Log.WakeListeners(ctx)
		if err == nil {
			return
		}
		l.cfg.Logger.Warn("events listener: wake the listeners; they find the events by their poll meanwhile", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(retryAfter):
		}
	}
}

// follow reads the log whenever a notification, a reconnect or the poll says
// there may be more.
func (l *Listener) follow(ctx context.Context, conn *pq.Listener) error {
	next := time.NewTimer(l.cfg.Poll)
	defer next.Stop()
	for {
		read := false
		notified := int64(0) // when a notification of new events came
		select {
		case <-ctx.Done():
			return nil
		case n, ok := <-conn.Notify:
			if !ok {
				return nil
			}
			notified = stages.Now()
			read = l.take(n, false)
			// Take every notification already waiting: they cost one read.
			for more := true; more; {
				select {
				case n, ok := <-conn.Notify:
					if !ok {
						return nil
					}
					read = l.take(n, read)
				default:
					more = false
				}
			}
		case <-next.C:
			// An error means no connection: it is being made again already.
			_ = conn.Ping()
			read = true
		}
		if !read {
			continue
		}
		wait := l.cfg.Poll
		again, err := l.catchUp(ctx)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return nil
			}
			l.cfg.Logger.Error("events listener: read the log", "after_id", l.cursor, "err", err)
			wait = retryAfter
		case again > 0:
			wait = min(wait, again)
		case notified != 0:
			stages.NotifyToRead.Since(notified)
		}
		next.Reset(wait)
	}
}

// take handles notification n; pending says the log may have events to
// read (an earlier notification said so), and the result whether it still
// may. A draft (storage.DraftsChannel) or a typing notice
// (storage.TypingChannel) is flashed to the hub as it comes. Its order
// among the log's events is not exact — a read of the log may bring events
// committed after it was notified — so a client shows a draft only while
// it still awaits the answer the draft is of, and a "typing" only until a
// message of the one typing comes.
func (l *Listener) take(n *pq.Notification, pending bool) bool {
	if n == nil || n.Channel != storage.DraftsChannel && n.Channel != storage.TypingChannel {
		return l.isNew(n) || pending
	}
	var e storage.Event
	if n.Channel == storage.DraftsChannel {
		d, err := storage.ParseDraft(n.Extra)
		if err != nil {
			l.cfg.Logger.Warn("events listener: a draft notification is not one; ignored", "err", err)
			return pending
		}
		e = d.Event()
	} else {
		t, err := storage.ParseTyping(n.Extra)
		if err != nil {
			l.cfg.Logger.Warn("events listener: a typing notification is not one; ignored", "err", err)
			return pending
		}
		e = t.Event()
	}
	l.cfg.Hub.Flash(&e)
	return pending
}

// isNew reports whether notification n may announce an event not yet
// published. nil comes after a reconnect, when notifications were missed;
// the waker's notifications carry no id and may announce any number.
func (l *Listener) isNew(n *pq.Notification) bool {
	if n == nil || n.Extra == "" {
		return true
	}
	_, id, _ := strings.Cut(n.Extra, ":")
	v, err := strconv.ParseInt(id, 10, 64)
	return err != nil || v > l.cursor
}

// catchUp publishes everything committed after the cursor, and returns how
// soon to read again when something is held back (0 when nothing is).
//
// A read whose ids do not follow on from the cursor has a gap, held by a
// transaction that may still commit: the part before the gap is published.
// The gap's writer is almost always about to commit, and its instance's
// waker notifies once it has: the listener then reads again, and goes on
// with no wait of its own. Only a gap that outlasts GapGrace (a writer that
// rolled back, so its id never appears; or one whose wake-up was lost) is
// settled by waiting for the appenders in flight, after which every id up to
// the highest read is settled; the listener reads that range again,
// complete, and goes on.
func (l *Listener) catchUp(ctx context.Context) (time.Duration, error) {
	for {
		events, err := l.cfg.Log.AfterGlobal(ctx, l.cursor, l.cfg.Batch)
		if err != nil {
			return 0, err
		}
		stages.Reads.Add(1)
		n := 0
		for n < len(events) && events[n].ID == l.cursor+int64(n)+1 {
			n++
		}
		if n > 0 {
			l.publish(events[:n], events[n-1].ID)
		}
		if n == len(events) {
			if len(events) < l.cfg.Batch {
				return 0, nil
			}
			continue
		}
		stages.GapReads.Add(1)
		if held := l.heldBack(); held < l.cfg.GapGrace {
			return l.cfg.GapGrace - held, nil
		}
		through := events[len(events)-1].ID
		if err := l.waitForAppenders(ctx); err != nil {
			return 0, err
		}
		if err := l.readThrough(ctx, through); err != nil {
			return 0, err
		}
	}
}

// DefaultGapGrace is the listener's GapGrace when none is given. A gap's
// writer that commits wakes the listener sooner; a wait would also take in
// every appender that started meanwhile, on every instance. A gap that
// never fills (its writer rolled back) delays the events after it by this
// much.
const DefaultGapGrace = 250 * time.Millisecond

// heldBack is how long a gap has held the cursor where it is now: 0 the
// first time the cursor meets one there.
func (l *Listener) heldBack() time.Duration {
	if l.gapAt != l.cursor || l.gapSince.IsZero() {
		l.gapAt, l.gapSince = l.cursor, time.Now()
	}
	return time.Since(l.gapSince)
}

// readThrough publishes the settled events after the cursor up to through.
func (l *Listener) readThrough(ctx context.Context, through int64) error {
	for l.cursor < through {
		events, err := l.cfg.Log.AfterGlobal(ctx, l.cursor, l.cfg.Batch)
		if err != nil {
			return err
		}
		end := len(events)
		for end > 0 && events[end-1].ID > through {
			end--
		}
		upTo := through
		if end == l.cfg.Batch {
			upTo = events[end-1].ID // a full page: more may follow below through
		}
		l.publish(events[:end], upTo)
	}
	return nil
}

func (l *Listener) publish(events []storage.Event, through int64) {
	l.cfg.Hub.Publish(events, through)
	l.cursor = through
	if !l.gapSince.IsZero() && l.cursor > l.gapAt {
		stages.GapHeld.Record(time.Since(l.gapSince))
		l.gapSince = time.Time{}
	}
}

// waitForAppenders is Events.WaitForAppenders, with a warning when a
// transaction holds everyone's events back for long.
func (l *Listener) waitForAppenders(ctx context.Context) error {
	after := l.cursor
	slow := time.AfterFunc(slowWait, func() {
		l.cfg.Logger.Warn("events listener: a transaction that appended an event stays open; later events wait for it",
			"after_id", after, "waited", slowWait.String())
	})
	defer slow.Stop()
	defer stages.AppendersWait.Since(stages.Now())
	return l.cfg.Log.WaitForAppenders(ctx)
}
