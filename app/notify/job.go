package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// ShopReader reads the shop a job belongs to.
type ShopReader interface {
	Get(ctx context.Context, shopID int64) (storage.Shop, error)
}

// ConversationReader reads a ticket and its messages.
type ConversationReader interface {
	Get(ctx context.Context, shopID, id int64) (storage.Conversation, error)
	Messages(ctx context.Context, shopID, conversationID int64) ([]storage.Message, error)
}

// ProfileReader reads the shopper of a ticket.
type ProfileReader interface {
	Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
}

// RecipientLister lists the team addresses of a shop and says whether the
// shop chose to have the first message quoted.
type RecipientLister interface {
	List(ctx context.Context, shopID int64) ([]storage.NotificationRecipient, error)
	QuotesMessages(ctx context.Context, shopID int64) (bool, error)
}

// SentMarkers record the intent to send an email before the call and its
// success after (storage.SideEffects).
type SentMarkers interface {
	Begin(ctx context.Context, shopID int64, key string) (storage.SideEffectState, error)
	MarkSent(ctx context.Context, shopID int64, key string) error
	Release(ctx context.Context, shopID int64, key string) error
}

// NewTicketJob emails the team about a new ticket: the handler of
// storage.JobNotifyNewTicket, whose payload is {"conversation_id": N}.
type NewTicketJob struct {
	Shops         ShopReader
	Conversations ConversationReader
	Profiles      ProfileReader
	Recipients    RecipientLister
	Markers       SentMarkers
	// Sender is nil when no SMTP server is configured: jobs then complete
	// without sending.
	Sender Sender
	// AdminURL (the Shopify admin's origin) and APIKey make the ticket's link.
	AdminURL string
	APIKey   string
	Log      *slog.Logger
}

// profileWaits is how many attempts wait for a signed-in customer's name,
// which the profile sync fetches from Shopify alongside this job; after
// them the email goes out without it.
const profileWaits = 2

// errProfileNotSynced retries the job while the customer's name is coming.
var errProfileNotSynced = errors.New("the customer's details are not synced yet")

// Handle sends one email per new ticket to the shop's whole list. Nothing to
// say (no list, no SMTP server, the ticket or shop erased since) completes
// the job; an SMTP failure returns an error, so the job retries with backoff
// and is parked with the reason after its last attempt.
//
// The email is sent at most once. Its sent-marker is recorded before the
// SMTP conversation and marked after the server accepted the message; a
// failure that certainly left it unsent (NotSent) releases the marker so
// the retry sends. A run that finds a marker without its mark follows one
// cut off while the server was taking the message (a crash, a lost claim,
// a connection broken after the content left): the email may be in the
// team's mailboxes, and a second copy is worse than none, since the ticket
// itself waits in the inbox either way, so that run sends nothing.
func (j *NewTicketJob) Handle(ctx context.Context, job storage.Job) error {
	if j.Sender == nil {
		return nil
	}
	var payload struct {
		ConversationID int64 `json:"conversation_id"`
	}
	if err := job.DecodePayload(&payload); err != nil {
		return err
	}
	if payload.ConversationID <= 0 {
		return apperr.New(apperr.Invalid, "job %d names no conversation", job.ID)
	}
	email, ok, err := j.email(ctx, job, payload.ConversationID)
	if err != nil || !ok {
		return gone(err)
	}
	return j.sendOnce(ctx, job, payload.ConversationID, email)
}

