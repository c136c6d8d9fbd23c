package storefront

import (
	"context"
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// OrderStore reads a customer's orders as synced from Shopify.
type OrderStore interface {
	CustomerOrders(ctx context.Context, shopID, customerID int64, limit int) ([]storage.CustomerOrder, error)
}

// OrdersShown is how many recent orders the Orders tab lists.
const OrdersShown = 10

// ordersAnswer is the answer of GET /api/storefront/orders
// (docs/chat-api.md).
type ordersAnswer struct {
	Orders []OrderView `json:"orders"`
}

// OrderView is one order as the Orders tab shows it. The statuses are
// Shopify's codes ("paid", "fulfilled"); the widget puts them in words in
// the shopper's language, and formats Total with the shop's money format.
type OrderView struct {
	Name              string         `json:"name"`
	PlacedAt          time.Time      `json:"placed_at"`
	Total             string         `json:"total"`
	Currency          string         `json:"currency"`
	FinancialStatus   string         `json:"financial_status"`
	FulfillmentStatus string         `json:"fulfillment_status"`
	Cancelled         bool           `json:"cancelled"`
	Tracking          []TrackingView `json:"tracking"`
}

// TrackingView is a shipment's tracking; URL is "" unless it is http(s).
type TrackingView struct {
	Company string `json:"company"`
	Number  string `json:"number"`
	URL     string `json:"url"`
}

// Orders serves GET /api/storefront/orders: the signed-in customer's recent
// orders, newest first. Who the customer is comes only from the token's
// profile, which the session made from the customer id Shopify's app proxy
// signed: no request can name another customer. An anonymous visitor, with
// no customer, is told to sign in.
func (h *Handlers) Orders(c *fiber.Ctx) error {
	s := shopperOf(c)
	if err := limit(c, h.Limits.Orders, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	if s.ProfileID == 0 || s.Visitor {
		return apperr.New(apperr.Forbidden, "Sign in to see your orders.")
	}
	ctx := c.UserContext()
	p, err := h.Profiles.Get(ctx, s.ShopID, s.ProfileID)
	if err != nil {
		return err
	}
	if p.ShopifyCustomerID == nil {
		return apperr.New(apperr.Forbidden, "Sign in to see your orders.")
	}
	orders, err := h.CustomerOrders.CustomerOrders(ctx, s.ShopID, *p.ShopifyCustomerID, OrdersShown)
	if err != nil {
		return err
	}
	out := ordersAnswer{Orders: make([]OrderView, 0, len(orders))}
	for _, o := range orders {
		out.Orders = append(out.Orders, orderView(o))
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

func orderView(o storage.CustomerOrder) OrderView {
	v := OrderView{Name: o.Name, PlacedAt: o.CreatedAt, Total: o.Total, Currency: o.Currency,
		FinancialStatus: o.FinancialStatus, FulfillmentStatus: o.FulfillmentStatus,
		Cancelled: o.CancelledAt != nil, Tracking: make([]TrackingView, 0, len(o.Tracking))}
	for _, t := range o.Tracking {
		v.Tracking = append(v.Tracking, TrackingView{Company: t.Company, Number: t.Number, URL: webURL(t.URL)})
	}
	return v
}

// webURL is u when it is an absolute http(s) URL, else "": a carrier's
// link comes from the shop's data, and only a web page may become a link
// on the storefront.
func webURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}
