package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
)

// DraftsChannel is the NOTIFY channel of the AI agent's drafts: the text
// of an answer as a model writes it, for the shopper to read before it is
// done. A draft is not an event of the log: it changes nothing, is not
// replayed, and a lost one costs nothing, since the next carries all the
// text so far and the answer itself follows as a message. So it is sent
// as a notification alone, with its data in the payload, to every app
// instance, where the shopper's stream may be open; one row per piece of
// text would cost the log far more than the answer is worth.
const DraftsChannel = "hubchat_drafts"

// DraftKind is the kind of a draft as the shopper's stream sends it.
const DraftKind = "message.draft"

// Draft is the text so far of the AI agent's answer to a shopper's
// message.
type Draft struct {
	ShopID         int64  `json:"shop_id"`
	ProfileID      int64  `json:"profile_id"` // the shopper who reads it
	ConversationID int64  `json:"conversation_id"`
	ReplyTo        int64  `json:"reply_to"` // the shopper's message being answered
	Text           string `json:"text"`
}

// maxDraftPayload keeps a draft's notification under PostgreSQL's limit
// of 8000 bytes; a longer text is cut (the answer itself is not).
const maxDraftPayload = 7800

// Drafts sends drafts.
type Drafts struct{ db *sqlx.DB }

// NewDrafts returns the drafts sender on db, which must be the primary
// (the listeners LISTEN there).
func NewDrafts(db *sqlx.DB) *Drafts { return &Drafts{db: db} }

// Publish notifies every app instance of the draft d, its text cut to fit
// a notification. A draft without a shop, shopper or conversation is
// Invalid.
func (s *Drafts) Publish(ctx context.Context, d Draft) error {
	if d.ShopID <= 0 || d.ProfileID <= 0 || d.ConversationID <= 0 {
		return fmt.Errorf("a draft needs a shop, a shopper and a conversation: %w", ErrInvalid)
	}
	payload, err := draftPayload(d)
	if err != nil {
		return err
	}
	// A draft is a hint that writes nothing: no WAL flush to wait for.
	if _, err := s.db.ExecContext(ctx, `SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, DraftsChannel, payload); err != nil {
		return fmt.Errorf("publish a draft of conversation %d: %w", d.ConversationID, err)
	}
	return nil
}

// draftPayload is d as JSON of at most maxDraftPayload bytes, its text cut
// at a character boundary when needed.
func draftPayload(d Draft) (string, error) {
	for {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // "<" as is: six bytes less each
		if err := enc.Encode(d); err != nil {
			return "", err
		}
		over := b.Len() - maxDraftPayload
		if over <= 0 {
			return string(bytes.TrimSpace(b.Bytes())), nil
		}
		cut := max(0, len(d.Text)-over)
		for cut > 0 && !utf8.RuneStart(d.Text[cut]) {
			cut--
		}
		d.Text = d.Text[:cut]
	}
}

// ParseDraft reads a draft's notification payload.
func ParseDraft(payload string) (Draft, error) {
	var d Draft
	if err := json.Unmarshal([]byte(payload), &d); err != nil || d.ShopID <= 0 || d.ProfileID <= 0 {
		return Draft{}, fmt.Errorf("a draft notification is not one: %w", ErrInvalid)
	}
	return d, nil
}

// Event is the draft as a stream sends it: an event of the draft's kind
// for its shopper only, with no id (it is not in the log), whose payload
// is the conversation, the message answered and the text.
func (d Draft) Event() Event {
	payload, _ := json.Marshal(struct {
		ConversationID int64  `json:"conversation_id"`
		ReplyTo        int64  `json:"reply_to"`
		Text           string `json:"text"`
	}{d.ConversationID, d.ReplyTo, d.Text})
	return Event{ShopID: d.ShopID, Kind: DraftKind, ConversationID: d.ConversationID, ProfileID: d.ProfileID,
		Audience: AudienceShopper, Payload: payload}
}
