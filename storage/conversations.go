package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Conversation is one conversation between a shopper and the shop: one
// ticket of the inbox.
type Conversation struct {
	ID                 int64      `db:"id" json:"id"`
	ShopID             int64      `db:"shop_id" json:"-"`
	ProfileID          int64      `db:"profile_id" json:"profile_id"`
	Channel            string     `db:"channel" json:"channel"`
	Status             string     `db:"status" json:"status"`
	SnoozedUntil       *time.Time `db:"snoozed_until" json:"snoozed_until"`
	AssigneeAgentID    *int64     `db:"assignee_agent_id" json:"assignee_agent_id"`
	FirstMessage       string     `db:"first_message" json:"first_message"`
	LastMessagePreview string     `db:"last_message_preview" json:"last_message_preview"`
	MessageCount       int        `db:"message_count" json:"message_count"`
	LastMessageAt      time.Time  `db:"last_message_at" json:"last_message_at"`
	AwaitingReplySince *time.Time `db:"awaiting_reply_since" json:"awaiting_reply_since"`
	Unread             bool       `db:"unread" json:"unread"`
	ClosedAt           *time.Time `db:"closed_at" json:"closed_at"`
	ClosedBy           *string    `db:"closed_by" json:"closed_by"`
	CreatedAt          time.Time  `db:"created_at" json:"created_at"`
	UpdatedAt          time.Time  `db:"updated_at" json:"updated_at"`
	// WokenAt is when a snooze last ended by the wake-up sweep; the close
	// sweep's clock starts then if that is after the last message.
	WokenAt *time.Time `db:"woken_at" json:"-"`
	// AIAnswering says the conversation is the AI agent's: it has not been
	// handed to the team, and is not in the team's inbox.
	AIAnswering bool `db:"ai_answering" json:"ai_answering"`
	// AIInvolved says the AI agent answered first (the dashboard's
	// conversations); Handoff how it handed off ("none" until then);
	// HandoffOfferedAt that it asked "talk to a person?" and awaits the
	// answer; AIStatus is SPEC §2.1's status (nil when the agent never
	// answered); Tag the topic; LastAuthor who wrote the last message.
	AIInvolved       bool       `db:"ai_involved" json:"ai_involved"`
	Handoff          Handoff    `db:"handoff" json:"handoff"`
	HandoffAt        *time.Time `db:"handoff_at" json:"handoff_at"`
	HandoffOfferedAt *time.Time `db:"handoff_offered_at" json:"handoff_offered_at"`
	AIStatus         *string    `db:"ai_status" json:"ai_status"`
	Tag              *string    `db:"tag" json:"tag"`
	LastAuthor       string     `db:"last_author" json:"last_author"`
	// ExternalTicketID and ExternalTicketURL are the Zendesk or Gorgias
	// ticket an external handoff made; nil until it is made.
	ExternalTicketID  *string `db:"external_ticket_id" json:"-"`
	ExternalTicketURL *string `db:"external_ticket_url" json:"-"`
}

// The channels and statuses of conversations.
const (
	ChannelWebChat = "web_chat"
	ChannelSMS     = "sms"
	StatusOpen     = "open"
	StatusSnoozed  = "snoozed"
	StatusClosed   = "closed"
)

// notClosed is "not closed" in the statements that find conversations by
// their ids. It says status IS DISTINCT FROM 'closed' (status is never
// null), not <>, because from <> PostgreSQL proves the predicate of
// conversations_one_active, the index of every conversation going on,
// and a plan kept for the statement (the pool's plans are generic, made
// once a connection) then read that index whole, when it was small as the
// plan was made, rather than the primary key: in the load tool's chat an
// agent's reply went through each of the thousand tickets going on.
const notClosed = `status IS DISTINCT FROM '` + StatusClosed + `'`

const conversationColumns = `id, shop_id, profile_id, channel, status, snoozed_until, assignee_agent_id, first_message,
	last_message_preview, message_count, last_message_at, awaiting_reply_since, woken_at, ai_answering, unread, closed_at, closed_by,
	created_at, updated_at, ai_involved, handoff, handoff_at, handoff_offered_at, ai_status, tag, last_author,
	external_ticket_id, external_ticket_url`

// Conversations stores conversations and their messages. Every change is
// appended to the event log in the same transaction, so live clients learn
// of exactly what was committed.
type Conversations struct {
	db  *sqlx.DB
	now func() time.Time
	// posts writes the shoppers' messages sent at once in one
	// transaction (conversation_batch.go).
	posts *combiner[batchedWrite, postOutcome]
	// aiReplies writes the AI agent's replies recorded at once in one
	// transaction (conversation_ai_batch.go).
	aiReplies *combiner[aiReplyWrite, aiReplyOutcome]
}

