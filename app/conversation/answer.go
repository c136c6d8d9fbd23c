package conversation

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/app/productlink"
	"hubchat/storage"
)

// JobExternalHandoff is the kind of the job that creates the Zendesk or
// Gorgias ticket of a handoff.
const JobExternalHandoff = "handoff.external"

// The stores and services the AI agent's turns use.
type (
	// AISettings reads the merchant's AI agent settings.
	AISettings interface {
		AIConfig(ctx context.Context, shopID int64) (AIConfig, error)
	}
	// AIRecorder is the part of storage.Conversations the agent's turns use.
	AIRecorder interface {
		WithMessagesAndProfile(ctx context.Context, shopID, id int64) (storage.Conversation, []storage.Message, storage.Profile, error)
		RecordAIReply(ctx context.Context, shopID, conversationID int64, r storage.AIReply) (storage.Message, error)
		AnswerHandoffOffer(ctx context.Context, shopID, profileID, conversationID int64, a storage.HandoffAnswer) (storage.Conversation, []storage.Message, error)
	}
	ProfileReader interface {
		Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
		LeaveEmail(ctx context.Context, shopID, profileID int64, email string) error
	}
	// CardLinker signs a product card's tracked link (productlink.Signer).
	CardLinker interface {
		Link(card productlink.Card) (string, error)
	}
)

// Agent runs the AI agent's turns in conversations: answering a shopper's
// message (a job queued with the message), and the shopper's answer to its
// offer of a person. What the engine says is decided into a turn here; the
// engine is asked with no transaction open.
type Agent struct {
	Engine        aiagent.Engine
	Settings      AISettings
	Conversations AIRecorder
	Profiles      ProfileReader
	Cards         CardLinker
	Core          *Core // the office-hours reply of a handoff to the team
	// Drafts, when set, sends the shopper the answer as the engine writes
	// it, at most one draft per DraftInterval (default 150 ms).
	Drafts        DraftSender
	DraftInterval time.Duration
	// Typing, when set, tells the shopper the agent is composing an answer
	// that takes longer than TypingDelay (default 250 ms).
	Typing      TypingSender
	TypingDelay time.Duration
	// Texts writes the agent's turns in SMS conversations (texting.go);
	// nil: the agent does not answer texts.
	Texts TextWriter
}

// ErrSignInFirst: only a signed-in customer is handed to the team.
var ErrSignInFirst = errors.New("sign in first to talk to the team")

// historyTurns is how many earlier messages the engine sees.
const historyTurns = 10

// Answer is the handler of the answering job: the agent answers the
// shopper's message, unless the conversation is no longer its to answer or
// a later message of the shopper's will be answered instead (with this one
// in its history).
func (a *Agent) Answer(ctx context.Context, job storage.Job) error {
	var p storage.AIAnswerJob
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	c, msgs, profile, err := a.Conversations.WithMessagesAndProfile(ctx, job.ShopID, p.ConversationID)
	if err != nil || !c.AIAnswering || c.Handoff != storage.HandoffNone || c.Status == storage.StatusClosed {
		return ignoreGone(err)
	}
	if c.Channel == storage.ChannelSMS {
		return a.answerText(ctx, c, msgs, profile, p)
	}
	question, history, ok := questionAt(msgs, p.MessageID)
	if !ok {
		return nil // a later message is answered instead
	}
	who, customerID := shopperOf(profile)
	cfg, err := a.configOf(ctx, job.ShopID, p)
	if err != nil {
		return err
	}
	ans, err := a.ask(ctx, c, question, aiagent.Question{Text: question.Body, Language: p.Language, History: history, CustomerID: customerID})
	if err != nil {
		return fmt.Errorf("answer message %d: %w", p.MessageID, err)
	}
	d := decideReply(cfg, ans, who, wordsFor(p.Language))
	d.reply.ReplyTo, d.reply.Preview = question.ID, chat.Preview(d.reply.Body, previewLength)
	if d.reply.Cards, err = a.cards(c, ans.Cards); err != nil {
		return err
	}
	if d.external {
		d.reply.FollowUp = externalHandoffJob(c)
	}
	_, err = a.Conversations.RecordAIReply(ctx, c.ShopID, c.ID, d.reply)
	return ignoreGone(err)
}

// ask has the engine answer q, the shopper's message question. A message
// that is only an image (a photo of a damaged item) is none the engine can
// read: it is answered as a wish for a person, who can look at it.
func (a *Agent) ask(ctx context.Context, c storage.Conversation, question storage.Message, q aiagent.Question) (aiagent.Answer, error) {
	if strings.TrimSpace(question.Body) == "" && len(question.Attachments) > 0 {
		return aiagent.Answer{Intent: aiagent.IntentHuman, Handoff: true, HandoffReason: "the shopper sent an image", Tag: aiagent.TagOther}, nil
	}
	stopTyping := a.typingLater(ctx, c, question.ID)
	stopDrafts := a.startDrafts(ctx, c, question.ID, &q)
	defer stopDrafts()
	ans, err := a.Engine.Answer(ctx, c.ShopID, q)
	if typed := stopTyping(); err != nil && typed {
		a.announceTyping(ctx, c, question.ID, false)
	}
	return ans, err
}

// configOf is the AI agent's settings the answered post was decided on:
// those the core keeps when they have the versions the post's batch
// checked (two reads fewer an answer), else read now.
func (a *Agent) configOf(ctx context.Context, shopID int64, p storage.AIAnswerJob) (AIConfig, error) {
	if a.Core != nil && p.AIVersion != 0 {
		if kept, ok := a.Core.known.get(shopID); ok && kept.ai.Versions.AI == p.AIVersion && kept.ai.Versions.SMSAI == p.SMSAIVersion {
			return kept.ai, nil
		}
	}
	return a.Settings.AIConfig(ctx, shopID)
}

