package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/stages"
)

// ShopperPost is a message a shopper sends.
type ShopperPost struct {
	ClientID string // the widget's id for the message (a retry repeats it)
	// Channel is where the message came from: ChannelWebChat (also when
	// empty) or ChannelSMS. A profile has one conversation going on per
	// channel, so an SMS lands beside the same profile's web chat.
	Channel string
	Body    string // validated by the caller
	Preview string // the inbox's one-line preview of Body
	// AutoReply is the automatic reply (office hours) to store after the
	// message when it starts a new conversation; "" for none. The caller
	// decides it before calling, so nothing is read through the pool while
	// the post's transaction holds a connection (with N connections, N
	// concurrent first messages would otherwise wait on each other forever).
	AutoReply string
	// AIAnswers says the AI agent is on: a conversation this message starts
	// is the agent's, and the agent answers every message of a conversation
	// that is still its own (an answering job queued with the message). When
	// false, a conversation the agent had is handed to the team by the
	// shopper's next message (the agent was turned off meanwhile).
	AIAnswers bool
	// Unanswered says the agent does not answer this message (a carrier
	// keyword such as STOP), though the conversation stays its own.
	Unanswered bool
	// Language is the storefront's language the shopper writes from
	// ("en", "es"…), for the agent's answer; "" when unknown.
	Language string
	// Uploads are the images sent with the message, made by NewUpload and
	// checked by the caller; they are stored with it or not at all (a retry
	// stores none again). Attachments are what the message shows of them.
	Uploads     []Upload
	Attachments []Attachment
	// MediaRefused notes the files sent with the message that were not
	// kept (a text message's too large or unreadable pictures).
	MediaRefused []RefusedMedia
	// Welcome is the welcome message the widget shows (the chat settings'
	// now), stored with a conversation this message starts as the first
	// line of its story (ThreadWelcome); "" for none.
	Welcome string
	// Settings are the versions of the shop's settings the caller decided
	// the post on (AutoReply, AIAnswers, Welcome…): if any was saved over
	// since, nothing is stored and the post fails with ErrSettingsChanged.
	// Zero checks nothing.
	Settings SettingsVersions
}

// JobAIAnswer is the kind of the job that has the AI agent answer a
// shopper's message; it is queued in the message's own transaction, so a
// crash delays the answer but never loses it.
const JobAIAnswer = "ai.answer"

// AIAnswerJob is the payload of a JobAIAnswer job.
type AIAnswerJob struct {
	ConversationID int64  `json:"conversation_id"`
	MessageID      int64  `json:"message_id"`
	Language       string `json:"language,omitempty"`
	// AIVersion and SMSAIVersion are the versions of the AI agent's
	// settings the post was decided on, as its batch checked them
	// (SettingsVersions; 0 when not checked): the answer is decided on the
	// same settings, kept by the process when it has those versions.
	AIVersion    int64 `json:"ai_version,omitempty"`
	SMSAIVersion int64 `json:"sms_ai_version,omitempty"`
}

// answerJob is the job answering the shopper's message m in conversation c,
// posted as p.
func answerJob(c Conversation, m Message, p ShopperPost) AIAnswerJob {
	return AIAnswerJob{ConversationID: c.ID, MessageID: m.ID, Language: p.Language,
		AIVersion: p.Settings.AI, SMSAIVersion: p.Settings.SMSAI}
}

// PostResult is what posting a shopper's message did.
type PostResult struct {
	Message      Message
	Conversation Conversation
	Automatic    []Message // the automatic reply, when the message started the conversation
	Started      bool      // the message started a new conversation (a new ticket)
	Duplicate    bool      // the client id was seen before: nothing new was stored
	// HandedToTeam says the message moved a conversation of the AI agent's
	// to the team (the agent had been turned off): it is a new ticket.
	HandedToTeam bool
	// AIAnswerJob is the id of the JobAIAnswer job queued with the message,
	// committed with it; 0 when the agent does not answer it.
	AIAnswerJob int64
}

