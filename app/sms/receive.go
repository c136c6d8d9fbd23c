package sms

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/app/twilio"
	"hubchat/storage"
)

type (
	// ProfileFinder matches a phone number to the shop's profile.
	ProfileFinder interface {
		ForPhone(ctx context.Context, shopID int64, phone string) (storage.Profile, error)
		SetSMSOptOut(ctx context.Context, shopID, profileID int64, out bool) error
	}
	// ShopReader reads the shop, for its name and contact details.
	ShopReader interface {
		Get(ctx context.Context, shopID int64) (storage.Shop, error)
	}
	// AutomaticSender adds an automatic message to an SMS conversation and
	// queues it to be texted.
	AutomaticSender interface {
		PostSMSAutomatic(ctx context.Context, shopID, conversationID int64, body string) (storage.Message, error)
	}
	// Core is the conversation core, which decides what a message does.
	Core interface {
		PostFromTexter(ctx context.Context, m conversation.ShopperMessage) (storage.PostResult, error)
	}
)

// Jobs are the SMS channel's jobs.
type Jobs struct {
	Profiles  ProfileFinder
	Core      Core
	Shops     ShopReader
	Automatic AutomaticSender
	Media     *MediaFetcher // keeps the pictures of MMS (media_in.go)
}

// Receive records an incoming text (JobReceive) in the sender's SMS
// conversation: the sender is the shop's customer with that phone number,
// else a profile of the number. STOP (or another opt-out word) blocks
// texting the number until START; the word itself shows in the ticket.
// HELP is answered by an automatic text with the shop's name and contacts.
// The pictures of an MMS are kept with it, a picture alone included (see
// MediaFetcher.Keep). Running twice stores the message once.
func (j *Jobs) Receive(ctx context.Context, job storage.Job) error {
	var p ReceiveJob
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	in := p.Message
	body := textOf(in.Body)
	if body == "" && len(in.Media) == 0 {
		return nil // an empty text with no picture has nothing to show
	}
	media, err := j.Media.Keep(ctx, job, in)
	if err != nil {
		return err
	}
	profile, err := j.Profiles.ForPhone(ctx, job.ShopID, in.From)
	if err != nil {
		return err
	}
	if k := twilio.KeywordOf(body); k == twilio.OptOut || k == twilio.OptIn {
		// Before the message, whose live event shows the ticket's banner.
		if err := j.Profiles.SetSMSOptOut(ctx, job.ShopID, profile.ID, k == twilio.OptOut); err != nil {
			return err
		}
	}
	res, err := j.Core.PostFromTexter(ctx, conversation.ShopperMessage{
		ShopID: job.ShopID, ProfileID: profile.ID, ClientID: clientID(in.MessageSID), Body: body,
		Keyword: twilio.KeywordOf(body) != twilio.NoKeyword,
		Uploads: media.uploads, Attachments: media.attachments, MediaRefused: media.refused,
	})
	if err != nil || res.Duplicate || twilio.KeywordOf(body) != twilio.Help {
		return err
	}
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil {
		return err
	}
	_, err = j.Automatic.PostSMSAutomatic(ctx, job.ShopID, res.Conversation.ID, helpText(shop))
	if errors.Is(err, storage.ErrSMSOptedOut) {
		return nil // Twilio answers HELP itself to a number that opted out
	}
	return err
}

// helpText answers HELP: who is texting, and how else to reach them.
func helpText(shop storage.Shop) string {
	s := shop.Name + ": this number is our customer service. Reply STOP to stop our texts, START to get them again."
	contact := []string{}
	if shop.Email != "" {
		contact = append(contact, "email "+shop.Email)
	}
	if shop.PrimaryDomain != "" {
		contact = append(contact, "visit https://"+shop.PrimaryDomain)
	}
	if len(contact) > 0 {
		s += " You can also " + strings.Join(contact, " or ") + "."
	}
	return s
}

// clientID is the message's client id: Twilio's MessageSid, unique per
// message, so a redelivered webhook is stored once.
func clientID(messageSID string) string { return "twilio:" + messageSID }

// textOf is a text as the inbox stores it. A person's phone sent it, so
// nothing is refused: unreadable bytes and invisible control characters
// are dropped, line ends made "\n", and the text cut at the longest
// message the chat keeps.
func textOf(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > chat.MaxBodyChars {
		s = strings.TrimSpace(string([]rune(s)[:chat.MaxBodyChars]))
	}
	return s
}
