package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// The kinds of a thread's events: what the shopper was shown besides the
// conversation's messages, which the ticket thread tells with them.
const (
	// ThreadWelcome is the welcome message the widget greeted the shopper
	// with. It is stored with each conversation because the merchant edits
	// the welcome in place, with no history: read from the settings later,
	// the thread would show today's text, not the one this shopper read.
	ThreadWelcome = "welcome"
	// ThreadFAQRead is a FAQ the shopper opened in the hub, with its
	// question as it was then.
	ThreadFAQRead = "faq_read"
)

// ThreadEvent is one event of a conversation's story that is not a message.
type ThreadEvent struct {
	ID         int64     `db:"id"`
	Kind       string    `db:"kind"`   // ThreadWelcome or ThreadFAQRead
	FAQID      *int64    `db:"faq_id"` // the FAQ read; nil for a welcome
	Text       string    `db:"text"`   // the welcome, or the FAQ's question
	OccurredAt time.Time `db:"occurred_at"`
}

// FAQRead is what recording a FAQ read did.
type FAQRead struct {
	// Recorded is false for a FAQ the shopper had already read in this
	// conversation (or, before any, since their last one).
	Recorded bool
	// ConversationID is the conversation the read belongs to: the
	// shopper's going on, or 0 when it waits for the next they start.
	ConversationID int64
}

// ErrFAQNotFound says a FAQ id names none of the shop's published FAQs.
var ErrFAQNotFound = fmt.Errorf("no such published FAQ: %w", ErrNotFound)

// RecordFAQRead records that the shopper (profile) opened one of the shop's
// published FAQs: in their conversation going on, or, with none, for the
// next one they start. A FAQ already read there records nothing more, so a
// flood of reads stores at most one row per FAQ. A read in a conversation
// the team has reaches the agents' live stream. A profile of another shop is
// ErrNotFound; a FAQ of another shop, or unpublished, ErrFAQNotFound.
func (s *Conversations) RecordFAQRead(ctx context.Context, shopID, profileID, faqID int64) (FAQRead, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return FAQRead{}, fmt.Errorf("record FAQ read: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	if err := lockProfile(ctx, tx, shopID, profileID); err != nil {
		return FAQRead{}, err
	}
	var question string
	err = tx.GetContext(ctx, &question, `SELECT question FROM faqs WHERE shop_id = $1 AND id = $2 AND published`, shopID, faqID)
	if errors.Is(err, sql.ErrNoRows) {
		return FAQRead{}, fmt.Errorf("FAQ %d of shop %d: %w", faqID, shopID, ErrFAQNotFound)
	}
	if err != nil {
		return FAQRead{}, fmt.Errorf("read FAQ %d: %w", faqID, err)
	}
	c, going, err := activeConversation(ctx, tx, shopID, profileID)
	if err != nil {
		return FAQRead{}, err
	}
	read := FAQRead{}
	if going {
		read.ConversationID = c.ID
	}
	if read.Recorded, err = insertFAQRead(ctx, tx, shopID, profileID, read.ConversationID, faqID, question, now); err != nil {
		return FAQRead{}, err
	}
	if read.Recorded && going && !c.AIAnswering {
		// Like its messages, a conversation the AI agent answers is none of
		// the team's business until handed over; it sees the read then.
		if err := emitToAgents(ctx, tx, now, c, "conversation.faq_read", map[string]int64{"faq_id": faqID}); err != nil {
			return FAQRead{}, err
		}
	}
	return read, tx.Commit()
}

// lockProfile checks the profile is the shop's and locks it until the
// transaction ends. The lock orders a FAQ read against a first message
// that starts a conversation: inserting the conversation holds a key-share
// lock on its profile until it commits, which this waits for, so the read
// then sees the new conversation; or the message waits for the read, and
// then takes it along as a read that waited (beginStory). Either way no
// read is left waiting beside the conversation it preceded.
func lockProfile(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64) error {
	var id int64
	err := tx.GetContext(ctx, &id, `SELECT id FROM profiles WHERE shop_id = $1 AND id = $2 FOR UPDATE`, shopID, profileID)
	if err != nil {
		return notFound(err, "profile %d", profileID)
	}
	return nil
}