// PostFromShopper stores a shopper's message, in one transaction with its
// events: it joins the profile's open or snoozed conversation (waking a
// snoozed one), or starts a new one with its automatic reply. A message
// whose client id the same shopper (profile) already used is not stored
// again: the first result is returned, marked Duplicate. Another shopper's
// message with the same client id is no concern of theirs: it is stored as
// theirs.
//
// Posts sent at once share a transaction and its WAL flush (writePosts):
// it returns once the post's own batch has committed, or with ctx's error
// when ctx ends first (the post is then stored or not with its batch; a
// retry with the same client id finds it). A post that fails fails alone.
//
// A retry is found by its message's insert, which the unique index of
// client ids refuses: the post is then rolled back, and the first result
// read once its batch has committed. Most posts are not retries, so none
// looks first.
func (s *Conversations) PostFromShopper(ctx context.Context, shopID, profileID int64, p ShopperPost) (PostResult, error) {
	if shopID <= 0 {
		return PostResult{}, fmt.Errorf("post message in shop %d: %w", shopID, ErrInvalid)
	}
	out, err := s.posts.do(ctx, batchedWrite{shopID: shopID, profileID: profileID, post: p, queued: stages.Now()})
	if err == nil {
		err = out.err
	}
	if isUniqueViolation(err) || errors.Is(err, errPostedBefore) {
		// The same client id was stored before, or earlier in the same
		// batch (a retry racing the original): answer with what it stored.
		prev, ok, perr := s.previousPost(ctx, shopID, profileID, p.ClientID)
		if perr != nil || !ok {
			return PostResult{}, errors.Join(err, perr)
		}
		return prev, nil
	}
	return out.res, err
}

// postInTx stores a shopper's post inside tx, which the shop wall has set
// to shopID, and returns what it did with the events to append for it.
func (s *Conversations) postInTx(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, p ShopperPost) (PostResult, []NewEvent, error) {
	now := s.now()
	c, started, err := activeOrNew(ctx, tx, shopID, profileID, p.channel(), p.Preview, p.AIAnswers, now)
	if err != nil {
		return PostResult{}, nil, err
	}
	res := PostResult{Started: started}
	if started {
		if err := beginStory(ctx, tx, c, p.Welcome, now); err != nil {
			return PostResult{}, nil, err
		}
	}
	for _, u := range p.Uploads {
		if err := insertUpload(ctx, tx, c, u, now); err != nil {
			return PostResult{}, nil, err
		}
	}
	shopper := newMessage{Author: AuthorShopper, ClientID: p.ClientID, Body: p.Body, Files: p.Attachments, Refused: p.MediaRefused}
	if res.Message, err = insertMessage(ctx, tx, shopID, c.ID, shopper, now); err != nil {
		return PostResult{}, nil, err
	}
	toTeam := !c.AIAnswering || !p.AIAnswers // a new ticket, a ticket going on, or the agent turned off
	if toTeam && (started || c.AIAnswering) && p.AutoReply != "" {
		auto, err := insertMessage(ctx, tx, shopID, c.ID, newMessage{Author: AuthorSystem, Body: p.AutoReply}, now)
		if err != nil {
			return PostResult{}, nil, err
		}
		res.Automatic = append(res.Automatic, auto)
	}
	wasAgents := c.AIAnswering
	if res.Conversation, err = recordShopperMessage(ctx, tx, c, p.Preview, res.lastAuthor(), toTeam, 1+len(res.Automatic), now); err != nil {
		return PostResult{}, nil, err
	}
	res.HandedToTeam = toTeam && wasAgents
	if res.AIAnswerJob, err = s.queueFollowUp(ctx, tx, res, p, started, now); err != nil {
		return PostResult{}, nil, err
	}
	return res, postEvents(res), nil
}

// queueFollowUp queues what a shopper's message asks for, in its
// transaction: the AI agent's answer while the conversation is the agent's
// (and it has not handed off); the team's email when a ticket begins, so
// that it is sent if and only if the ticket exists. It returns the id of
// the agent's answering job, 0 when none was queued.
func (s *Conversations) queueFollowUp(ctx context.Context, tx *sqlx.Tx, res PostResult, p ShopperPost, started bool, now time.Time) (int64, error) {
	c := res.Conversation
	switch {
	case c.AIAnswering && c.Handoff == HandoffNone:
		if p.Unanswered {
			return 0, nil
		}
		return enqueueJob(ctx, tx, now, NewJob{Kind: JobAIAnswer, ShopID: c.ShopID, Payload: answerJob(c, res.Message, p)})
	case !c.AIAnswering && (started || res.HandedToTeam):
		return 0, enqueueNewTicketEmail(ctx, tx, c, now)
	}
	return 0, nil
}

