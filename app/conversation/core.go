// Package conversation is the conversation core (DESIGN §1a). Channels — the
// web-chat API today, the admin and SMS next — hand it what a person did; it
// decides with package chat's rules what follows (an automatic reply, later
// the AI agent's answer or a handoff), and asks storage to record each
// decision in one transaction. Everything a decision needs is read before
// that transaction opens, and storage never calls back up: a transaction
// never waits on a second pooled connection, which is how a pool of N once
// hung for good under N concurrent first messages.
package conversation

import (
	"context"
	"errors"
	"strings"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
)

// The stores the core reads and writes, each as narrow as it needs them.
type (
	ShopReader interface {
		Get(ctx context.Context, shopID int64) (storage.Shop, error)
	}
	SettingsReader interface {
		Get(ctx context.Context, shopID int64) (storage.ChatSettings, error)
	}
	// Recorder records the core's decisions, one transaction each.
	Recorder interface {
		PostFromShopper(ctx context.Context, shopID, profileID int64, p storage.ShopperPost) (storage.PostResult, error)
		RecordFAQRead(ctx context.Context, shopID, profileID, faqID int64) (storage.FAQRead, error)
	}
)

// Core decides what follows a conversation's events.
type Core struct {
	Shops    ShopReader
	Settings SettingsReader
	AI       AISettings // nil: the AI agent is not available
	Store    Recorder
	Now      func() time.Time

	// known keeps each shop's settings a shopper's post is decided on
	// (settings_cache.go).
	known postSettingsCache
}

// previewLength is how much of a message the inbox shows on its row.
const previewLength = 140

// ShopperMessage is a shopper's message as its channel received it, already
// validated by the channel (chat.ValidateBody, chat.ValidateClientID).
type ShopperMessage struct {
	ShopID, ProfileID int64
	ClientID          string // the sender's id for the message; a retry repeats it
	Body              string
	Language          string // the storefront's language, for the AI agent's answer
	// Visitor says the shopper is an anonymous visitor, who may talk to the
	// AI agent but not to the team (SPEC §1.1).
	Visitor bool
	// Keyword says a text is a carrier keyword (STOP, START, HELP…), which
	// the carrier or the SMS channel answers: the AI agent does not.
	Keyword bool
	// Uploads are the images sent with the message (storage.NewUpload),
	// already checked by the channel; Attachments what the message shows of
	// them. Body may be empty when there is an image.
	Uploads     []storage.Upload
	Attachments []storage.Attachment
	// MediaRefused notes files sent with a text message that were not kept
	// (app/sms); the message shows that they came.
	MediaRefused []storage.RefusedMedia
}

// imagePreview is the inbox's preview of a message that is only an image.
const imagePreview = "Sent an image"

// PostFromTexter records a text message (SMS) a person sent to the shop's
// number: a message of the profile's SMS conversation, started beside any
// web chat of the same profile. The web chat's welcome and automatic
// replies are not part of a text conversation. With the AI agent on and
// answering texts (Settings → AI agent), a new SMS conversation is the
// agent's, which answers each text in the shop's language as on web chat
// (texting.go) until it hands off; otherwise the team answers it. A
// carrier keyword (m.Keyword: STOP, START, HELP) is the carrier's and the
// channel's to answer, never the agent's. The client id (from the
// provider's message id) stores a repeated delivery once.
func (c *Core) PostFromTexter(ctx context.Context, m ShopperMessage) (storage.PostResult, error) {
	ai, err := c.aiConfig(ctx, m.ShopID)
	if err != nil {
		return storage.PostResult{}, err
	}
	answers := ai.Enabled && ai.AnswersSMS
	language := ""
	if answers {
		shop, err := c.Shops.Get(ctx, m.ShopID)
		if err != nil {
			return storage.PostResult{}, err
		}
		language = shop.PrimaryLocale
	}
	preview := chat.Preview(m.Body, previewLength)
	if m.Body == "" && len(m.Attachments)+len(m.MediaRefused) > 0 {
		preview = imagePreview
	}
	return c.Store.PostFromShopper(ctx, m.ShopID, m.ProfileID, storage.ShopperPost{
		ClientID: m.ClientID, Channel: storage.ChannelSMS, Body: m.Body, Preview: preview,
		Uploads: m.Uploads, Attachments: m.Attachments, MediaRefused: m.MediaRefused,
		AIAnswers: answers, Unanswered: m.Keyword, Language: language,
	})
}

