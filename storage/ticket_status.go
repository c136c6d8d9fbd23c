package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The agents' changes to a ticket (SPEC §3.3): reading, assigning,
// snoozing, and the wake-up of snoozed tickets. Each appends an agents-only
// conversation.updated event in its transaction, so the inbox, its badge
// and the open ticket pages refresh themselves. A closed ticket is final:
// nothing here changes it (a Conflict), since a web chat that ended cannot
// be reopened (SPEC §3.1).

// errClosedTicket is the Conflict for any change to a closed ticket.
var errClosedTicket = ErrConversationClosed

// MarkRead records that an agent opened the ticket: its blue dot and its
// share of the unread badge go. A ticket already read is returned as it is,
// with no event, so that pages re-fetching on the event do not loop.
func (s *Conversations) MarkRead(ctx context.Context, shopID, id int64) (Conversation, error) {
	return s.change(ctx, shopID, id, `unread = false`, `unread`, nil, false)
}

// Assign gives the ticket to one of the shop's agents, or to nobody (nil).
// An agent of another shop is Invalid; a closed ticket is a Conflict.
func (s *Conversations) Assign(ctx context.Context, shopID, id int64, agentID *int64) (Conversation, error) {
	c, err := s.change(ctx, shopID, id, `assignee_agent_id = $3`,
		notClosed+` AND ($3::bigint IS NULL OR EXISTS (SELECT 1 FROM agents a WHERE a.shop_id = $1 AND a.id = $3))`,
		[]any{agentID}, true)
	if errors.Is(err, errUnchanged) {
		return Conversation{}, fmt.Errorf("assign to agent %d of another shop: %w", *agentID, ErrInvalid)
	}
	return c, err
}

// Snooze hides an open ticket until the given time, when the wake-up sweep
// (WakeSnoozed) opens it again, and records it in the shopper's history.
// The caller checks that until is in the future (chat.CheckSnooze); a
// closed ticket is a Conflict.
func (s *Conversations) Snooze(ctx context.Context, shopID, id int64, until time.Time) (Conversation, error) {
	return s.changeRecorded(ctx, shopID, id, `status = 'snoozed', snoozed_until = $3`, notClosed, []any{until}, true,
		EventTicketSnoozed, eventData{ConversationID: id, Until: &until})
}

// Unsnooze puts a snoozed ticket back in Open at once, as the wake-up
// sweep would at its time, recording now as its wake-up (the inactivity
// clock runs from it) and the unsnooze in the shopper's history. A ticket
// already open is returned as it is; a closed one is a Conflict.
func (s *Conversations) Unsnooze(ctx context.Context, shopID, id int64) (Conversation, error) {
	c, err := s.changeRecorded(ctx, shopID, id, `status = 'open', snoozed_until = NULL, woken_at = $3`, `status = 'snoozed'`, nil, true,
		EventTicketUnsnoozed, eventData{ConversationID: id})
	if errors.Is(err, errUnchanged) {
		return conversationByID(ctx, s.db, shopID, id, false)
	}
	return c, err
}

// change applies set to the ticket where cond holds, in one transaction
// with its event. set and cond are this file's constants, never input;
// args are $3 onwards, and the last parameter is the time of the change.
// When cond fails, a missing ticket is NotFound and a closed one (when
// finalWhenClosed) a Conflict; otherwise errUnchanged when the update
// mattered, or the unchanged ticket when it did not (MarkRead).
func (s *Conversations) change(ctx context.Context, shopID, id int64, set, cond string, args []any, finalWhenClosed bool) (Conversation, error) {
	return s.changeRecorded(ctx, shopID, id, set, cond, args, finalWhenClosed, "", eventData{})
}

// changeRecorded is change that also records, in the same transaction, an
// event of kind with data in the shopper's history, at the time of the
// change; kind "" records none.
func (s *Conversations) changeRecorded(ctx context.Context, shopID, id int64, set, cond string, args []any, finalWhenClosed bool,
	kind string, data eventData) (Conversation, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Conversation{}, fmt.Errorf("change conversation %d: %w", id, err)
	}
	defer tx.Rollback()
	now := s.now()
	params := append(append([]any{shopID, id}, args...), now)
	var c Conversation
	err = tx.GetContext(ctx, &c, fmt.Sprintf(`UPDATE conversations SET %s, updated_at = $%d
		WHERE shop_id = $1 AND id = $2 AND %s RETURNING `+conversationColumns, set, len(params), cond), params...)
	if errors.Is(err, sql.ErrNoRows) {
		return unchanged(ctx, tx, shopID, id, finalWhenClosed)
	}
	if err != nil {
		return Conversation{}, fmt.Errorf("change conversation %d: %w", id, err)
	}
	if err := emitToAgents(ctx, tx, now, c, "conversation.updated", c); err != nil {
		return Conversation{}, err
	}
	if kind != "" {
		e := newEvent(kind, fmt.Sprintf("%s:%d:%d", kind, c.ID, now.UnixMicro()), now, data)
		if err := recordEvent(ctx, tx, shopID, c.ProfileID, e); err != nil {
			return Conversation{}, err
		}
	}
	return c, tx.Commit()
}

// unchanged says why a change matched no row.
func unchanged(ctx context.Context, tx *sqlx.Tx, shopID, id int64, finalWhenClosed bool) (Conversation, error) {
	c, err := conversationByID(ctx, tx, shopID, id, false)
	switch {
	case err != nil:
		return Conversation{}, err
	case !finalWhenClosed:
		return c, nil
	case c.Status == StatusClosed:
		return Conversation{}, errClosedTicket
	}
	return Conversation{}, errUnchanged
}

// errUnchanged is a change whose condition failed on a ticket that exists
// and is not closed.
var errUnchanged = errors.New("conversation unchanged")

// WakeSnoozed opens again up to limit snoozed tickets whose time has come
// at now (or that have no time: they would otherwise stay hidden for ever),
// and marks them unread so that they stand out when they return. It records
// now as their wake-up, from which the inactivity clock runs. It is the
// system's sweep over all shops, like CloseInactive, so it takes no shop.
func (s *Conversations) WakeSnoozed(ctx context.Context, now time.Time, limit int) (int, error) {
	var due []struct {
		ShopID int64 `db:"shop_id"`
		ID     int64 `db:"id"`
	}
	err := s.db.SelectContext(ctx, &due, `SELECT shop_id, id FROM conversations
		WHERE status = 'snoozed' AND (snoozed_until IS NULL OR snoozed_until <= $1)
		ORDER BY snoozed_until NULLS FIRST LIMIT $2`, now, limit)
	if err != nil {
		return 0, fmt.Errorf("find snoozed conversations: %w", err)
	}
	woken := 0
	for _, d := range due {
		// Each in its own transaction, re-checked there: an agent may have
		// snoozed it again, or closed it, since the query.
		// The wake-up is recorded: the ticket's 48 hours of inactivity
		// (CloseInactive) start now, not at its last message.
		_, err := s.change(ctx, d.ShopID, d.ID, `status = 'open', snoozed_until = NULL, woken_at = $3, unread = true`,
			`status = 'snoozed' AND (snoozed_until IS NULL OR snoozed_until <= $3)`, []any{now}, true)
		switch {
		case errors.Is(err, errUnchanged), errors.Is(err, ErrConflict):
			continue
		case err != nil:
			return woken, err
		}
		woken++
	}
	return woken, nil
}
