package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage/stages"
)

// EventsChannel is the NOTIFY channel that wakes the listeners of the event
// log when events have committed (WakeListeners). Its payload is empty: one
// notification stands for any number of events, of any shop, and a listener
// reads the log after the last id it has.
const EventsChannel = "hubchat_events"

// appendersLockSpace is the first key of the advisory lock an appending
// transaction holds, exclusively, from before it draws its event id until it
// commits or rolls back. The second key is the transaction's own id (modulo
// 2^31-1), so the key names one transaction: waiting on it waits for exactly
// that one, and blocks no later transaction of the same connection.
// WaitForAppenders waits on it.
const appendersLockSpace = 72_11_0007

// eventsWakeup wakes the listeners of the log once appenders have ended.
var eventsWakeup = &wakeup{lockSpace: appendersLockSpace, channel: EventsChannel, rounds: keyedRounds,
	marked: stages.AppendToNotify, ended: stages.CommitToNotify}

// WakeListeners sends EventsChannel a notification once the transactions
// that appended events have ended; one notification stands for every event
// appended before it. It runs until ctx ends, then returns nil, or until a
// notification fails, which it returns: call it again (it notifies once when
// it starts, for events appended meanwhile). Run one per app instance (the
// realtime listener does): with none, listeners find new events by their poll
// only.
func (s *Events) WakeListeners(ctx context.Context) error {
	return eventsWakeup.run(ctx, s.db)
}

// The audiences of an event: who may see it.
const (
	AudienceAll    = "all"    // the shop's agents and the shopper it concerns
	AudienceAgents = "agents" // the shop's agents only
	// AudienceShopper: the shopper only — a conversation the AI agent is
	// answering is none of the team's business until it is handed over.
	AudienceShopper = "shopper"
)

// Event is one entry of the event log.
type Event struct {
	ID             int64           `db:"id"`
	ShopID         int64           `db:"shop_id"`
	Kind           string          `db:"kind"`            // message.created, conversation.closed, …
	ConversationID int64           `db:"conversation_id"` // 0 when none
	ProfileID      int64           `db:"profile_id"`      // the shopper concerned; 0 when none
	Audience       string          `db:"audience"`        // AudienceAll, AudienceAgents or AudienceShopper
	Payload        json.RawMessage `db:"payload"`         // JSON, as the shopper's stream sends it
	CreatedAt      time.Time       `db:"created_at"`
}

// NewEvent describes an event to append.
type NewEvent struct {
	ShopID         int64
	Kind           string // lower-case words joined by dots and underscores
	ConversationID int64  // 0 when none
	ProfileID      int64  // the shopper concerned; 0 when none
	Audience       string // AudienceAll (when empty), AudienceAgents or AudienceShopper
	Payload        any    // marshalled to JSON; nil is {}; a json.RawMessage is stored as is
}

// eventKind keeps kinds safe to write as an SSE "event:" line.
var eventKind = regexp.MustCompile(`^[a-z][a-z_]*(\.[a-z_]+)*$`)

// Events is the event log: every change a live client must see, in one order.
//
// Reading it in id order needs care. An id is drawn from a sequence when the
// row is inserted, but transactions commit in their own order: a reader can
// see event 10 while the transaction holding 9 is still running, and 9 appears
// later. A reader that moved its cursor past 10 would skip 9 for good, and one
// that went back for it would hand it out after 10, which a client resuming
// "after 10" never asks for. So an id becomes a cursor only once settled:
// every smaller id is either visible or will never be (rolled back, or drawn
// by an insert that failed). Each appender holds an advisory lock from before
// it draws its id until it ends; a reader that finds a gap below the highest
// id it read calls WaitForAppenders, which returns once every transaction
// appending at that moment has ended; then everything up to that highest id is
// settled, and one more read returns it complete. Latest settles by itself.
// Gaps are brief (appenders append last and commit at once), and only readers
// that find one wait, for the appenders of that moment only.
//
// The log is the system's, like Jobs: AfterGlobal, Latest, WaitForAppenders
// and DeleteBefore take no shop id, for the one listener per app instance and
// the clean-up that serve every shop. After, AfterForProfile, PrunedThrough
// and Append are scoped to a shop.
type Events struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewEvents returns the event log in db, reading every time from now. The
// reads must go to the primary: the listener's LISTEN, the appenders' locks
// and the freshest commits are only there.
func NewEvents(db *sqlx.DB, now func() time.Time) *Events {
	return &Events{db: db, now: now}
}

const eventColumns = `id, shop_id, kind, COALESCE(conversation_id, 0) AS conversation_id,
	COALESCE(profile_id, 0) AS profile_id, audience, payload, created_at`

// Append stores an event in a transaction of its own and returns its id. It is
// for an event that reports no change made in the database; an event that
// reports a change is appended by the store method making it, in its
// transaction, so that both commit or neither does.
func (s *Events) Append(ctx context.Context, e NewEvent) (int64, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("append event: %w", err)
	}
	defer tx.Rollback()
	id, err := appendEvent(ctx, tx, s.now(), e)
	if err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("append event: commit: %w", err)
	}
	return id, nil
}