// ignoreGone ends a turn that has nothing left to do: the conversation (or
// its shopper) was erased, or it is no longer the agent's.
func ignoreGone(err error) error {
	if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrNotTheAgents) {
		return nil
	}
	return err
}

// questionAt finds the shopper's message id among msgs, with the messages
// before it as the engine's history; ok is false when the shopper has sent
// another since.
func questionAt(msgs []storage.Message, id int64) (storage.Message, []aiagent.Turn, bool) {
	at := -1
	for i, m := range msgs {
		switch {
		case m.ID == id:
			at = i
		case at >= 0 && m.Author == storage.AuthorShopper:
			return storage.Message{}, nil, false
		}
	}
	if at < 0 {
		return storage.Message{}, nil, false
	}
	var history []aiagent.Turn
	for _, m := range msgs[max(0, at-historyTurns):at] {
		history = append(history, aiagent.Turn{Author: m.Author, Text: m.Body})
	}
	return msgs[at], history, true
}

// shopperOf is who the conversation's shopper, of profile p, is to the
// agent, and their Shopify customer id (0 for a visitor).
func shopperOf(p storage.Profile) (Shopper, int64) {
	var customerID int64
	if p.ShopifyCustomerID != nil {
		customerID = *p.ShopifyCustomerID
	}
	return Shopper{SignedIn: customerID != 0, Email: p.Email}, customerID
}

// cards are the answer's product cards with their signed, tracked links.
func (a *Agent) cards(c storage.Conversation, in []aiagent.ProductCard) ([]storage.Card, error) {
	out := make([]storage.Card, 0, len(in))
	for _, p := range in {
		link, err := a.Cards.Link(productlink.Card{ShopID: c.ShopID, ConversationID: c.ID, ProductID: p.ProductID, Handle: p.Handle})
		if err != nil {
			return nil, err
		}
		out = append(out, storage.Card{ProductID: p.ProductID, Title: p.Title, Price: p.Price, Currency: p.Currency,
			ImageURL: p.ImageURL, URL: link})
	}
	return out, nil
}

// AnswerOffer records the shopper's Yes or No to the agent's offer of a
// person. Yes needs a signed-in shopper (SPEC §1.1): the team answers
// customers it knows.
func (a *Agent) AnswerOffer(ctx context.Context, shopID, profileID, conversationID int64, accept bool, language string) (storage.Conversation, []storage.Message, error) {
	answer := storage.HandoffAnswer{Accept: accept}
	if accept {
		p, err := a.Profiles.Get(ctx, shopID, profileID)
		if err != nil {
			return storage.Conversation{}, nil, err
		}
		if p.ShopifyCustomerID == nil {
			return storage.Conversation{}, nil, ErrSignInFirst
		}
		reply, err := a.Core.autoReply(ctx, shopID)
		if err != nil {
			return storage.Conversation{}, nil, err
		}
		answer.AutoReply = reply
	} else {
		answer.Reply = wordsFor(language).declined
	}
	return a.Conversations.AnswerHandoffOffer(ctx, shopID, profileID, conversationID, answer)
}

// LeaveEmail records the email address a shopper left when the agent asked
// for one before a Zendesk or Gorgias handoff, and makes that handoff: the
// external ticket is queued, and the shopper told the team will follow up.
// The conversation must be the profile's and the agent's: else
// ErrNotTheAgents (a second submit changes nothing).
func (a *Agent) LeaveEmail(ctx context.Context, shopID, profileID, conversationID int64, email, language string) (storage.Message, error) {
	c, msgs, _, err := a.Conversations.WithMessagesAndProfile(ctx, shopID, conversationID)
	if err != nil || c.ProfileID != profileID {
		return storage.Message{}, errors.Join(storage.ErrNotFound, err)
	}
	if !askedForEmail(msgs) {
		return storage.Message{}, storage.ErrNotTheAgents
	}
	cfg, err := a.Settings.AIConfig(ctx, shopID)
	if err != nil {
		return storage.Message{}, err
	}
	if cfg.Handoff != chat.HandoffZendesk && cfg.Handoff != chat.HandoffGorgias {
		return storage.Message{}, storage.ErrNotTheAgents // nothing asked for an email
	}
	if err := a.Profiles.LeaveEmail(ctx, shopID, profileID, email); err != nil {
		return storage.Message{}, err
	}
	body := wordsFor(language).followUpByEmail(email)
	return a.Conversations.RecordAIReply(ctx, shopID, c.ID, storage.AIReply{Body: body, Preview: chat.Preview(body, previewLength),
		Kind: storage.KindText, Handoff: storage.Handoff(cfg.Handoff), FollowUp: externalHandoffJob(c)})
}

// externalHandoffJob is the job that creates a conversation's Zendesk or
// Gorgias ticket; one per conversation.
func externalHandoffJob(c storage.Conversation) *storage.NewJob {
	return &storage.NewJob{Kind: JobExternalHandoff, ShopID: c.ShopID,
		Payload: map[string]int64{"conversation_id": c.ID}, UniqueKey: fmt.Sprintf("handoff:%d", c.ID)}
}

// askedForEmail says the agent's last word was asking for an email address.
func askedForEmail(msgs []storage.Message) bool {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Author == storage.AuthorAI {
			return msgs[i].Kind == storage.KindEmail
		}
	}
	return false
}
