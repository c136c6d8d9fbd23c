package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"math/big"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// ShopFinder finds the shop a delivery is for.
type ShopFinder interface {
	ByDomain(ctx context.Context, domain string) (storage.Shop, error)
}

// OrderStore records orders, their events and refunds.
type OrderStore interface {
	Save(ctx context.Context, shopID int64, o storage.Order) (applied bool, err error)
	RecordRefund(ctx context.Context, shopID int64, r storage.Refund) error
}

// CustomerStore records customers' details on their profiles.
type CustomerStore interface {
	SaveCustomer(ctx context.Context, shopID, customerID int64, d storage.CustomerDetails, updatedAt time.Time) (bool, error)
}

// ProductStore keeps the catalog the AI agent answers from.
type ProductStore interface {
	Save(ctx context.Context, shopID int64, p storage.Product) (applied bool, err error)
	Delete(ctx context.Context, shopID, shopifyID int64) error
}

// ProductStock tells whether a shopper can buy a product now, from the
// Admin API (shopapi.Clients); a product Shopify no longer has is not for
// sale.
type ProductStock interface {
	ProductAvailable(ctx context.Context, shop storage.Shop, productID int64) (bool, error)
}

// ShopData returns the handlers of the topics that keep the shop's orders,
// customers and products in step with Shopify. Deliveries come duplicated,
// late and out of order: the stores keep the newest state by Shopify's
// updated_at (the delivery's X-Shopify-Triggered-At when the payload has
// none) and record each event once. stock is asked about a product whose
// payload cannot tell whether it is sold out.
func ShopData(shops ShopFinder, orders OrderStore, customers CustomerStore, products ProductStore, stock ProductStock, log *slog.Logger) map[string]TopicHandler {
	t := shopDataTopics{shops: shops, orders: orders, customers: customers, products: products, stock: stock, log: log}
	return map[string]TopicHandler{
		"orders/create":    t.order,
		"orders/updated":   t.order,
		"orders/paid":      t.order,
		"orders/fulfilled": t.order,
		"orders/cancelled": t.order,
		"refunds/create":   t.refund,
		"customers/create": t.customer,
		"customers/update": t.customer,
		"products/create":  t.product,
		"products/update":  t.product,
		"products/delete":  t.productDelete,
	}
}

type shopDataTopics struct {
	shops     ShopFinder
	orders    OrderStore
	customers CustomerStore
	products  ProductStore
	stock     ProductStock
	log       *slog.Logger
}

// withShop parses a delivery into p and, when hubchat holds the shop, acts
// on it; a shop it does not know (erased, or never installed) has nothing to
// keep in step.
func withShop[P any](ctx context.Context, t shopDataTopics, d storage.Delivery, act func(shopID int64, p P) error) error {
	var p P
	if err := json.Unmarshal(d.Body, &p); err != nil {
		return apperr.Wrap(apperr.Invalid, err, "%s body is not valid JSON of the topic", d.Topic)
	}
	shop, err := t.shops.ByDomain(ctx, d.ShopDomain)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return act(shop.ID, p)
}

// orderPayload is the REST JSON of an order in the orders/* topics.
type orderPayload struct {
	ID                int64               `json:"id"`
	Name              string              `json:"name"`
	OrderNumber       int64               `json:"order_number"`
	Email             string              `json:"email"`
	Customer          *struct{ ID int64 } `json:"customer"`
	TotalPrice        string              `json:"total_price"`
	Currency          string              `json:"currency"`
	FinancialStatus   string              `json:"financial_status"`
	FulfillmentStatus *string             `json:"fulfillment_status"` // null while unfulfilled
	CancelledAt       *time.Time          `json:"cancelled_at"`
	CreatedAt         time.Time           `json:"created_at"`
	UpdatedAt         time.Time           `json:"updated_at"`
	NoteAttributes    json.RawMessage     `json:"note_attributes"`
	LineItems         json.RawMessage     `json:"line_items"`
	Fulfillments      []fulfillment       `json:"fulfillments"`
}

// fulfillment is a shipment of an order in the REST JSON. Its tracking
// comes as lists (tracking_numbers, tracking_urls) beside the first of each
// (tracking_number, tracking_url); any of them may be null.
type fulfillment struct {
	Status          string   `json:"status"` // success, cancelled, error, failure (pending, open)
	TrackingCompany *string  `json:"tracking_company"`
	TrackingNumber  *string  `json:"tracking_number"`
	TrackingNumbers []string `json:"tracking_numbers"`
	TrackingURL     *string  `json:"tracking_url"`
	TrackingURLs    []string `json:"tracking_urls"`
}

// tracking is the tracking of the fulfillments that were not cancelled:
// one entry per tracking number or URL, paired by position.
func tracking(fs []fulfillment) []storage.Tracking {
	var out []storage.Tracking
	for _, f := range fs {
		if f.Status == "cancelled" {
			continue
		}
		numbers, urls := f.TrackingNumbers, f.TrackingURLs
		if len(numbers) == 0 && f.TrackingNumber != nil && *f.TrackingNumber != "" {
			numbers = []string{*f.TrackingNumber}
		}
		if len(urls) == 0 && f.TrackingURL != nil && *f.TrackingURL != "" {
			urls = []string{*f.TrackingURL}
		}
		company := ""
		if f.TrackingCompany != nil {
			company = *f.TrackingCompany
		}
		for i := range max(len(numbers), len(urls)) {
			t := storage.Tracking{Company: company}
			if i < len(numbers) {
				t.Number = numbers[i]
			}
			if i < len(urls) {
				t.URL = urls[i]
			}
			out = append(out, t)
		}
	}
	return out
}

