package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// AIReply is what the AI agent says to a shopper's message, as the
// conversation core decided it.
type AIReply struct {
	ReplyTo int64  // the shopper's message answered
	Body    string // the text shown
	Preview string // the one-line preview of Body
	Cards   []Card
	Kind    string // KindText, or what the message asks of the shopper
	// Choices are what a KindChoices reply offers to pick.
	Choices []string
	// Tag is the conversation's topic as this answer shows it; "" keeps the
	// tag it has.
	Tag string
	// Handoff, when not HandoffNone or "", hands the conversation off
	// (custom message, Zendesk, Gorgias): the agent answers no more. An
	// Inbox handoff is not made here: the agent offers it (Kind
	// KindHandoffOffer) and the shopper's Yes makes it (AnswerHandoffOffer).
	Handoff Handoff
	// FollowUp is a job to queue with the reply (the external ticket).
	FollowUp *NewJob
}

// ErrNotTheAgents says a conversation is no longer the AI agent's to answer:
// the team has it, it was handed off, or it ended.
var ErrNotTheAgents = fmt.Errorf("the conversation is not the AI agent's: %w", ErrConflict)

// RecordAIReply stores the AI agent's reply to a shopper's message, in one
// transaction with the conversation's change and its event (with the
// other replies recorded at the same moment: conversation_ai_batch.go). A reply to a
// message already answered is not stored again: the first is returned (a
// retried answering job). A conversation no longer the agent's takes no
// reply: ErrNotTheAgents.
func (s *Conversations) RecordAIReply(ctx context.Context, shopID, conversationID int64, r AIReply) (Message, error) {
	if shopID <= 0 {
		return Message{}, fmt.Errorf("record AI reply in shop %d: %w", shopID, ErrInvalid)
	}
	out, err := s.aiReplies.do(ctx, aiReplyWrite{shopID: shopID, conversationID: conversationID, reply: r})
	if isUniqueViolationOf(err, "messages_ai_reply") {
		// Answered before (a retried job): nothing of this is stored.
		return s.firstAIReply(ctx, shopID, r.ReplyTo)
	}
	if err != nil {
		return Message{}, fmt.Errorf("record AI reply: %w", err)
	}
	return out.msg, out.err
}

// refuseAIReply says why a reply was not recorded, the conversation no
// longer the agent's: the message was answered before (a retried job; the
// first answer is returned), or ErrNotTheAgents, or ErrNotFound.
func (s *Conversations) refuseAIReply(ctx context.Context, tx *sqlx.Tx, shopID, conversationID, replyTo int64) (Message, error) {
	if _, err := conversationByID(ctx, tx, shopID, conversationID, true); err != nil {
		return Message{}, err
	}
	if prev, err := aiReplyTo(ctx, tx, shopID, replyTo); err == nil || !errors.Is(err, ErrNotFound) {
		return prev, err
	}
	return Message{}, ErrNotTheAgents
}

// firstAIReply reads the AI agent's reply stored before to message replyTo.
func (s *Conversations) firstAIReply(ctx context.Context, shopID, replyTo int64) (Message, error) {
	tx, err := beginInShop(ctx, s.db, shopID, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Message{}, fmt.Errorf("read the AI reply to message %d: %w", replyTo, err)
	}
	defer tx.Rollback()
	return aiReplyTo(ctx, tx, shopID, replyTo)
}

// textIfSMS queues m to be texted when c is an SMS conversation: the AI
// agent's words reach the person's phone by the same job as the team's.
// The caller checked the person did not opt out (checkSMSAllowed).
func textIfSMS(ctx context.Context, tx *sqlx.Tx, c Conversation, m Message, now time.Time) (Message, error) {
	if c.Channel != ChannelSMS {
		return m, nil
	}
	return queueSMS(ctx, tx, c, m, now)
}

