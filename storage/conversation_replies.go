package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
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
// Replies sent at once share a transaction and its WAL flush with each
// other and with the shoppers' posts (writePosts), in the lane of the
// conversation's shopper: it returns once the reply's batch has committed
// (the reply is visible exactly when it is durable), or with ctx's error
// when ctx ends first (the reply is then stored or not with its batch; a
// retry with the same client id finds it). A reply that fails fails alone.
func (s *Conversations) PostFromAgent(ctx context.Context, shopID, conversationID, agentID int64, r AgentReply) (Message, error) {
	if shopID <= 0 {
		return Message{}, fmt.Errorf("reply in shop %d: %w", shopID, ErrInvalid)
	}
	profileID, err := s.profiles.of(ctx, s.db, shopID, conversationID)
	if err != nil {
		return Message{}, err
	}
	out, err := s.posts.do(ctx, batchedWrite{shopID: shopID, profileID: profileID,
		reply: &replyWrite{conversationID: conversationID, agentID: agentID, reply: r}})
	if err == nil {
		err = out.err
	}
	return out.res.Message, err
}

// replyInTx stores an agent's reply inside tx, which the shop wall has set
// to shopID, and returns its message with the events to append for it
// (none for a retry, answered with the first message).
func (s *Conversations) replyInTx(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, w replyWrite) (Message, []NewEvent, error) {
	now := s.now()
	conversationID, agentID, r := w.conversationID, w.agentID, w.reply
	// The row lock queues the replies to the conversation, so a retry
	// racing its original (in another batch) looks for it only once the
	// original is committed or rolled back; in the same batch, the
	// original's savepoint is released and its row seen.
	c, err := conversationByID(ctx, tx, shopID, conversationID, true)
	if err != nil {
		return Message{}, nil, err
	}
	if c.ProfileID != profileID {
		s.profiles.forget(shopID, conversationID) // a visitor's, taken since: the next reply reads it again
	}
	if prev, ok, err := previousReply(ctx, tx, c, r.ClientID); ok || err != nil {
		return prev, nil, err
	}
	if c.Status == StatusClosed {
		return Message{}, nil, fmt.Errorf("reply to conversation %d: %w", conversationID, ErrConversationClosed)
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
	if err != nil {
		return Message{}, nil, err
	}
	if c, err = recordAgentReply(ctx, tx, c, agentID, r.Preview, now); err != nil {
		return Message{}, nil, err
	}
	if c.Channel == ChannelSMS {
		if m, err = queueSMS(ctx, tx, c, m, now); err != nil {
			return Message{}, nil, err
		}
	}
	return m, []NewEvent{conversationEvent(c, "message.created", AudienceAll, m),
		conversationEvent(c, "conversation.updated", AudienceAgents, c)}, nil
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

// recordAgentReply updates the ticket for the agent's reply: it no longer
// waits for one, it is the agent's if it was nobody's, and the team has it:
// the AI agent answers no more.
func recordAgentReply(ctx context.Context, tx *sqlx.Tx, c Conversation, agentID int64, preview string, now time.Time) (Conversation, error) {
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET message_count = message_count + 1, last_message_at = $3,
		last_message_preview = $4, awaiting_reply_since = NULL, assignee_agent_id = coalesce(assignee_agent_id, $5),
		updated_at = $3, last_author = 'agent', ai_answering = false WHERE shop_id = $1 AND id = $2 RETURNING `+conversationColumns, c.ShopID, c.ID, now, preview, agentID)
	if err != nil {
		return Conversation{}, fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	return out, nil
}

// conversationProfiles remembers whose conversation each is, to put a
// reply in its shopper's lane without a read: a conversation changes
// shopper only when a visitor signs in and takes it (TakeVisitorsConversation),
// and replyInTx forgets an entry its lock finds wrong. An entry that is
// wrong meanwhile only puts a reply in another lane, which PostgreSQL's
// row locks still order against the posts.
type conversationProfiles struct {
	mu    sync.Mutex
	known map[[2]int64]int64 // {shop, conversation} → profile
}

// maxKnownConversations bounds what conversationProfiles keeps; when full,
// it starts again.
const maxKnownConversations = 100_000

// of is the profile of the shop's conversation, ErrNotFound when there is
// none.
func (p *conversationProfiles) of(ctx context.Context, db sqlx.QueryerContext, shopID, conversationID int64) (int64, error) {
	key := [2]int64{shopID, conversationID}
	p.mu.Lock()
	profileID, ok := p.known[key]
	p.mu.Unlock()
	if ok {
		return profileID, nil
	}
	err := sqlx.GetContext(ctx, db, &profileID, `SELECT profile_id FROM conversations WHERE shop_id = $1 AND id = $2`,
		shopID, conversationID)
	if err != nil {
		return 0, notFound(err, "conversation %d", conversationID)
	}
	p.mu.Lock()
	if p.known == nil || len(p.known) >= maxKnownConversations {
		p.known = map[[2]int64]int64{}
	}
	p.known[key] = profileID
	p.mu.Unlock()
	return profileID, nil
}

// forget drops what is known of the shop's conversation.
func (p *conversationProfiles) forget(shopID, conversationID int64) {
	p.mu.Lock()
	delete(p.known, [2]int64{shopID, conversationID})
	p.mu.Unlock()
}