func (t shopDataTopics) order(ctx context.Context, d storage.Delivery) error {
	return withShop(ctx, t, d, func(shopID int64, p orderPayload) error {
		o, err := p.order(d)
		if err != nil {
			return err
		}
		applied, err := t.orders.Save(ctx, shopID, o)
		if err == nil && !applied {
			t.log.Debug("older order state ignored", "topic", d.Topic, "order_id", o.ShopifyID)
		}
		return err
	})
}

// order checks the payload and turns it into the stored order.
func (p orderPayload) order(d storage.Delivery) (storage.Order, error) {
	switch {
	case p.ID <= 0:
		return storage.Order{}, apperr.New(apperr.Invalid, "%s names no order id", d.Topic)
	case p.CreatedAt.IsZero():
		return storage.Order{}, apperr.New(apperr.Invalid, "%s order %d has no created_at", d.Topic, p.ID)
	case !isAmount(p.TotalPrice):
		return storage.Order{}, apperr.New(apperr.Invalid, "%s order %d has no valid total_price (%q)", d.Topic, p.ID, cut(p.TotalPrice))
	}
	updated, err := stateTime(d, p.UpdatedAt)
	if err != nil {
		return storage.Order{}, err
	}
	o := storage.Order{ShopifyID: p.ID, Name: p.Name, Email: p.Email, Total: p.TotalPrice, Currency: p.Currency,
		FinancialStatus: p.FinancialStatus, CancelledAt: p.CancelledAt, CreatedAt: p.CreatedAt, UpdatedAt: updated,
		NoteAttributes: p.NoteAttributes, LineItems: p.LineItems, Tracking: tracking(p.Fulfillments)}
	if o.Name == "" && p.OrderNumber > 0 {
		o.Name = "#" + strconv.FormatInt(p.OrderNumber, 10)
	}
	if p.Customer != nil {
		o.CustomerID = p.Customer.ID
	}
	if p.FulfillmentStatus != nil {
		o.FulfillmentStatus = *p.FulfillmentStatus
	}
	return o, nil
}

// refundPayload is the REST JSON of refunds/create.
type refundPayload struct {
	ID           int64     `json:"id"`
	OrderID      int64     `json:"order_id"`
	CreatedAt    time.Time `json:"created_at"`
	Transactions []struct {
		Kind   string `json:"kind"`
		Status string `json:"status"`
		Amount string `json:"amount"`
	} `json:"transactions"`
}

// refund records a refund. One that arrives before its order is retried
// (a plain error) until the order's delivery has come.
func (t shopDataTopics) refund(ctx context.Context, d storage.Delivery) error {
	return withShop(ctx, t, d, func(shopID int64, p refundPayload) error {
		if p.ID <= 0 || p.OrderID <= 0 {
			return apperr.New(apperr.Invalid, "%s names no refund or order id", d.Topic)
		}
		at, err := stateTime(d, p.CreatedAt)
		if err != nil {
			return err
		}
		sum := new(big.Rat)
		for _, tr := range p.Transactions {
			amount, ok := new(big.Rat).SetString(tr.Amount)
			if tr.Kind != "refund" || (tr.Status != "" && tr.Status != "success") || !ok {
				continue
			}
			sum.Add(sum, amount)
		}
		err = t.orders.RecordRefund(ctx, shopID, storage.Refund{ShopifyID: p.ID, OrderShopifyID: p.OrderID,
			Amount: sum.FloatString(2), CreatedAt: at})
		if apperr.Is(err, apperr.NotFound) {
			return apperr.Wrap(apperr.Internal, err, "refund %d before its order: retry", p.ID)
		}
		return err
	})
}

// stateTime is when the state a payload describes was current: its own
// time, else when Shopify says the event happened.
func stateTime(d storage.Delivery, payload time.Time) (time.Time, error) {
	if !payload.IsZero() {
		return payload, nil
	}
	if d.TriggeredAt.Valid {
		return d.TriggeredAt.Time, nil
	}
	return time.Time{}, apperr.New(apperr.Invalid, "%s has neither updated_at nor X-Shopify-Triggered-At to order it by", d.Topic)
}

// amountPattern is a decimal amount as Shopify writes them: "89.00".
var amountPattern = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,4})?$`)

func isAmount(s string) bool { return amountPattern.MatchString(s) }

// maxQuoted is how much of a payload's value an error quotes: errors are
// stored with the delivery and logged, and a value can be megabytes.
const maxQuoted = 64

// cut is s cut to maxQuoted bytes, on a character's boundary, with "…"
// when cut.
func cut(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	end := maxQuoted
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end] + "…"
}

// parseAmount is an amount checked by isAmount, as a number to compare.
func parseAmount(s string) float64 {
	r, _ := new(big.Rat).SetString(s)
	f, _ := r.Float64()
	return f
}