// sendOnce sends email under its sent-marker (see Handle).
func (j *NewTicketJob) sendOnce(ctx context.Context, job storage.Job, conversationID int64, email Email) error {
	key := fmt.Sprintf("email.new_ticket.%d", conversationID)
	state, err := j.Markers.Begin(ctx, job.ShopID, key)
	switch {
	case err != nil:
		return gone(err)
	case state == storage.SideEffectSent:
		return nil
	case state == storage.SideEffectInterrupted:
		j.Log.Warn("new-ticket email: an earlier attempt was cut off while the mail server was taking it; not sending a second copy",
			"job_id", job.ID, "shop_id", job.ShopID, "conversation_id", conversationID)
		return nil
	}
	// The outcome is recorded even when the job's time ran out meanwhile.
	record := context.WithoutCancel(ctx)
	if err := j.Sender.Send(ctx, email); err != nil {
		if NotSent(err) {
			err = errors.Join(err, j.Markers.Release(record, job.ShopID, key))
		}
		return fmt.Errorf("new-ticket email for conversation %d: %w", conversationID, err)
	}
	j.Log.Info("new-ticket email sent", "job_id", job.ID, "shop_id", job.ShopID,
		"conversation_id", conversationID, "recipients", len(email.To))
	return j.Markers.MarkSent(record, job.ShopID, key)
}

// gone completes a job whose shop or ticket no longer exists (uninstalled
// and redacted, or erased on a customer's request): there is no one to tell.
func gone(err error) error {
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	return err
}

// email gathers the ticket and writes its email; ok is false when no email
// is due.
func (j *NewTicketJob) email(ctx context.Context, job storage.Job, conversationID int64) (Email, bool, error) {
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return Email{}, false, err
	}
	list, err := j.Recipients.List(ctx, shop.ID)
	if err != nil || len(list) == 0 {
		return Email{}, false, err
	}
	c, err := j.Conversations.Get(ctx, shop.ID, conversationID)
	if err != nil {
		return Email{}, false, err
	}
	p, err := j.Profiles.Get(ctx, shop.ID, c.ProfileID)
	if err != nil {
		return Email{}, false, err
	}
	if p.ShopifyCustomerID != nil && p.SyncedAt == nil && job.Attempts <= profileWaits {
		return Email{}, false, errProfileNotSynced
	}
	quote, err := j.Recipients.QuotesMessages(ctx, shop.ID)
	if err != nil {
		return Email{}, false, err
	}
	msgs, err := j.Conversations.Messages(ctx, c.ShopID, c.ID)
	if err != nil {
		return Email{}, false, err
	}
	to := make([]string, len(list))
	for i, r := range list {
		to[i] = r.Email
	}
	e, err := Compose(NewTicket{
		ShopName: shopName(shop), Customer: customerName(p), Channel: c.Channel, Messages: len(msgs),
		Message: firstMessage(c, msgs), QuoteMessage: quote,
		ReceivedAt: c.CreatedAt.In(shop.Location()), TicketURL: j.ticketURL(shop, c.ID),
	}, to, fmt.Sprintf("hubchat.ticket.%d.%d", shop.ID, c.ID))
	return e, err == nil, err
}

// firstMessage is the shopper's message that opened the ticket, whole (the
// conversation keeps only a preview of it).
func firstMessage(c storage.Conversation, msgs []storage.Message) string {
	for _, m := range msgs {
		if m.Author == storage.AuthorShopper {
			return m.Body
		}
	}
	return c.FirstMessage
}

// ticketURL opens the ticket inside the Shopify admin, which frames the
// app's /app/tickets/{id}.
func (j *NewTicketJob) ticketURL(shop storage.Shop, id int64) string {
	store := strings.TrimSuffix(shop.Domain, ".myshopify.com")
	return fmt.Sprintf("%s/store/%s/apps/%s/tickets/%d", strings.TrimRight(j.AdminURL, "/"),
		url.PathEscape(store), url.PathEscape(j.APIKey), id)
}

func shopName(s storage.Shop) string {
	if strings.TrimSpace(s.Name) != "" {
		return s.Name
	}
	return s.Domain
}

// customerName names the shopper as the inbox does; a customer whose
// details have not arrived is named by their Shopify id rather than
// called anonymous.
func customerName(p storage.Profile) string {
	if p.FirstName+p.LastName+p.Email+p.Phone == "" {
		if p.ShopifyCustomerID != nil {
			return fmt.Sprintf("customer %d", *p.ShopifyCustomerID)
		}
		return "an anonymous visitor"
	}
	return p.Name()
}
