package backfill

import (
	"encoding/json"
	"strings"

	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// StoredOrder is o as the order store keeps it, in the REST spelling that
// order webhooks use, so that a backfilled order and a delivered one
// compare equal: "PAID" is "paid", "PARTIALLY_FULFILLED" is "partial" and
// an unfulfilled order has no fulfillment status.
func StoredOrder(o adminapi.Order) storage.Order {
	s := storage.Order{
		ShopifyID: o.NumericID, Name: o.Name, CustomerID: o.CustomerID,
		Total: o.Total.Amount, Currency: o.Total.CurrencyCode,
		FinancialStatus:   strings.ToLower(o.FinancialStatus),
		FulfillmentStatus: fulfillmentStatus(o.FulfillmentStatus),
		CreatedAt:         o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
	if !o.CancelledAt.IsZero() {
		t := o.CancelledAt
		s.CancelledAt = &t
	}
	for _, t := range o.Tracking {
		s.Tracking = append(s.Tracking, storage.Tracking{Company: t.Company, Number: t.Number, URL: t.URL})
	}
	if len(o.LineItems) > 0 {
		// Marshalling a slice of plain structs cannot fail.
		s.LineItems, _ = json.Marshal(o.LineItems)
	}
	return s
}

// fulfillmentStatus maps GraphQL's displayFulfillmentStatus to the REST
// fulfillment_status.
func fulfillmentStatus(display string) string {
	switch display {
	case "", "UNFULFILLED":
		return ""
	case "PARTIALLY_FULFILLED":
		return "partial"
	default:
		return strings.ToLower(display)
	}
}

// StoredProduct is p as the product store keeps it.
func StoredProduct(p adminapi.Product) storage.Product {
	stored := storage.Product{
		ShopifyID: p.NumericID, Title: p.Title, Handle: p.Handle, Description: p.Description,
		Price: p.MinPrice.Amount, ImageURL: p.ImageURL, Status: strings.ToLower(p.Status), UpdatedAt: p.UpdatedAt,
		ProductType: p.ProductType, Vendor: p.Vendor, Tags: p.Tags, Available: p.Available,
	}
	for _, o := range p.Options {
		stored.Options = append(stored.Options, storage.ProductOption{Name: o.Name, Values: o.Values})
	}
	return stored
}