func enqueueNewTicketEmail(ctx context.Context, tx *sqlx.Tx, c Conversation, now time.Time) error {
	_, err := enqueueJob(ctx, tx, now, NewJob{Kind: JobNotifyNewTicket, ShopID: c.ShopID,
		Payload: map[string]int64{"conversation_id": c.ID}})
	return err
}

// lastAuthor is who wrote the post's last message.
// channel is the post's channel, web chat unless it says otherwise.
func (p ShopperPost) channel() string {
	if p.Channel == "" {
		return ChannelWebChat
	}
	return p.Channel
}

func (r PostResult) lastAuthor() string {
	if len(r.Automatic) > 0 {
		return AuthorSystem
	}
	return AuthorShopper
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
// one. It looks for one first: most messages join a conversation. Two first
// messages racing: the unique index lets one insert win, and the other then
// finds and locks the winner's conversation.
func activeOrNew(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, channel, preview string, ai bool, now time.Time) (Conversation, bool, error) {
	c, err := lockActive(ctx, tx, shopID, profileID, channel)
	if !errors.Is(err, sql.ErrNoRows) {
		return c, false, err
	}
	err = tx.GetContext(ctx, &c, `
		INSERT INTO conversations (shop_id, profile_id, channel, status, first_message, last_message_at, created_at, updated_at,
			ai_answering, ai_involved)
		VALUES ($1, $2, $6, 'open', $3, $4, $4, $4, $5, $5)
		ON CONFLICT (profile_id, channel) WHERE status <> 'closed' DO NOTHING
		RETURNING `+conversationColumns, shopID, profileID, preview, now, ai, channel)
	if err == nil {
		return c, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, false, fmt.Errorf("start conversation: %w", err)
	}
	c, err = lockActive(ctx, tx, shopID, profileID, channel)
	return c, false, err
}

// lockActive locks the profile's conversation going on in channel; it is
// sql.ErrNoRows when there is none.
func lockActive(ctx context.Context, tx *sqlx.Tx, shopID, profileID int64, channel string) (Conversation, error) {
	var c Conversation
	err := tx.GetContext(ctx, &c, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND profile_id = $2 AND channel = $3 AND status <> 'closed' FOR UPDATE`, shopID, profileID, channel)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Conversation{}, fmt.Errorf("find conversation: %w", err)
	}
	return c, err
}

// recordShopperMessage updates the ticket for n new messages, the last by
// lastAuthor: a snoozed conversation wakes up, and it waits for a reply from
// now unless it already did. toTeam hands a conversation of the AI agent's
// to the team.
func recordShopperMessage(ctx context.Context, tx *sqlx.Tx, c Conversation, preview, lastAuthor string, toTeam bool, n int, now time.Time) (Conversation, error) {
	var out Conversation
	err := tx.GetContext(ctx, &out, `UPDATE conversations SET status = 'open', snoozed_until = NULL,
		message_count = message_count + $3, last_message_at = $4, last_message_preview = $5,
		awaiting_reply_since = coalesce(awaiting_reply_since, $4), unread = true, updated_at = $4,
		last_author = $6, ai_answering = ai_answering AND NOT $7
		WHERE shop_id = $1 AND id = $2 RETURNING `+conversationColumns, c.ShopID, c.ID, n, now, preview, lastAuthor, toTeam)
	if err != nil {
		return Conversation{}, fmt.Errorf("update conversation %d: %w", c.ID, err)
	}
	return out, nil
}

// MarkSeenByShopper marks the agent and AI messages of the profile's active
// conversation up to upToID as seen, and returns their ids (none: nothing
// new was seen).
func (s *Conversations) MarkSeenByShopper(ctx context.Context, shopID, profileID, upToID int64) ([]int64, error) {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
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
