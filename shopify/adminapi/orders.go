package adminapi

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// MaxOrdersPage is the largest page Orders and CustomerOrders ask for. With
// ten line items per order and its fulfillments' tracking a page of 50 is
// estimated at 902 points, under Shopify's 1,000-point limit for a single
// query.
const MaxOrdersPage = 50

// Order is an order as the profile's event history, the AI agent ("where is
// my order?") and the revenue attribution need it.
type Order struct {
	ID                string // gid://shopify/Order/…
	NumericID         int64  // the id in order webhooks
	Name              string // e.g. #1001
	CustomerID        int64  // 0 for a guest checkout
	CreatedAt         time.Time
	UpdatedAt         time.Time
	CancelledAt       time.Time  // zero unless cancelled
	FinancialStatus   string     // PAID, PENDING, REFUNDED, PARTIALLY_REFUNDED, …
	FulfillmentStatus string     // FULFILLED, UNFULFILLED, PARTIALLY_FULFILLED, …
	Total             Money      // in the shop's currency
	LineItems         []LineItem // the first 10
	MoreLineItems     bool       // the order has more than the 10 listed
	// Tracking is the tracking of its fulfillments that were not
	// cancelled, in Shopify's order.
	Tracking []Tracking
}

// Tracking is one shipment's tracking (FulfillmentTrackingInfo); any field
// may be empty.
type Tracking struct {
	Company string `json:"company"`
	Number  string `json:"number"`
	URL     string `json:"url"`
}

// LineItem is one line of an order.
type LineItem struct {
	Title    string `json:"title"`
	Quantity int    `json:"quantity"`
}

// OrderPage is one page of orders and where to continue.
type OrderPage struct {
	Orders []Order
	PageInfo
}

const ordersQuery = `query HubchatOrders($first: Int!, $after: String, $query: String, $sortKey: OrderSortKeys, $reverse: Boolean) {
  orders(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    nodes {
      id
      name
      createdAt
      updatedAt
      cancelledAt
      displayFinancialStatus
      displayFulfillmentStatus
      customer { id }
      totalPriceSet { shopMoney { amount currencyCode } }
      lineItems(first: 10) {
        nodes { title quantity }
        pageInfo { hasNextPage }
      }
      fulfillments { status trackingInfo { company number url } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`

// Orders returns one page of orders matching query (Shopify's search
// syntax, e.g. SearchQuery(UpdatedSince(t))), oldest update first, starting
// after the cursor after ("" for the first page). The backfill keeps
// EndCursor to resume where it stopped. first is 1..MaxOrdersPage. Without
// read_all_orders Shopify only returns the last 60 days.
func (c *Client) Orders(ctx context.Context, query, after string, first int) (OrderPage, error) {
	page, err := c.orders(ctx, query, after, first, "UPDATED_AT", false)
	if err != nil {
		return OrderPage{}, fmt.Errorf("orders: %w", err)
	}
	return page, nil
}

// CustomerOrders returns a customer's most recent orders, newest first.
func (c *Client) CustomerOrders(ctx context.Context, customerID int64, first int) ([]Order, error) {
	if customerID <= 0 {
		return nil, fmt.Errorf("customer %d orders: %w: id must be positive", customerID, ErrInvalidArgument)
	}
	q := SearchQuery(SearchTerm{Field: "customer_id", Value: strconv.FormatInt(customerID, 10)})
	page, err := c.orders(ctx, q, "", first, "CREATED_AT", true)
	if err != nil {
		return nil, fmt.Errorf("customer %d orders: %w", customerID, err)
	}
	return page.Orders, nil
}

type orderNode struct {
	ID                       string     `json:"id"`
	Name                     string     `json:"name"`
	CreatedAt                time.Time  `json:"createdAt"`
	UpdatedAt                time.Time  `json:"updatedAt"`
	CancelledAt              *time.Time `json:"cancelledAt"`
	DisplayFinancialStatus   string     `json:"displayFinancialStatus"`
	DisplayFulfillmentStatus string     `json:"displayFulfillmentStatus"`
	Customer                 *struct {
		ID string `json:"id"`
	} `json:"customer"`
	TotalPriceSet struct {
		ShopMoney Money `json:"shopMoney"`
	} `json:"totalPriceSet"`
	LineItems struct {
		Nodes    []LineItem `json:"nodes"`
		PageInfo PageInfo   `json:"pageInfo"`
	} `json:"lineItems"`
	Fulfillments []struct {
		Status       string           `json:"status"`
		TrackingInfo []*orderTracking `json:"trackingInfo"`
	} `json:"fulfillments"`
}

// orderTracking is FulfillmentTrackingInfo, whose fields are nullable.
type orderTracking struct {
	Company *string `json:"company"`
	Number  *string `json:"number"`
	URL     *string `json:"url"`
}

func (c *Client) orders(ctx context.Context, query, after string, first int, sortKey string, reverse bool) (OrderPage, error) {
	if first < 1 || first > MaxOrdersPage {
		return OrderPage{}, fmt.Errorf("%w: first must be 1..%d, got %d", ErrInvalidArgument, MaxOrdersPage, first)
	}
	vars := map[string]any{"first": first, "sortKey": sortKey, "reverse": reverse}
	if query != "" {
		vars["query"] = query
	}
	if after != "" {
		vars["after"] = after
	}
	var data struct {
		Orders struct {
			Nodes    []orderNode `json:"nodes"`
			PageInfo PageInfo    `json:"pageInfo"`
		} `json:"orders"`
	}
	if err := c.Do(ctx, ordersQuery, vars, &data); err != nil {
		return OrderPage{}, err
	}
	page := OrderPage{PageInfo: data.Orders.PageInfo, Orders: make([]Order, 0, len(data.Orders.Nodes))}
	for _, n := range data.Orders.Nodes {
		o, err := n.order()
		if err != nil {
			return OrderPage{}, err
		}
		page.Orders = append(page.Orders, o)
	}
	return page, nil
}

func (n orderNode) order() (Order, error) {
	id, err := numericID(n.ID, "Order")
	if err != nil {
		return Order{}, err
	}
	o := Order{
		ID: n.ID, NumericID: id, Name: n.Name, CreatedAt: n.CreatedAt, UpdatedAt: n.UpdatedAt,
		FinancialStatus: n.DisplayFinancialStatus, FulfillmentStatus: n.DisplayFulfillmentStatus,
		Total: n.TotalPriceSet.ShopMoney, LineItems: n.LineItems.Nodes,
		MoreLineItems: n.LineItems.PageInfo.HasNextPage,
	}
	if n.CancelledAt != nil {
		o.CancelledAt = *n.CancelledAt
	}
	for _, f := range n.Fulfillments {
		if f.Status == "CANCELLED" {
			continue
		}
		for _, t := range f.TrackingInfo {
			if t != nil {
				o.Tracking = append(o.Tracking, Tracking{Company: deref(t.Company), Number: deref(t.Number), URL: deref(t.URL)})
			}
		}
	}
	if n.Customer != nil {
		if o.CustomerID, err = numericID(n.Customer.ID, "Customer"); err != nil {
			return Order{}, err
		}
	}
	return o, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