// PostFromShopper records a shopper's message: it joins their conversation
// going on, or starts one. With the AI agent on, a new conversation is the
// agent's, which answers every message of it (SPEC §2) until it hands off;
// with it off, a new conversation is a ticket for the team with its
// office-hours reply (SPEC §1.3).
//
// The settings it decides by are the ones kept for the shop when there
// are (postSettings); the post carries their versions, and when any was
// saved over since (on any instance), storage stores nothing and the post
// is decided again on the settings read afresh.
func (c *Core) PostFromShopper(ctx context.Context, m ShopperMessage) (storage.PostResult, error) {
	for attempt := 1; ; attempt++ {
		res, err := c.postOnce(ctx, m, attempt > 1)
		if !errors.Is(err, storage.ErrSettingsChanged) || attempt == maxDecisions {
			return res, err
		}
		c.known.forget(m.ShopID)
	}
}

// maxDecisions bounds how many times a post is decided, each time on the
// settings saved over since the decision before.
const maxDecisions = 3

// postOnce decides a shopper's post on the shop's settings (read afresh
// when fresh) and asks storage to record it.
func (c *Core) postOnce(ctx context.Context, m ShopperMessage, fresh bool) (storage.PostResult, error) {
	s, err := c.postSettings(ctx, m.ShopID, fresh)
	if err != nil {
		return storage.PostResult{}, err
	}
	if m.Visitor && !s.ai.Enabled && !fresh {
		// Refusing writes nothing storage could check: refuse only on
		// settings read now.
		if s, err = c.postSettings(ctx, m.ShopID, true); err != nil {
			return storage.PostResult{}, err
		}
	}
	if m.Visitor && !s.ai.Enabled {
		return storage.PostResult{}, ErrSignInFirst // the agent was turned off: only the team answers now
	}
	reply, err := c.autoReplyFor(ctx, m.ShopID, s.chat)
	if err != nil {
		return storage.PostResult{}, err
	}
	preview := chat.Preview(m.Body, previewLength)
	if m.Body == "" && len(m.Attachments) > 0 {
		preview = imagePreview
	}
	return c.Store.PostFromShopper(ctx, m.ShopID, m.ProfileID, storage.ShopperPost{
		ClientID: m.ClientID, Body: m.Body, Preview: preview, AutoReply: reply,
		AIAnswers: s.ai.Enabled, Language: m.Language, Uploads: m.Uploads, Attachments: m.Attachments,
		Welcome: welcomeShown(s.chat), Settings: s.versions(),
	})
}

// welcomeShown is the welcome the widget greets a shopper with, as it
// shows it (trimmed): the first line of a new conversation's story.
func welcomeShown(settings storage.ChatSettings) string {
	return strings.TrimSpace(settings.WelcomeMessage)
}

// ReadFAQ records that a shopper opened one of the shop's published FAQs
// in the hub, as part of their conversation's story: the one going on, or
// the next they start (within storage.StoryLead). Reading it again records
// nothing more. faqID must name a published FAQ of the shop
// (storage.ErrFAQNotFound otherwise).
func (c *Core) ReadFAQ(ctx context.Context, shopID, profileID, faqID int64) (storage.FAQRead, error) {
	return c.Store.RecordFAQRead(ctx, shopID, profileID, faqID)
}

// AIOn says whether the shop's AI agent answers shoppers.
func (c *Core) AIOn(ctx context.Context, shopID int64) (bool, error) {
	ai, err := c.aiConfig(ctx, shopID)
	return ai.Enabled, err
}

// aiConfig is the shop's AI agent settings; off when the agent is not
// available.
func (c *Core) aiConfig(ctx context.Context, shopID int64) (AIConfig, error) {
	if c.AI == nil {
		return AIConfig{}, nil
	}
	return c.AI.AIConfig(ctx, shopID)
}

// autoReply is the reply a conversation started now would get: "" when the
// shop has no office hours. It is decided for every message, before the
// post's transaction, because only that transaction knows whether the
// message starts a conversation (two reads of rows the pool keeps hot).
func (c *Core) autoReply(ctx context.Context, shopID int64) (string, error) {
	settings, err := c.Settings.Get(ctx, shopID)
	if err != nil {
		return "", err
	}
	return c.autoReplyFor(ctx, shopID, settings)
}

// autoReplyFor is autoReply with the shop's chat settings read.
func (c *Core) autoReplyFor(ctx context.Context, shopID int64, settings storage.ChatSettings) (string, error) {
	schedule, err := chat.ParseSchedule(settings.OfficeHours)
	if err != nil || schedule.Empty() {
		// A schedule that does not parse was refused on save; whatever is
		// stored, no office hours means no automatic reply.
		return "", nil
	}
	shop, err := c.Shops.Get(ctx, shopID)
	if err != nil {
		return "", err
	}
	text, _ := chat.AutoReply(schedule, shop.Location(), c.Now(), settings.DuringHoursMessage, settings.OutsideHoursMessage)
	return text, nil
}
