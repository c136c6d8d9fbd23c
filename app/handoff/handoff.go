// Package handoff makes the tickets of the AI agent's external handoffs in
// the merchant's Zendesk or Gorgias (SPEC §2): a job queued with the agent's
// handoff message, retried while the helpdesk fails for a while, parked
// with its reason when it refuses for good (the merchant sees both in
// Settings → AI agent). The helpdesk is called with no transaction open.
package handoff

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"hubchat/app/conversation"
	"hubchat/app/helpdesk"
	"hubchat/storage"
)

// Job is the kind of the job (queued by app/conversation).
const Job = conversation.JobExternalHandoff

// The stores the job reads and writes.
type (
	ConversationStore interface {
		Get(ctx context.Context, shopID, id int64) (storage.Conversation, error)
		Messages(ctx context.Context, shopID, conversationID int64) ([]storage.Message, error)
		RecordExternalTicket(ctx context.Context, shopID, conversationID int64, id, url string) error
	}
	ProfileStore interface {
		Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
	}
	SettingsStore interface {
		Get(ctx context.Context, shopID int64) (storage.AISettings, error)
		Secrets(ctx context.Context, shopID int64) (storage.HelpdeskSecrets, error)
	}
)

// Jobs makes the tickets.
type Jobs struct {
	Conversations ConversationStore
	Profiles      ProfileStore
	Settings      SettingsStore
	Helpdesks     helpdesk.Endpoints
}

// ErrNoEmail: the helpdesk needs the shopper's email, and there is none.
var ErrNoEmail = errors.New("the shopper left no email address for the team to follow up")

// Create is the job's handler: it creates the conversation's ticket in the
// helpdesk it was handed to, with the transcript, unless that is done.
// The ticket's external id is the conversation's, so a retry after a
// failure the job did not see finds the ticket instead of making another.
func (j *Jobs) Create(ctx context.Context, job storage.Job) error {
	var p struct {
		ConversationID int64 `json:"conversation_id"`
	}
	if err := job.DecodePayload(&p); err != nil {
		return err
	}
	c, err := j.Conversations.Get(ctx, job.ShopID, p.ConversationID)
	if err != nil || c.ExternalTicketID != nil || (c.Handoff != storage.HandoffZendesk && c.Handoff != storage.HandoffGorgias) {
		return err // erased, already made, or not an external handoff: nothing to do
	}
	ticket, err := j.ticket(ctx, c)
	if err != nil {
		return err
	}
	client, err := j.client(ctx, c.ShopID, c.Handoff)
	if err != nil {
		return err
	}
	created, err := client.CreateTicket(ctx, ticket)
	if err != nil {
		return inWords(err)
	}
	return j.Conversations.RecordExternalTicket(ctx, c.ShopID, c.ID, created.ID, created.URL)
}

// client is the helpdesk client of the shop's settings for kind.
func (j *Jobs) client(ctx context.Context, shopID int64, kind storage.Handoff) (helpdesk.Client, error) {
	settings, err := j.Settings.Get(ctx, shopID)
	if err != nil {
		return nil, err
	}
	secrets, err := j.Settings.Secrets(ctx, shopID)
	if err != nil {
		return nil, err
	}
	if kind == storage.HandoffZendesk {
		return j.Helpdesks.Zendesk(helpdesk.ZendeskSettings{Subdomain: settings.ZendeskSubdomain,
			AgentEmail: settings.ZendeskAgentEmail, APIToken: helpdesk.Secret(secrets.ZendeskAPIToken)})
	}
	return j.Helpdesks.Gorgias(helpdesk.GorgiasSettings{Domain: settings.GorgiasDomain,
		Username: settings.GorgiasUsername, APIKey: helpdesk.Secret(secrets.GorgiasAPIKey)})
}

// ticket is the conversation as the helpdesk gets it: the shopper, the
// topic, and the transcript.
func (j *Jobs) ticket(ctx context.Context, c storage.Conversation) (helpdesk.Ticket, error) {
	p, err := j.Profiles.Get(ctx, c.ShopID, c.ProfileID)
	if err != nil {
		return helpdesk.Ticket{}, err
	}
	if p.Email == "" {
		return helpdesk.Ticket{}, permanent{ErrNoEmail}
	}
	msgs, err := j.Conversations.Messages(ctx, c.ShopID, c.ID)
	if err != nil {
		return helpdesk.Ticket{}, err
	}
	t := helpdesk.Ticket{ExternalID: fmt.Sprintf("hubchat-%d-%d", c.ShopID, c.ID), Subject: c.FirstMessage,
		Requester: helpdesk.Person{Name: strings.TrimSpace(p.FirstName + " " + p.LastName), Email: p.Email}}
	if c.Tag != nil {
		t.Tags = []string{*c.Tag}
	}
	for _, m := range msgs {
		t.Messages = append(t.Messages, transcriptMessage(m))
	}
	return t, nil
}

func transcriptMessage(m storage.Message) helpdesk.Message {
	out := helpdesk.Message{Author: helpdesk.AuthorKind(m.Author), AuthorName: m.AuthorName, At: m.CreatedAt, Text: m.Body}
	for _, choice := range m.Choices { // "did you mean…?": the options the shopper had
		out.Text += "\n• " + choice
	}
	for _, card := range m.Cards {
		out.Cards = append(out.Cards, helpdesk.ProductCard{Title: card.Title, Price: card.Price + " " + card.Currency})
	}
	for _, a := range m.Attachments { // a shopper's photo, an agent's image
		if strings.HasPrefix(a.ContentType, "image/") {
			out.Images = append(out.Images, a.URL)
		}
	}
	return out
}

// inWords keeps what the helpdesk said in words a merchant reads as the
// failure's text (the job's last error, which Settings → AI agent shows),
// with the failure itself (its kind, its Retry-After) underneath.
func inWords(err error) error {
	var he *helpdesk.Error
	if !errors.As(err, &he) || he.Message == "" {
		return err
	}
	return worded{text: he.Service + ": " + he.Message, err: err}
}

type worded struct {
	text string
	err  error
}

func (w worded) Error() string { return w.text }
func (w worded) Unwrap() error { return w.err }

// permanent marks a failure no retry mends (app/jobs parks it).
type permanent struct{ error }

func (p permanent) Permanent() bool { return true }
func (p permanent) Unwrap() error   { return p.error }