// activeConversation is the profile's web chat going on, if any.
func activeConversation(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64) (Conversation, bool, error) {
	var c Conversation
	err := tx.GetContext(ctx, &c, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = 'web_chat' AND status <> 'closed'`, shopID, profileID)
	if errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, false, nil
	}
	if err != nil {
		return Conversation{}, false, fmt.Errorf("conversation of profile %d: %w", profileID, err)
	}
	return c, true, nil
}

// insertFAQRead stores a read once per conversation (conversationID) or,
// waiting (0), once per profile; it reports whether it stored one. A
// waiting read older than a story's lead is renewed: it will not be taken
// along, so the read of today counts.
func insertFAQRead(ctx context.Context, tx *sqlx.Tx, shopID, profileID, conversationID, faqID int64, question string, now time.Time) (bool, error) {
	insert := `INSERT INTO thread_events (shop_id, profile_id, conversation_id, kind, faq_id, text, occurred_at)
		VALUES ($1, $2, NULLIF($3, 0), '` + ThreadFAQRead + `', $4, left($5, 1000), $6) `
	args := []any{shopID, profileID, conversationID, faqID, question, now}
	if conversationID == 0 {
		insert += `ON CONFLICT (profile_id, faq_id) WHERE kind = 'faq_read' AND conversation_id IS NULL
			DO UPDATE SET occurred_at = EXCLUDED.occurred_at, text = EXCLUDED.text
			WHERE thread_events.occurred_at < $7`
		args = append(args, now.Add(-StoryLead))
	} else {
		insert += `ON CONFLICT (conversation_id, faq_id) WHERE kind = 'faq_read' AND conversation_id IS NOT NULL DO NOTHING`
	}
	res, err := tx.ExecContext(ctx, insert, args...)
	if err != nil {
		return false, fmt.Errorf("record read of FAQ %d: %w", faqID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// StoryLead is how long before a conversation a FAQ read still belongs to
// its story: a read from an earlier visit is not what the shopper came
// about.
const StoryLead = 24 * time.Hour

// beginStory starts a new conversation's story, in the transaction that
// starts it: the FAQs its shopper read while none was going on, within
// StoryLead, become its own (older ones are dropped), and the welcome the
// widget greeted them with comes first, at the first read or else now.
func beginStory(ctx context.Context, tx *sqlx.Tx, c Conversation, welcome string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE thread_events SET conversation_id = $3
		WHERE shop_id = $1 AND profile_id = $2 AND kind = '`+ThreadFAQRead+`' AND conversation_id IS NULL AND occurred_at >= $4`,
		c.ShopID, c.ProfileID, c.ID, now.Add(-StoryLead))
	if err != nil {
		return fmt.Errorf("take the FAQ reads of profile %d: %w", c.ProfileID, err)
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM thread_events WHERE shop_id = $1 AND profile_id = $2 AND conversation_id IS NULL`,
		c.ShopID, c.ProfileID)
	if err != nil {
		return fmt.Errorf("drop the old FAQ reads of profile %d: %w", c.ProfileID, err)
	}
	if welcome == "" {
		return nil
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO thread_events (shop_id, profile_id, conversation_id, kind, text, occurred_at)
		VALUES ($1, $2, $3, '`+ThreadWelcome+`', left($4, 1000),
			least($5, (SELECT min(occurred_at) FROM thread_events WHERE shop_id = $1 AND conversation_id = $3)))`,
		c.ShopID, c.ProfileID, c.ID, welcome, now)
	if err != nil {
		return fmt.Errorf("record the welcome of conversation %d: %w", c.ID, err)
	}
	return nil
}

// ThreadEvents returns a conversation's events that are not messages, in
// the order they happened.
func (s *Conversations) ThreadEvents(ctx context.Context, shopID, conversationID int64) ([]ThreadEvent, error) {
	out := []ThreadEvent{}
	err := s.db.SelectContext(ctx, &out, `SELECT id, kind, faq_id, text, occurred_at FROM thread_events
		WHERE shop_id = $1 AND conversation_id = $2 ORDER BY occurred_at, kind <> '`+ThreadWelcome+`', id`, shopID, conversationID)
	if err != nil {
		return nil, fmt.Errorf("thread events of conversation %d: %w", conversationID, err)
	}
	return out, nil
}