// NewConversations returns the conversation store.
func NewConversations(db *sqlx.DB, now func() time.Time) *Conversations {
	s := &Conversations{db: db, now: now}
	s.posts = newPostCombiner(s)
	s.aiReplies = newAIReplyCombiner(s)
	return s
}

// Get returns one of the shop's conversations.
func (s *Conversations) Get(ctx context.Context, shopID, id int64) (Conversation, error) {
	return conversationByID(ctx, s.db, shopID, id, false)
}

// Active returns the profile's web-chat conversation that is open or
// snoozed, with its messages; nil when there is none.
func (s *Conversations) Active(ctx context.Context, shopID, profileID int64) (*Conversation, []Message, error) {
	var c Conversation
	err := s.db.GetContext(ctx, &c, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = 'web_chat' AND status <> 'closed'`, shopID, profileID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("active conversation of profile %d: %w", profileID, err)
	}
	msgs, err := s.Messages(ctx, shopID, c.ID)
	if err != nil {
		return nil, nil, err
	}
	return &c, msgs, nil
}

// Messages lists a conversation's messages, oldest first.
func (s *Conversations) Messages(ctx context.Context, shopID, conversationID int64) ([]Message, error) {
	out := []Message{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+messageColumns+messageFrom+`
		WHERE m.shop_id = $1 AND m.conversation_id = $2 ORDER BY m.id`, shopID, conversationID)
	if err != nil {
		return nil, fmt.Errorf("messages of conversation %d: %w", conversationID, err)
	}
	return out, nil
}

// WithMessages returns a conversation with its messages, oldest first, in
// one statement (Get and Messages are two).
func (s *Conversations) WithMessages(ctx context.Context, shopID, id int64) (Conversation, []Message, error) {
	c, msgs, _, err := s.WithMessagesAndProfile(ctx, shopID, id)
	return c, msgs, err
}

// WithMessagesAndProfile returns a conversation with its messages, oldest
// first, and its shopper's profile, in one statement (Get, Messages and
// Profiles.Get are three): the AI agent reads all three for every answer.
func (s *Conversations) WithMessagesAndProfile(ctx context.Context, shopID, id int64) (Conversation, []Message, Profile, error) {
	var rows []struct {
		storedRow
		Profile Profile `db:"prof"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT `+prefixed(conversationColumns, "c.", "conv")+`, `+prefixed(messageColumns, "", "msg")+`,
			`+prefixed(profileColumns, "p.", "prof")+`
		FROM conversations c JOIN profiles p ON p.shop_id = c.shop_id AND p.id = c.profile_id
			JOIN messages m ON m.shop_id = c.shop_id AND m.conversation_id = c.id
			LEFT JOIN agents a ON a.id = m.agent_id
		WHERE c.shop_id = $1 AND c.id = $2 ORDER BY m.id`, shopID, id); err != nil {
		return Conversation{}, nil, Profile{}, fmt.Errorf("conversation %d with its messages: %w", id, err)
	}
	if len(rows) == 0 { // none, or one without messages yet
		return s.withoutMessages(ctx, shopID, id)
	}
	msgs := make([]Message, len(rows))
	for i, r := range rows {
		msgs[i] = r.Message
	}
	return rows[0].Conversation, msgs, rows[0].Profile, nil
}

// withoutMessages is WithMessagesAndProfile of a conversation that has no
// messages yet, or ErrNotFound.
func (s *Conversations) withoutMessages(ctx context.Context, shopID, id int64) (Conversation, []Message, Profile, error) {
	c, err := s.Get(ctx, shopID, id)
	if err != nil {
		return Conversation{}, nil, Profile{}, err
	}
	var p Profile
	if err := s.db.GetContext(ctx, &p, `SELECT `+profileColumns+` FROM profiles WHERE shop_id = $1 AND id = $2`, shopID, c.ProfileID); err != nil {
		return Conversation{}, nil, Profile{}, notFound(err, "profile %d", c.ProfileID)
	}
	return c, []Message{}, p, nil
}

func conversationByID(ctx context.Context, q sqlx.QueryerContext, shopID, id int64, forUpdate bool) (Conversation, error) {
	query := `SELECT ` + conversationColumns + ` FROM conversations WHERE shop_id = $1 AND id = $2`
	if forUpdate {
		query += ` FOR UPDATE`
	}
	var c Conversation
	if err := sqlx.GetContext(ctx, q, &c, query, shopID, id); err != nil {
		return Conversation{}, notFound(err, "conversation %d", id)
	}
	return c, nil
}

// Close ends a conversation for good (by the shopper, an agent, or after
// inactivity). Closing a closed conversation is a Conflict.
func (s *Conversations) Close(ctx context.Context, shopID, id int64, by string) (Conversation, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return Conversation{}, fmt.Errorf("close conversation %d: %w", id, err)
	}
	defer tx.Rollback()
	c, err := closeConversation(ctx, tx, shopID, id, by, s.now())
	if err != nil {
		return Conversation{}, err
	}
	return c, tx.Commit()
}

func closeConversation(ctx context.Context, tx *sqlx.Tx, shopID, id int64, by string, now time.Time) (Conversation, error) {
	var c Conversation
	// A closed ticket waits for nobody: it is no longer unread, even when
	// the shopper ended it before any agent opened it, so no dot stays on
	// it in the Closed view.
	err := tx.GetContext(ctx, &c, `UPDATE conversations SET status = 'closed', closed_at = $3, closed_by = $4,
		snoozed_until = NULL, unread = false, updated_at = $3
		WHERE shop_id = $1 AND id = $2 AND `+notClosed+` RETURNING `+conversationColumns, shopID, id, now, by)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := conversationByID(ctx, tx, shopID, id, false); err != nil {
			return Conversation{}, err
		}
		return Conversation{}, fmt.Errorf("close conversation %d: %w", id, ErrConversationClosed)
	}
	if err != nil {
		return Conversation{}, fmt.Errorf("close conversation %d: %w", id, err)
	}
	err = emit(ctx, tx, now, c, "conversation.closed", map[string]any{"conversation_id": c.ID, "closed_by": by})
	return c, err
}

// closeDue is the condition, on a conversations row, of the inactivity rule
// of SPEC §1.7 (chat.ShouldAutoClose) with the cutoff (chat.AutoCloseCutoff)
// as $1: open (a snoozed ticket waits for its wake-up); with the AI agent, or
// with the team when the team had the last word (one waiting on the team is
// never closed by the clock); and idle since the later of its last message
// and its wake-up. It is the predicate and the key of the
// conversations_close_due index, so the sweep reads only what is due.
const closeDue = `status = 'open' AND (ai_answering OR awaiting_reply_since IS NULL)
	AND greatest(last_message_at, woken_at) <= $1`

// closeDueQuery finds up to $2 conversations due to close, the longest idle
// first.
const closeDueQuery = `SELECT shop_id, id FROM conversations
	WHERE ` + closeDue + ` ORDER BY greatest(last_message_at, woken_at) LIMIT $2`

// CloseInactive closes up to limit conversations that the inactivity rule
// closes at the cutoff before (48 hours ago: chat.AutoCloseCutoff), oldest
// first, each as closed by inactivity. It is the system's sweep over all
// shops, like the job queue, so it takes no shop id.
func (s *Conversations) CloseInactive(ctx context.Context, before time.Time, limit int) (int, error) {
	var due []struct {
		ShopID int64 `db:"shop_id"`
		ID     int64 `db:"id"`
	}
	err := s.db.SelectContext(ctx, &due, closeDueQuery, before, limit)
	if err != nil {
		return 0, fmt.Errorf("find inactive conversations: %w", err)
	}
	closed := 0
	for _, d := range due {
		// Each in its own transaction, re-checked there: a message may have
		// arrived since the query.
		ok, err := s.closeIfInactive(ctx, d.ShopID, d.ID, before)
		if err != nil {
			return closed, err
		}
		if ok {
			closed++
		}
	}
	return closed, nil
}

// closeIfInactive closes one conversation if the rule still closes it.
func (s *Conversations) closeIfInactive(ctx context.Context, shopID, id int64, before time.Time) (bool, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return false, fmt.Errorf("close inactive conversation %d: %w", id, err)
	}
	defer tx.Rollback()
	// The row lock waits for a message being stored now; the condition is
	// then read again on the row as that message left it.
	var locked int64
	err = tx.GetContext(ctx, &locked, `SELECT id FROM conversations
		WHERE shop_id = $2 AND id = $3 AND `+closeDue+` FOR UPDATE`, before, shopID, id)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("close inactive conversation %d: %w", id, err)
	}
	if _, err := closeConversation(ctx, tx, shopID, id, "inactivity", s.now()); err != nil {
		return false, err
	}
	return true, tx.Commit()
}
