package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/stages"
)

// AgentReply is a reply an agent sends.
type AgentReply struct {
	ClientID string // the composer's id for the reply (a retry repeats it)
	Body     string // validated by the caller
	Preview  string // the inbox's one-line preview of the reply
	// Uploads are the images sent with the reply, made by NewUpload; they
	// are stored with it or not at all. Attachments are what the message
	// shows of them, with the public URLs the caller made from their ids.
	Uploads     []Upload
	Attachments []Attachment
}

// PostFromAgent stores an agent's reply, with its images, and its events.
// Replying assigns an unassigned conversation to the agent (SPEC §3.3). A
// reply whose client id was already stored in the conversation is not
// stored again, nor are its images: the first message is returned.
// Otherwise a closed conversation takes no reply (Conflict).
//
// A reply is one transaction of its own: replies sent in the shoppers'
// batches (their lanes, writePosts) were measured slower to reach the
// shopper, since a reply's statements then waited behind the whole batch
// on one connection (docs/BENCHMARKS.md, "Durable message writes: settings
// kept per shop…").
func (s *Conversations) PostFromAgent(ctx context.Context, shopID, conversationID, agentID int64, r AgentReply) (Message, error) {
	if shopID <= 0 {
		return Message{}, fmt.Errorf("reply in shop %d: %w", shopID, ErrInvalid)
	}
	begun := stages.Now()
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Message{}, fmt.Errorf("reply: %w", err)
	}
	defer tx.Rollback()
	m, events, err := replyInTx(ctx, tx, shopID, conversationID, agentID, r, s.now())
	if errors.Is(err, errRepliedBefore) {
		tx.Rollback()
		return s.firstReply(ctx, shopID, conversationID, r.ClientID)
	}
	if err != nil {
		return Message{}, err
	}
	if _, err := appendEvents(ctx, tx, s.now(), events...); err != nil {
		return Message{}, err
	}
	if len(events) > 0 {
		stages.ReplyToAppend.Since(begun)
	}
	if err := tx.Commit(); err != nil {
		return Message{}, fmt.Errorf("reply: commit: %w", err)
	}
	return m, nil
}

// firstReply reads the reply stored before under clientID in the
// conversation.
func (s *Conversations) firstReply(ctx context.Context, shopID, conversationID int64, clientID string) (Message, error) {
	tx, err := beginInShop(ctx, s.db, shopID, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Message{}, fmt.Errorf("read reply %q: %w", clientID, err)
	}
	defer tx.Rollback()
	prev, ok, err := previousReply(ctx, tx, Conversation{ShopID: shopID, ID: conversationID}, clientID)
	if err == nil && !ok {
		err = fmt.Errorf("reply %q: %w", clientID, ErrNotFound)
	}
	return prev, err
}

// replyInTx stores an agent's reply inside tx, which the shop wall has set
// to shopID, and returns its message with the events to append for it
// (none for a retry, answered with the first message). The conversation's
// update comes first: it takes the row lock, which queues the replies to
// the conversation, and checks the row as it is once locked (one statement
// where a lock, a read and an update were three). A retry is then refused
// by the unique index of client ids, and the transaction, rolled back,
// answered with the first message.
//
// A web-chat reply without images, nearly every reply, is the update and
// the message in one statement (webReply); any other goes step by step.
func replyInTx(ctx context.Context, tx *sqlx.Tx, shopID, conversationID, agentID int64, r AgentReply, now time.Time) (Message, []NewEvent, error) {
	if len(r.Uploads) == 0 {
		row, ok, err := webReply(ctx, tx, shopID, conversationID, agentID, r, now)
		if isUniqueViolationOf(err, "messages_conversation_client_id") {
			return Message{}, nil, errRepliedBefore
		}
		if err != nil {
			return Message{}, nil, err
		}
		if ok {
			return row.Message, replyEvents(row.Conversation, row.Message), nil
		}
	}
	c, ok, err := recordAgentReply(ctx, tx, shopID, conversationID, agentID, r.Preview, now)
	if err != nil {
		return Message{}, nil, err
	}
	if !ok {
		return refuseReply(ctx, tx, shopID, conversationID, r.ClientID)
	}
	if err := checkSMSAllowed(ctx, tx, c); err != nil {
		return Message{}, nil, err
	}
	for _, u := range r.Uploads {
		if err := insertUpload(ctx, tx, c, u, now); err != nil {
			return Message{}, nil, err
		}
	}
	m, err := insertMessage(ctx, tx, shopID, c.ID, newMessage{Author: AuthorAgent, AgentID: &agentID, ClientID: r.ClientID, Body: r.Body, Files: r.Attachments}, now)
	if isUniqueViolationOf(err, "messages_conversation_client_id") {
		return Message{}, nil, errRepliedBefore
	}
	if err != nil {
		return Message{}, nil, err
	}
	if c.Channel == ChannelSMS {
		if m, err = queueSMS(ctx, tx, c, m, now); err != nil {
			return Message{}, nil, err
		}
	}
	return m, replyEvents(c, m), nil
}

