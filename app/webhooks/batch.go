package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// BatchTopicHandler acts on several deliveries of one topic at once and
// returns their outcomes in their order, each as a TopicHandler's.
type BatchTopicHandler func(ctx context.Context, ds []storage.Delivery) []error

// ProcessAll handles several storage.JobProcessWebhook jobs at once and
// returns their outcomes in their order (a jobs.BatchHandler): the
// deliveries are read in one statement, those of a topic in Batches are
// handed to its handler together, the others one by one, and the processed
// are marked so in one statement. Like Process it is idempotent.
func (p *Processor) ProcessAll(ctx context.Context, jobs []storage.Job) []error {
	errs := make([]error, len(jobs))
	ids := make([]int64, len(jobs))
	for i, job := range jobs {
		var payload storage.DeliveryJob
		if err := job.DecodePayload(&payload); err != nil {
			errs[i] = apperr.Wrap(apperr.Invalid, err, "webhook job payload")
		}
		ids[i] = payload.DeliveryID
	}
	found, err := p.Deliveries.Deliveries(ctx, ids)
	if err != nil {
		return orEach(errs, err)
	}
	var processed []int // indexes of the jobs whose delivery was acted on now
	byTopic := map[string][]int{}
	for i := range jobs {
		d, ok := found[ids[i]]
		switch {
		case errs[i] != nil, !ok, d.ProcessedAt.Valid:
			// malformed; erased by shop/redact meanwhile; or done already
		case p.Batches[d.Topic] != nil:
			byTopic[d.Topic] = append(byTopic[d.Topic], i)
		default:
			if errs[i] = p.handle(ctx, d); errs[i] == nil {
				processed = append(processed, i)
			}
		}
	}
	for topic, at := range byTopic {
		ds := make([]storage.Delivery, len(at))
		for k, i := range at {
			ds[k] = found[ids[i]]
		}
		outcomes := p.Batches[topic](ctx, ds)
		for k, i := range at {
			if errs[i] = outcomes[k]; errs[i] == nil {
				processed = append(processed, i)
			}
		}
	}
	return p.markProcessed(ctx, errs, ids, processed)
}

// handle acts on one delivery through its topic's handler.
func (p *Processor) handle(ctx context.Context, d storage.Delivery) error {
	handle, ok := p.Topics[d.Topic]
	if !ok {
		return apperr.New(apperr.Invalid, "no handler for webhook topic %q", d.Topic)
	}
	return handle(ctx, d)
}

// markProcessed marks the deliveries of the jobs processed processed; if
// that fails, those jobs fail with it (and run again).
func (p *Processor) markProcessed(ctx context.Context, errs []error, ids []int64, processed []int) []error {
	if len(processed) == 0 {
		return errs
	}
	done := make([]int64, len(processed))
	for k, i := range processed {
		done[k] = ids[i]
	}
	if err := p.Deliveries.MarkAllProcessed(ctx, done); err != nil {
		for _, i := range processed {
			errs[i] = err
		}
	}
	return errs
}

// orEach sets err as the outcome of every job that has none yet.
func orEach(errs []error, err error) []error {
	for i := range errs {
		if errs[i] == nil {
			errs[i] = err
		}
	}
	return errs
}

// OrderBatchStore saves orders one at a time or several in one transaction.
type OrderBatchStore interface {
	Save(ctx context.Context, shopID int64, o storage.Order) (applied bool, err error)
	SaveAll(ctx context.Context, shopID int64, orders []storage.Order) (applied []bool, err error)
}

// OrderBatches returns the batch handlers of the order topics: the orders
// of one shop are saved in one transaction (one commit for all); when that
// fails, each is saved alone, so one bad order fails only its own job.
// Each delivery is read as ShopData's handlers read it.
func OrderBatches(shops ShopFinder, orders OrderBatchStore, log *slog.Logger) map[string]BatchTopicHandler {
	b := orderBatch{shops: shops, orders: orders, log: log}
	handlers := map[string]BatchTopicHandler{}
	for _, topic := range []string{"orders/create", "orders/updated", "orders/paid", "orders/fulfilled", "orders/cancelled"} {
		handlers[topic] = b.save
	}
	return handlers
}

type orderBatch struct {
	shops  ShopFinder
	orders OrderBatchStore
	log    *slog.Logger
}

func (b orderBatch) save(ctx context.Context, ds []storage.Delivery) []error {
	errs := make([]error, len(ds))
	byShop := map[string][]int{}
	for i, d := range ds {
		byShop[d.ShopDomain] = append(byShop[d.ShopDomain], i)
	}
	for domain, at := range byShop {
		shop, err := b.shops.ByDomain(ctx, domain)
		if apperr.Is(err, apperr.NotFound) {
			continue // a shop hubchat does not hold has nothing to keep in step
		}
		if err != nil {
			for _, i := range at {
				errs[i] = err
			}
			continue
		}
		var orders []storage.Order
		var of []int // the delivery of each order
		for _, i := range at {
			o, err := deliveredOrder(ds[i])
			if errs[i] = err; err == nil {
				orders, of = append(orders, o), append(of, i)
			}
		}
		if len(orders) == 0 {
			continue
		}
		if _, err := b.orders.SaveAll(ctx, shop.ID, orders); err == nil {
			continue
		}
		b.log.Warn("orders saved one by one after their batch failed", "shop_id", shop.ID, "orders", len(orders), "err", err)
		for k, i := range of {
			_, errs[i] = b.orders.Save(ctx, shop.ID, orders[k])
		}
	}
	return errs
}

// deliveredOrder is the order a delivery of an order topic describes.
func deliveredOrder(d storage.Delivery) (storage.Order, error) {
	var p orderPayload
	if err := json.Unmarshal(d.Body, &p); err != nil {
		return storage.Order{}, apperr.Wrap(apperr.Invalid, err, "%s body is not valid JSON of the topic", d.Topic)
	}
	return p.order(d)
}