// aiReplyTo is the AI agent's reply to a message, or ErrNotFound.
func aiReplyTo(ctx context.Context, tx *sqlx.Tx, shopID, messageID int64) (Message, error) {
	var id int64
	if err := tx.GetContext(ctx, &id, `SELECT id FROM messages WHERE shop_id = $1 AND reply_to = $2`, shopID, messageID); err != nil {
		return Message{}, notFound(err, "reply to message %d", messageID)
	}
	return messageByID(ctx, tx, shopID, id)
}

// recordAIMessage updates the conversation for the AI agent's reply, if it
// is still the agent's to answer (ok false: it was left as it is). The
// update takes the conversation's row lock, which queues the writes to it
// (a retried job's reply is then refused by the unique index of replies),
// and checks the row as it is once locked: one statement, where a lock, a
// read and an update were three.
func recordAIMessage(ctx context.Context, tx *sqlx.Tx, shopID, conversationID int64, r AIReply, now time.Time) (Conversation, bool, error) {
	handoff := r.Handoff
	if handoff == "" {
		handoff = HandoffNone
	}
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET message_count = message_count + 1, last_message_at = $3,
		last_message_preview = $4, last_author = 'ai', updated_at = $3, tag = coalesce(NULLIF($5, ''), tag),
		handoff = $6, handoff_at = CASE WHEN $6 <> 'none' THEN $3::timestamptz END,
		handoff_offered_at = CASE WHEN $7 THEN $3::timestamptz END
		WHERE shop_id = $1 AND id = $2 AND ai_answering AND handoff = 'none' AND `+notClosed+`
		RETURNING `+conversationColumns,
		shopID, conversationID, now, r.Preview, r.Tag, handoff, r.Kind == KindHandoffOffer)
	if errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, false, nil
	}
	if err != nil {
		return Conversation{}, false, fmt.Errorf("update conversation %d: %w", conversationID, err)
	}
	return out, true, nil
}

// HandoffAnswer is the shopper's answer to the AI agent's "talk to a
// person?".
type HandoffAnswer struct {
	Accept bool
	// Reply is the AI agent's answer to a No ("" for none); AutoReply the
	// office-hours reply a Yes gets ("" for none). Both decided by the
	// caller, before the transaction.
	Reply, AutoReply string
}

// AnswerHandoffOffer records the shopper's answer to the AI agent's offer of
// a person, in one transaction. Yes hands the conversation to the team: a
// new ticket in the inbox, with its whole transcript, unread, waiting for a
// reply, its office-hours reply, and the team's email. No withdraws the offer
// and the agent goes on. The conversation must be the profile's, the agent's,
// with an offer pending: else ErrNotTheAgents (a second click changes
// nothing).
func (s *Conversations) AnswerHandoffOffer(ctx context.Context, shopID, profileID, conversationID int64, a HandoffAnswer) (Conversation, []Message, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Conversation{}, nil, fmt.Errorf("answer handoff: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	c, err := conversationByID(ctx, tx, shopID, conversationID, true)
	if err != nil || c.ProfileID != profileID {
		return Conversation{}, nil, notFoundAs(err, "conversation %d of profile %d", conversationID, profileID)
	}
	if !c.AIAnswering || c.Handoff != HandoffNone || c.HandoffOfferedAt == nil || c.Status == StatusClosed {
		return Conversation{}, nil, ErrNotTheAgents
	}
	if err := checkSMSAllowed(ctx, tx, c); err != nil {
		return Conversation{}, nil, err
	}
	var added []Message
	if text, author := a.Reply, AuthorAI; text != "" || (a.Accept && a.AutoReply != "") {
		if a.Accept {
			text, author = a.AutoReply, AuthorSystem
		}
		m, err := insertMessage(ctx, tx, shopID, c.ID, newMessage{Author: author, Body: text}, now)
		if err != nil {
			return Conversation{}, nil, err
		}
		if m, err = textIfSMS(ctx, tx, c, m, now); err != nil {
			return Conversation{}, nil, err
		}
		added = append(added, m)
	}
	if c, err = recordHandoffAnswer(ctx, tx, c, a.Accept, added, now); err != nil {
		return Conversation{}, nil, err
	}
	if err := emitHandoffAnswer(ctx, tx, c, a.Accept, added, now); err != nil {
		return Conversation{}, nil, err
	}
	return c, added, tx.Commit()
}

func recordHandoffAnswer(ctx context.Context, tx *sqlx.Tx, c Conversation, accept bool, added []Message, now time.Time) (Conversation, error) {
	last, preview := c.LastAuthor, c.LastMessagePreview
	if len(added) > 0 {
		last, preview = added[0].Author, added[0].Body
	}
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET handoff_offered_at = NULL, updated_at = $3,
		message_count = message_count + $4, last_author = $5, last_message_preview = left($6, 140),
		last_message_at = CASE WHEN $4 > 0 THEN $3::timestamptz ELSE last_message_at END,
		ai_answering = NOT $7,
		handoff = CASE WHEN $7 THEN 'inbox' ELSE handoff END, handoff_at = CASE WHEN $7 THEN $3::timestamptz ELSE handoff_at END,
		unread = unread OR $7, awaiting_reply_since = CASE WHEN $7 THEN $3::timestamptz ELSE awaiting_reply_since END
		WHERE shop_id = $1 AND id = $2 RETURNING `+conversationColumns,
		c.ShopID, c.ID, now, len(added), last, preview, accept)
	if err != nil {
		return Conversation{}, fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	return out, nil
}