// replyEvents are the events of reply m in conversation c: the message
// for everyone, the ticket as updated for the agents.
func replyEvents(c Conversation, m Message) []NewEvent {
	return []NewEvent{conversationEvent(c, "message.created", AudienceAll, m),
		conversationEvent(c, "conversation.updated", AudienceAgents, c)}
}

// webReply stores an agent's reply without images to a web-chat ticket
// that is not closed in one statement: the ticket's update
// (recordAgentReply's) and then the message (insertMessage's), each as
// stored. ok is false when it stored nothing: the ticket is closed, gone,
// or an SMS conversation, which replyInTx's steps handle. A client id used
// before in the conversation fails the statement.
func webReply(ctx context.Context, tx *sqlx.Tx, shopID, conversationID, agentID int64, r AgentReply, now time.Time) (storedRow, bool, error) {
	files, err := json.Marshal(orEmpty(r.Attachments))
	if err != nil {
		return storedRow{}, false, err
	}
	var rows []storedRow
	err = tx.SelectContext(ctx, &rows, `WITH u AS (
			UPDATE conversations SET message_count = message_count + 1, last_message_at = $3,
				last_message_preview = $4, awaiting_reply_since = NULL, assignee_agent_id = coalesce(assignee_agent_id, $5),
				updated_at = $3, last_author = '`+AuthorAgent+`', ai_answering = false
			WHERE shop_id = $1 AND id = $2 AND `+notClosed+` AND channel = '`+ChannelWebChat+`'
			RETURNING *),
		m AS (
			INSERT INTO messages (shop_id, conversation_id, author, agent_id, client_id, body, attachments,
				cards, kind, choices, created_at, media_refused)
			SELECT u.shop_id, u.id, '`+AuthorAgent+`', $5, NULLIF($6, ''), $7, $8, '[]', '`+KindText+`', '{}', $3, '[]'
			FROM u
			RETURNING *)
		SELECT `+prefixed(messageColumns, "", "msg")+`, `+prefixed(conversationColumns, "u.", "conv")+`
		FROM m JOIN u ON u.id = m.conversation_id LEFT JOIN agents a ON a.id = m.agent_id`,
		shopID, conversationID, now, r.Preview, agentID, r.ClientID, r.Body, string(files))
	if err != nil || len(rows) == 0 {
		return storedRow{}, false, err
	}
	return rows[0], true, nil
}

// errRepliedBefore says a reply's client id was stored before in its
// conversation: the caller rolls back and answers with the first message.
var errRepliedBefore = errors.New("the reply was stored before")

// refuseReply answers a reply to a conversation replyInTx did not update:
// a retry of a reply stored before gets the first message, a closed
// conversation ErrConversationClosed, a missing one ErrNotFound.
func refuseReply(ctx context.Context, tx *sqlx.Tx, shopID, conversationID int64, clientID string) (Message, []NewEvent, error) {
	c, err := conversationByID(ctx, tx, shopID, conversationID, true)
	if err != nil {
		return Message{}, nil, err
	}
	if prev, ok, err := previousReply(ctx, tx, c, clientID); ok || err != nil {
		return prev, nil, err
	}
	return Message{}, nil, fmt.Errorf("reply to conversation %d: %w", conversationID, ErrConversationClosed)
}

// previousReply finds the message stored in the conversation under
// clientID by anyone but the shopper.
func previousReply(ctx context.Context, tx *sqlx.Tx, c Conversation, clientID string) (Message, bool, error) {
	if clientID == "" {
		return Message{}, false, nil
	}
	var id int64
	err := tx.GetContext(ctx, &id, `SELECT id FROM messages
		WHERE shop_id = $1 AND conversation_id = $2 AND client_id = $3 AND author <> '`+AuthorShopper+`'`,
		c.ShopID, c.ID, clientID)
	if errors.Is(err, sql.ErrNoRows) {
		return Message{}, false, nil
	}
	if err != nil {
		return Message{}, false, fmt.Errorf("look up client id: %w", err)
	}
	m, err := messageByID(ctx, tx, c.ShopID, id)
	return m, err == nil, err
}

// recordAgentReply updates the ticket for the agent's reply, if it is not
// closed (ok false: it was left as it is): it no longer waits for one, it
// is the agent's if it was nobody's, and the team has it: the AI agent
// answers no more.
func recordAgentReply(ctx context.Context, tx *sqlx.Tx, shopID, conversationID, agentID int64, preview string, now time.Time) (Conversation, bool, error) {
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET message_count = message_count + 1, last_message_at = $3,
		last_message_preview = $4, awaiting_reply_since = NULL, assignee_agent_id = coalesce(assignee_agent_id, $5),
		updated_at = $3, last_author = 'agent', ai_answering = false
		WHERE shop_id = $1 AND id = $2 AND `+notClosed+` RETURNING `+conversationColumns, shopID, conversationID, now, preview, agentID)
	if errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, false, nil
	}
	if err != nil {
		return Conversation{}, false, fmt.Errorf("update conversation %d: %w", conversationID, err)
	}
	return out, true, nil
}
