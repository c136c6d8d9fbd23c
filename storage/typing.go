package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// TypingChannel is the NOTIFY channel of typing notices: someone in a
// conversation started or stopped writing. Like a draft (DraftsChannel), a
// notice is no event of the log: nothing of it is stored (SPEC §1.8), it is
// not replayed, and a lost one costs nothing, since a client forgets a
// "typing" on its own after a few seconds. So it is a notification alone,
// with its data in the payload, sent to every app instance, where the
// streams of its readers may be open.
const TypingChannel = "hubchat_typing"

// TypingKind is the kind of a typing notice as the streams send it.
const TypingKind = "typing"

// Who is typing.
const (
	TypingShopper = "shopper" // read by the shop's agents
	TypingAgent   = "agent"   // read by the conversation's shopper
	TypingAI      = "ai"      // the AI agent composing an answer; read by the shopper
)

// maxTypingName bounds the name a notice carries, in bytes: far under
// NOTIFY's 8000-byte payload limit.
const maxTypingName = 200

// Typing is one typing notice.
type Typing struct {
	ShopID         int64  `json:"shop_id"`
	ConversationID int64  `json:"conversation_id"`
	ProfileID      int64  `json:"profile_id"` // the conversation's shopper
	Who            string `json:"who"`        // TypingShopper, TypingAgent or TypingAI
	// Name is the agent's, as their messages are signed (Message.AuthorName);
	// "" for the shopper and the AI agent.
	Name string `json:"name,omitempty"`
	// ReplyTo is the shopper's message the AI agent is answering; 0 otherwise.
	ReplyTo int64 `json:"reply_to,omitempty"`
	Typing  bool  `json:"typing"` // false: stopped
}

// valid reports whether t names a shop, a conversation, its shopper and
// who types, with a name that fits.
func (t Typing) valid() bool {
	known := t.Who == TypingShopper || t.Who == TypingAgent || t.Who == TypingAI
	return t.ShopID > 0 && t.ConversationID > 0 && t.ProfileID > 0 && known && len(t.Name) <= maxTypingName
}

// TypingNotices sends typing notices.
type TypingNotices struct{ db *sqlx.DB }

// NewTypingNotices returns the sender on db, which must be the primary
// (the listeners LISTEN there).
func NewTypingNotices(db *sqlx.DB) *TypingNotices { return &TypingNotices{db: db} }

// Publish notifies every app instance of t. A notice without a shop,
// conversation, shopper or known sender, or with a name too long, is
// ErrInvalid.
func (s *TypingNotices) Publish(ctx context.Context, t Typing) error {
	if !t.valid() {
		return fmt.Errorf("a typing notice needs a shop, a conversation, its shopper and who types: %w", ErrInvalid)
	}
	payload, err := json.Marshal(t)
	if err != nil {
		return err
	}
	// A notice is gone once read and writes nothing, so its transaction
	// need not wait for a WAL flush (NOTIFY takes an xid and would).
	if _, err := s.db.ExecContext(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, TypingChannel, string(payload)); err != nil {
		return fmt.Errorf("publish typing in conversation %d: %w", t.ConversationID, err)
	}
	return nil
}

// ParseTyping reads a typing notice's notification payload.
func ParseTyping(payload string) (Typing, error) {
	var t Typing
	if err := json.Unmarshal([]byte(payload), &t); err != nil || !t.valid() {
		return Typing{}, fmt.Errorf("a typing notification is not one: %w", ErrInvalid)
	}
	return t, nil
}

// Event is the notice as a stream sends it: an event of TypingKind with no
// id (it is not in the log), for the shop's agents when the shopper types,
// for the shopper otherwise. Its payload is what the shopper's widget
// reads: the conversation, who, the agent's name, the message the AI agent
// answers, and whether they type.
func (t Typing) Event() Event {
	audience := AudienceShopper
	if t.Who == TypingShopper {
		audience = AudienceAgents
	}
	payload, _ := json.Marshal(struct {
		ConversationID int64  `json:"conversation_id"`
		Who            string `json:"who"`
		Name           string `json:"name,omitempty"`
		ReplyTo        int64  `json:"reply_to,omitempty"`
		Typing         bool   `json:"typing"`
	}{t.ConversationID, t.Who, t.Name, t.ReplyTo, t.Typing})
	return Event{ShopID: t.ShopID, Kind: TypingKind, ConversationID: t.ConversationID, ProfileID: t.ProfileID,
		Audience: audience, Payload: payload}
}

// ActiveID returns the id of the profile's web-chat conversation that is
// open or snoozed, without its messages, and whether the AI agent answers
// it (then it is none of the team's business: SPEC §2); ErrNotFound when
// there is none.
func (s *Conversations) ActiveID(ctx context.Context, shopID, profileID int64) (id int64, aiAnswering bool, err error) {
	var row struct {
		ID          int64 `db:"id"`
		AIAnswering bool  `db:"ai_answering"`
	}
	err = s.db.GetContext(ctx, &row, `SELECT id, ai_answering FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = 'web_chat' AND status <> 'closed'`, shopID, profileID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("no active conversation of profile %d: %w", profileID, ErrNotFound)
	}
	if err != nil {
		return 0, false, fmt.Errorf("active conversation of profile %d: %w", profileID, err)
	}
	return row.ID, row.AIAnswering, nil
}
