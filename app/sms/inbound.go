package sms

import (
	"context"
	"errors"
	"log/slog"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/twilio"
	"hubchat/storage"
)

type (
	// ShopFinder finds the shop a webhook URL names.
	ShopFinder interface {
		ByDomain(ctx context.Context, domain string) (storage.Shop, error)
	}
	// CredentialReader reads a shop's Twilio account with its auth token.
	CredentialReader interface {
		Credentials(ctx context.Context, shopID int64) (storage.SMSSettings, string, error)
	}
	// Queue stores jobs.
	Queue interface {
		Enqueue(ctx context.Context, j storage.NewJob) (int64, error)
	}
)

// Webhooks receives what Twilio posts for a shop: the messages people text
// to its number.
type Webhooks struct {
	Shops    ShopFinder
	Settings CredentialReader
	Queue    Queue
	Outbox   Outbox
	// AppURL is the app's public address as Twilio calls it (scheme and
	// host, maybe a path): the signature covers the full URL.
	AppURL string
	Log    *slog.Logger
}

// JobReceive records one incoming text message (payload: ReceiveJob).
const JobReceive = "sms.receive"

// ReceiveJob is the payload of JobReceive: the message as Twilio posted it.
type ReceiveJob struct {
	Message twilio.Incoming `json:"message"`
}

// emptyTwiML tells Twilio the message was taken and nothing is to be sent
// back now; any answer goes out later through the Messages API.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`

// Incoming takes a text message Twilio posts to the shop's webhook URL.
// The X-Twilio-Signature header is checked against the shop's auth token
// over the full public URL and the form before anything is read from it; a
// missing or forged signature, like an unknown shop, is refused (401) with
// nothing stored. A signed message for a shop whose SMS is off is answered
// and dropped. Otherwise a job records it; a retried delivery of a message
// still queued joins that job.
func (h *Webhooks) Incoming(c *fiber.Ctx) error {
	ctx := c.UserContext()
	shop, settings, form, err := h.verified(c)
	if err != nil {
		return err
	}
	in, err := twilio.ParseIncoming(form)
	if err != nil {
		return err
	}
	if !settings.Enabled || in.AccountSID != settings.AccountSID {
		h.Log.Info("sms: a text for a shop whose SMS is off or another account, dropped", "shop_id", shop.ID)
		return twiml(c)
	}
	_, err = h.Queue.Enqueue(ctx, storage.NewJob{Kind: JobReceive, ShopID: shop.ID,
		UniqueKey: JobReceive + ":" + in.MessageSID, Payload: ReceiveJob{Message: in}})
	if err != nil {
		return err
	}
	return twiml(c)
}

// JobStatus records a status Twilio reported before the message's id was
// recorded (payload: StatusJob).
const JobStatus = "sms.status"

// lateStatusAttempts bounds the tries of a JobStatus: a status of a message
// the shop never sent is dropped after them.
const lateStatusAttempts = 3

// StatusJob is a status Twilio reported for a message.
type StatusJob struct {
	SID     string `json:"sid"`
	Status  string `json:"status"`
	Failure string `json:"failure,omitempty"`
}

// Status takes a status Twilio posts for a message the shop sent
// (StatusCallback), verified as Incoming is, and shows it under the
// message in the ticket. A status of a message the shop does not know (sent
// from elsewhere with the same account, or not yet recorded as sent) is
// acknowledged and tried again by a job.
func (h *Webhooks) Status(c *fiber.Ctx) error {
	shop, settings, form, err := h.verified(c)
	if err != nil {
		return err
	}
	u, err := twilio.ParseStatus(form)
	if err != nil {
		return err
	}
	if u.AccountSID != settings.AccountSID {
		return c.SendStatus(fiber.StatusNoContent)
	}
	ctx, status := c.UserContext(), StatusJob{SID: u.MessageSID, Status: string(u.Status), Failure: deliveryFailure(u.ErrorCode)}
	err = h.Outbox.RecordSMSStatus(ctx, shop.ID, status.SID, status.Status, status.Failure)
	if errors.Is(err, storage.ErrNotFound) {
		// Twilio may report before its answer to the send is recorded.
		_, err = h.Queue.Enqueue(ctx, storage.NewJob{Kind: JobStatus, ShopID: shop.ID, Payload: status, MaxAttempts: lateStatusAttempts})
	}
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// verified returns the shop the URL names, its SMS settings and the posted
// form once the request's signature matches the shop's auth token.
func (h *Webhooks) verified(c *fiber.Ctx) (storage.Shop, storage.SMSSettings, url.Values, error) {
	ctx := c.UserContext()
	shop, err := h.Shops.ByDomain(ctx, c.Params("domain"))
	if errors.Is(err, storage.ErrNotFound) || err == nil && !shop.Installed() {
		return storage.Shop{}, storage.SMSSettings{}, nil, twilio.ErrBadSignature
	}
	if err != nil {
		return storage.Shop{}, storage.SMSSettings{}, nil, err
	}
	settings, token, err := h.Settings.Credentials(ctx, shop.ID)
	if err != nil {
		return storage.Shop{}, storage.SMSSettings{}, nil, err
	}
	form, err := url.ParseQuery(string(c.Body()))
	if err != nil || token == "" {
		return storage.Shop{}, storage.SMSSettings{}, nil, twilio.ErrBadSignature
	}
	calledURL := strings.TrimRight(h.AppURL, "/") + c.OriginalURL()
	if err := twilio.VerifySignature(twilio.AuthToken(token), calledURL, form, c.Get(twilio.SignatureHeader)); err != nil {
		return storage.Shop{}, storage.SMSSettings{}, nil, err
	}
	return shop, settings, form, nil
}

func twiml(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/xml; charset=utf-8")
	return c.SendString(emptyTwiML)
}
