// Package webhooks receives Shopify's webhooks and processes them. Intake
// verifies the HMAC of the raw body before anything else, stores the delivery
// durably (deduplicated) and answers at once; a job processes it later, so a
// slow or failing step never makes Shopify retry, and nothing acknowledged is
// lost.
package webhooks

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/shopify"
	"hubchat/storage"
)

// DeliveryRecorder stores a verified delivery and queues its processing.
type DeliveryRecorder interface {
	Record(ctx context.Context, d storage.NewDelivery) (id int64, isNew bool, err error)
}

// Intake serves POST /webhooks.
type Intake struct {
	APISecret string
	Store     DeliveryRecorder
	Log       *slog.Logger
}

// Receive verifies, stores and acknowledges one delivery.
func (h *Intake) Receive(c *fiber.Ctx) error {
	body := append([]byte(nil), c.Body()...) // Fiber reuses the request buffer
	if err := shopify.VerifyWebhook(body, c.Get("X-Shopify-Hmac-Sha256"), h.APISecret); err != nil {
		return apperr.Wrap(apperr.Unauthorized, err, "invalid webhook signature")
	}
	hdr, err := shopify.ParseWebhookHeaders(func(k string) string { return c.Get(k) })
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "webhook headers missing or invalid")
	}
	_, isNew, err := h.Store.Record(c.UserContext(), storage.NewDelivery{
		ShopDomain: hdr.ShopDomain, Topic: hdr.Topic, WebhookID: hdr.WebhookID, EventID: hdr.EventID,
		APIVersion: hdr.APIVersion, TriggeredAt: hdr.TriggeredAt, Body: body,
	})
	if err != nil {
		return err // 500: Shopify will deliver it again
	}
	if !isNew {
		h.Log.Debug("duplicate webhook ignored", "topic", hdr.Topic, "shop", hdr.ShopDomain, "webhook_id", hdr.WebhookID)
	}
	return c.SendStatus(fiber.StatusOK)
}

// TopicHandler acts on one delivery of a topic. Returning an apperr.Invalid
// error parks the delivery (its body cannot be acted on); other errors are
// retried.
type TopicHandler func(ctx context.Context, d storage.Delivery) error

// DeliveryStore reads deliveries and marks them done.
type DeliveryStore interface {
	Delivery(ctx context.Context, id int64) (storage.Delivery, error)
	MarkProcessed(ctx context.Context, id int64) error
	Deliveries(ctx context.Context, ids []int64) (map[int64]storage.Delivery, error)
	MarkAllProcessed(ctx context.Context, ids []int64) error
}

// Processor is the job that processes stored deliveries.
type Processor struct {
	Deliveries DeliveryStore
	Topics     map[string]TopicHandler
	Batches    map[string]BatchTopicHandler // topics whose deliveries ProcessAll handles together
	Now        func() time.Time
}

// Process handles one storage.JobProcessWebhook job. It is idempotent: a
// delivery already processed, or erased since, is done.
func (p *Processor) Process(ctx context.Context, job storage.Job) error {
	var payload storage.DeliveryJob
	if err := job.DecodePayload(&payload); err != nil {
		return apperr.Wrap(apperr.Invalid, err, "webhook job payload")
	}
	d, err := p.Deliveries.Delivery(ctx, payload.DeliveryID)
	if apperr.Is(err, apperr.NotFound) {
		return nil // erased by shop/redact in the meantime
	}
	if err != nil {
		return err
	}
	if d.ProcessedAt.Valid {
		return nil
	}
	if err := p.handle(ctx, d); err != nil {
		return err
	}
	return p.Deliveries.MarkProcessed(ctx, d.ID)
}
