package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ShopperPost is a message a shopper sends.
type ShopperPost struct {
	ClientID string // the widget's id for the message (a retry repeats it)
	Body     string // validated by the caller
	Preview  string // the inbox's one-line preview of Body
	// AutoReply is the automatic reply (office hours) to store after the
	// message when it starts a new conversation; "" for none. The caller
	// decides it before calling, so nothing is read through the pool while
	// the post's transaction holds a connection (with N connections, N
	// concurrent first messages would otherwise wait on each other forever).
	AutoReply string
}

// PostResult is what posting a shopper's message did.
type PostResult struct {
	Message      Message
	Conversation Conversation
	Automatic    []Message // the automatic reply, when the message started the conversation
	Started      bool      // the message started a new conversation (a new ticket)
	Duplicate    bool      // the client id was seen before: nothing new was stored
}

// PostFromShopper stores a shopper's message, in one transaction with its
// events: it joins the profile's open or snoozed conversation (waking a
// snoozed one), or starts a new one with its automatic reply. A message
// whose client id the same shopper (profile) already used is not stored
// again: the first result is returned, marked Duplicate. Another shopper's
// message with the same client id is no concern of theirs: it is stored as
// theirs.
func (s *Conversations) PostFromShopper(ctx context.Context, shopID, profileID int64, p ShopperPost) (PostResult, error) {
	if prev, ok, err := s.previousPost(ctx, shopID, profileID, p.ClientID); ok || err != nil {
		return prev, err
	}
	res, err := s.postFromShopper(ctx, shopID, profileID, p)
	if isUniqueViolation(err) {
		// The same client id committed concurrently (a retry racing the
		// original): answer with what it stored.
		prev, ok, perr := s.previousPost(ctx, shopID, profileID, p.ClientID)
		if perr != nil || !ok {
			return PostResult{}, errors.Join(err, perr)
		}
		return prev, nil
	}
	return res, err
}

func (s *Conversations) postFromShopper(ctx context.Context, shopID, profileID int64, p ShopperPost) (PostResult, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return PostResult{}, fmt.Errorf("post message: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	c, started, err := activeOrNew(ctx, tx, shopID, profileID, p.Preview, now)
	if err != nil {
		return PostResult{}, err
	}
	res := PostResult{Started: started}
	if res.Message, err = insertMessage(ctx, tx, shopID, c.ID, AuthorShopper, nil, p.ClientID, p.Body, nil, now); err != nil {
		return PostResult{}, err
	}
	if started && p.AutoReply != "" {
		auto, err := insertMessage(ctx, tx, shopID, c.ID, AuthorSystem, nil, "", p.AutoReply, nil, now)
		if err != nil {
			return PostResult{}, err
		}
		res.Automatic = append(res.Automatic, auto)
	}
	if res.Conversation, err = recordShopperMessage(ctx, tx, c, p.Preview, 1+len(res.Automatic), now); err != nil {
		return PostResult{}, err
	}
	if started {
		// The team hears of the new ticket by email; queued here so that it
		// is sent if and only if the ticket exists.
		if _, err := enqueueJob(ctx, tx, now, NewJob{Kind: JobNotifyNewTicket, ShopID: shopID,
			Payload: map[string]int64{"conversation_id": c.ID}}); err != nil {
			return PostResult{}, err
		}
	}
	if err := emitPost(ctx, tx, now, res); err != nil {
		return PostResult{}, err
	}
	return res, tx.Commit()
}

// JobNotifyNewTicket is the kind of the job that emails the team about a
// new ticket.
const JobNotifyNewTicket = "notify.new_ticket"

// previousPost finds the message the shopper (profile) stored under
// clientID, in any of their conversations, with its conversation.
func (s *Conversations) previousPost(ctx context.Context, shopID, profileID int64, clientID string) (PostResult, bool, error) {
	var id int64
	err := s.db.GetContext(ctx, &id, `SELECT id FROM messages
		WHERE shop_id = $1 AND profile_id = $2 AND client_id = $3`, shopID, profileID, clientID)
	if errors.Is(err, sql.ErrNoRows) {
		return PostResult{}, false, nil
	}
	if err != nil {
		return PostResult{}, false, fmt.Errorf("look up client id: %w", err)
	}
	m, err := messageByID(ctx, s.db, shopID, id)
	if err != nil {
		return PostResult{}, false, err
	}
	c, err := s.Get(ctx, shopID, m.ConversationID)
	return PostResult{Message: m, Conversation: c, Duplicate: true}, true, err
}

// activeOrNew locks the profile's conversation that is going on, or starts
// one. Two first messages racing: the unique index lets one insert win, and
// the other then finds and locks the winner's conversation.
func activeOrNew(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, preview string, now time.Time) (Conversation, bool, error) {
	var c Conversation
	err := tx.GetContext(ctx, &c, `
		INSERT INTO conversations (shop_id, profile_id, channel, status, first_message, last_message_at, created_at, updated_at)
		VALUES ($1, $2, 'web_chat', 'open', $3, $4, $4, $4)
		ON CONFLICT (profile_id, channel) WHERE status <> 'closed' DO NOTHING
		RETURNING `+conversationColumns, shopID, profileID, preview, now)
	if err == nil {
		return c, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, false, fmt.Errorf("start conversation: %w", err)
	}
	err = tx.GetContext(ctx, &c, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = 'web_chat' AND status <> 'closed' FOR UPDATE`, shopID, profileID)
	if err != nil {
		return Conversation{}, false, fmt.Errorf("find conversation: %w", err)
	}
	return c, false, nil
}

// recordShopperMessage updates the ticket for n new messages: a snoozed
// conversation wakes up, and it waits for a reply from now unless it already
// did.
func recordShopperMessage(ctx context.Context, tx *sqlx.Tx, c Conversation, preview string, n int, now time.Time) (Conversation, error) {
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET status = 'open', snoozed_until = NULL,
		message_count = message_count + $3, last_message_at = $4, last_message_preview = $5,
		awaiting_reply_since = coalesce(awaiting_reply_since, $4), unread = true, updated_at = $4
		WHERE shop_id = $1 AND id = $2 RETURNING `+conversationColumns, c.ShopID, c.ID, n, now, preview)
	if err != nil {
		return Conversation{}, fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	return out, nil
}

// MarkSeenByShopper marks the agent and AI messages of the profile's active
// conversation up to upToID as seen, and returns their ids (none: nothing
// new was seen).
func (s *Conversations) MarkSeenByShopper(ctx context.Context, shopID, profileID, upToID int64) ([]int64, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	var c Conversation
	err = tx.GetContext(ctx, &c, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = 'web_chat' AND status <> 'closed'`, shopID, profileID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	ids := []int64{}
	err = tx.SelectContext(ctx, &ids, `UPDATE messages SET seen_at = $3
		WHERE shop_id = $1 AND conversation_id = $2 AND id <= $4 AND author IN ('agent', 'ai') AND seen_at IS NULL
		RETURNING id`, shopID, c.ID, now, upToID)
	if err != nil || len(ids) == 0 {
		return ids, err
	}
	err = emit(ctx, tx, now, c, "message.seen", map[string]any{"conversation_id": c.ID, "message_ids": ids, "seen_at": now})
	if err != nil {
		return nil, err
	}
	return ids, tx.Commit()
}