// emitHandoffAnswer tells the shopper, and on a Yes the team: the ticket
// appears in the inbox, and the team is emailed.
func emitHandoffAnswer(ctx context.Context, tx *sqlx.Tx, c Conversation, accept bool, added []Message, now time.Time) error {
	if accept {
		if err := emitToAgents(ctx, tx, now, c, "conversation.created", c); err != nil {
			return err
		}
		if err := enqueueNewTicketEmail(ctx, tx, c, now); err != nil {
			return err
		}
	}
	if err := emit(ctx, tx, now, c, "conversation.updated", map[string]any{"id": c.ID, "handoff": c.Handoff,
		"ai_answering": c.AIAnswering}); err != nil {
		return err
	}
	for _, m := range added {
		if err := emitMessage(ctx, tx, now, c, m); err != nil {
			return err
		}
	}
	return nil
}

// SetTag sets a conversation's topic (the team changing the agent's tag),
// with its event for the team.
func (s *Conversations) SetTag(ctx context.Context, shopID, conversationID int64, tag string) (Conversation, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Conversation{}, fmt.Errorf("set tag: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	var c Conversation
	err = tx.GetContext(ctx, &c, `UPDATE conversations SET tag = NULLIF($3, ''), updated_at = $4
		WHERE shop_id = $1 AND id = $2 RETURNING `+conversationColumns, shopID, conversationID, tag, now)
	if err != nil {
		return Conversation{}, notFound(err, "conversation %d", conversationID)
	}
	if err := emitToAgents(ctx, tx, now, c, "conversation.updated", c); err != nil {
		return Conversation{}, err
	}
	return c, tx.Commit()
}

// notFoundAs is notFound for an error that is ErrNotFound already or
// sql.ErrNoRows; nil stays nil (a mismatch the caller found is not found).
func notFoundAs(err error, format string, args ...any) error {
	if err == nil || errors.Is(err, ErrNotFound) {
		return fmt.Errorf(format+": %w", append(args, ErrNotFound)...)
	}
	return notFound(err, format, args...)
}

// RecordExternalTicket stores the Zendesk or Gorgias ticket a handoff made.
func (s *Conversations) RecordExternalTicket(ctx context.Context, shopID, conversationID int64, id, url string) error {
	res, err := s.db.ExecContext(ctx, `UPDATE conversations SET external_ticket_id = $3, external_ticket_url = $4, updated_at = $5
		WHERE shop_id = $1 AND id = $2`, shopID, conversationID, id, url, s.now())
	if err != nil {
		return fmt.Errorf("record the external ticket of conversation %d: %w", conversationID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("conversation %d: %w", conversationID, ErrNotFound)
	}
	return nil
}