// appendEvent stores e inside the caller's transaction and returns its id;
// the listeners are woken once that transaction has ended (WakeListeners:
// the transaction itself does not NOTIFY). Call it as the last statement
// before the commit: until the transaction ends, readers of the log hold back every later event (see
// Events), so a transaction kept open after it delays every shop's stream.
func appendEvent(ctx context.Context, q sqlx.ExtContext, now time.Time, e NewEvent) (int64, error) {
	ids, err := appendEvents(ctx, q, now, e)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// appendEvents is appendEvent for several events, in one statement: they
// take ids in the order given, one round trip for them all.
//
// The fence is a materialised CTE the insert reads from, so the lock is
// held before nextval runs; a reader that sees a gap therefore finds its
// holder among the lock's holders. The shop is looked up, not locked as a
// foreign key's check would lock its row (migration 0052).
func appendEvents(ctx context.Context, q sqlx.ExtContext, now time.Time, events ...NewEvent) ([]int64, error) {
	if len(events) == 0 {
		return nil, nil
	}
	var shops, conversations, profiles []int64
	var kinds, audiences, payloads []string
	for _, e := range events {
		payload, err := checkEvent(&e)
		if err != nil {
			return nil, err
		}
		shops, conversations, profiles = append(shops, e.ShopID), append(conversations, e.ConversationID), append(profiles, e.ProfileID)
		kinds, audiences, payloads = append(kinds, e.Kind), append(audiences, e.Audience), append(payloads, string(payload))
	}
	var added []struct {
		ID    int64 `db:"id"`
		TxKey int32 `db:"tx_key"`
	}
	err := sqlx.SelectContext(ctx, q, &added, `WITH fence AS MATERIALIZED (SELECT `+holdTxKeySQL+`, `+txKeySQL+` AS tx_key),
		added AS (
			INSERT INTO events (shop_id, kind, conversation_id, profile_id, audience, payload, created_at)
			SELECT e.shop_id, e.kind, NULLIF(e.conversation_id, 0), NULLIF(e.profile_id, 0), e.audience, e.payload, $8::timestamptz
			FROM fence, unnest($2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::jsonb[])
				WITH ORDINALITY AS e(shop_id, kind, conversation_id, profile_id, audience, payload, ord)
			WHERE EXISTS (SELECT 1 FROM shops s WHERE s.id = e.shop_id)
			ORDER BY e.ord
			RETURNING id)
		SELECT added.id, fence.tx_key FROM added, fence ORDER BY added.id`,
		appendersLockSpace, pq.Array(shops), pq.Array(kinds), pq.Array(conversations), pq.Array(profiles),
		pq.Array(audiences), pq.Array(payloads), now)
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "23503" {
		return nil, fmt.Errorf("event %s: no such shop, conversation or profile: %w", events[0].Kind, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("append event %s: %w", events[0].Kind, err)
	}
	if len(added) < len(events) {
		return nil, fmt.Errorf("event %s: no such shop: %w", events[0].Kind, ErrNotFound)
	}
	// The listeners are woken once this transaction has ended, and not
	// before: whatever commits after it waits for a later notification.
	eventsWakeup.markTx(added[0].TxKey)
	ids := make([]int64, len(added))
	for i, a := range added {
		ids[i] = a.ID
	}
	return ids, nil
}

// checkEvent fills in e's default audience, checks it, and returns its
// payload as JSON.
func checkEvent(e *NewEvent) ([]byte, error) {
	if e.Audience == "" {
		e.Audience = AudienceAll
	}
	if e.ShopID <= 0 || e.ConversationID < 0 || e.ProfileID < 0 || !eventKind.MatchString(e.Kind) ||
		(e.Audience != AudienceAll && e.Audience != AudienceAgents && e.Audience != AudienceShopper) {
		return nil, fmt.Errorf("an event needs a shop, a kind of lower-case words and dots, an audience, and no negative ids: %w", ErrInvalid)
	}
	if e.Payload == nil {
		return []byte("{}"), nil
	}
	payload, err := json.Marshal(e.Payload)
	if err != nil {
		return nil, fmt.Errorf("event %s: payload is not JSON (%v): %w", e.Kind, err, ErrInvalid)
	}
	return payload, nil
}

// After returns up to limit of the shop's events with ids above afterID, in id
// order. The last id returned is not settled by itself (see Events): a caller
// that resumes from it reads only up to an id settled by Latest or by the
// listener.
func (s *Events) After(ctx context.Context, shopID, afterID int64, limit int) ([]Event, error) {
	return s.read(ctx, "read shop events", `WHERE shop_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
		limit, shopID, afterID, limit)
}

// AfterForProfile is After for one shopper's stream: the shop's events that
// concern the profile and are for everyone, not for agents only.
func (s *Events) AfterForProfile(ctx context.Context, shopID, profileID, afterID int64, limit int) ([]Event, error) {
	return s.read(ctx, "read shopper events", `WHERE profile_id = $2 AND shop_id = $1 AND audience IN ('all', 'shopper')
		AND id > $3 ORDER BY id LIMIT $4`, limit, shopID, profileID, afterID, limit)
}

// AfterGlobal returns up to limit events of every shop with ids above afterID,
// in id order. It is the deliberate unscoped read, for the listener that feeds
// one app instance's streams of every shop; nothing else should call it.
func (s *Events) AfterGlobal(ctx context.Context, afterID int64, limit int) ([]Event, error) {
	return s.read(ctx, "read events", `WHERE id > $1 ORDER BY id LIMIT $2`, limit, afterID, limit)
}

func (s *Events) read(ctx context.Context, op, where string, limit int, args ...any) ([]Event, error) {
	if limit < 1 {
		return nil, fmt.Errorf("limit must be positive: %w", ErrInvalid)
	}
	events := []Event{}
	if err := s.db.SelectContext(ctx, &events, `SELECT `+eventColumns+` FROM events `+where, args...); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return events, nil
}

// Latest returns the highest event id, settled: every event with a smaller id
// that will ever commit has committed when it returns, so a listener starting
// after it misses nothing later. When pruning has emptied the log it is the
// highest id pruned, so a client current to it is not taken for one from
// before the pruning; 0 when there never was an event. It waits as
// WaitForAppenders does.
func (s *Events) Latest(ctx context.Context) (int64, error) {
	var id int64
	// Every id left in the log is above every id pruned: the marks are read
	// only when the log is empty.
	if err := s.db.GetContext(ctx, &id, `SELECT COALESCE(
		(SELECT max(id) FROM events), (SELECT max(through_id) FROM events_pruned), 0)`); err != nil {
		return 0, fmt.Errorf("latest event: %w", err)
	}
	if err := s.WaitForAppenders(ctx); err != nil {
		return 0, err
	}
	return id, nil
}

// WaitForAppenders returns once every transaction that was appending an event
// when it was called has committed or rolled back. After a read that returned
// ids up to N with gaps below N, and this call, a new read returns every event
// up to N that will ever exist: a gap's holder drew its id before N was drawn,
// so it held the appenders' lock before that read, and was waited for.
// Appenders that start meanwhile are not waited for. It ends early with ctx.
func (s *Events) WaitForAppenders(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, waitForHoldersSQL, appendersLockSpace); err != nil {
		return fmt.Errorf("wait for event appenders: %w", err)
	}
	return nil
}

// deleteBatch bounds one DELETE of DeleteBefore, so a clean-up after a busy
// week does not hold one long transaction.
const deleteBatch = 10_000

// DeleteBefore deletes the events created before t, and returns how many. Run
// it periodically with t a few days back: the log serves resume, not history;
// a client whose Last-Event-ID is older reloads its state. Each batch raises,
// in the same statement, the shops' PrunedThrough to the highest id it
// deleted, so no reader ever finds events gone and the mark not yet moved.
//
// Old events have the lowest ids, so it first finds the lowest id created at
// or after t, and the batches scan the primary key below it only, never the
// recent events that stay.
func (s *Events) DeleteBefore(ctx context.Context, t time.Time) (int64, error) {
	var below int64
	if err := s.db.GetContext(ctx, &below, `SELECT COALESCE(
		(SELECT id FROM events WHERE created_at >= $1 ORDER BY id LIMIT 1),
		(SELECT max(id) + 1 FROM events), 0)`, t); err != nil {
		return 0, fmt.Errorf("delete old events: %w", err)
	}
	var total int64
	for {
		var n int64
		err := s.db.GetContext(ctx, &n, `WITH deleted AS (
				DELETE FROM events WHERE id IN (
					SELECT id FROM events WHERE id < $1 AND created_at < $2 ORDER BY id LIMIT $3)
				RETURNING id, shop_id),
			marked AS (
				INSERT INTO events_pruned (shop_id, through_id)
				SELECT shop_id, max(id) FROM deleted GROUP BY shop_id
				ON CONFLICT (shop_id) DO UPDATE
					SET through_id = GREATEST(events_pruned.through_id, EXCLUDED.through_id))
			SELECT count(*) FROM deleted`, below, t, deleteBatch)
		if err != nil {
			return total, fmt.Errorf("delete old events: %w", err)
		}
		total += n
		if n < deleteBatch {
			return total, nil
		}
	}
}

// PrunedThrough returns the highest id of the shop's events that
// DeleteBefore has deleted; 0 when none. A client that saw the shop's events
// up to a lower id has missed some for good: it must reload its state rather
// than resume.
func (s *Events) PrunedThrough(ctx context.Context, shopID int64) (int64, error) {
	var id int64
	if err := s.db.GetContext(ctx, &id, `SELECT COALESCE(
		(SELECT through_id FROM events_pruned WHERE shop_id = $1), 0)`, shopID); err != nil {
		return 0, fmt.Errorf("read how far shop %d's events were pruned: %w", shopID, err)
	}
	return id, nil
}
