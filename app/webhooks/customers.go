package webhooks

import (
	"context"
	"encoding/json"
	"time"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// customerPayload is the REST JSON of customers/create and customers/update.
// Older API versions send orders_count and total_spent; newer ones
// number_of_orders and amount_spent: both are read.
type customerPayload struct {
	ID             int64       `json:"id"`
	FirstName      string      `json:"first_name"`
	LastName       string      `json:"last_name"`
	Email          string      `json:"email"`
	Phone          string      `json:"phone"`
	OrdersCount    json.Number `json:"orders_count"`
	NumberOfOrders json.Number `json:"number_of_orders"`
	TotalSpent     string      `json:"total_spent"`
	Currency       string      `json:"currency"`
	AmountSpent    *struct {
		Amount       string `json:"amount"`
		CurrencyCode string `json:"currency_code"`
	} `json:"amount_spent"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// customer stores a customer's details on their profile, creating it when
// the customer never chatted: their orders and history are useful all the
// same.
func (t shopDataTopics) customer(ctx context.Context, d storage.Delivery) error {
	return withShop(ctx, t, d, func(shopID int64, p customerPayload) error {
		if p.ID <= 0 {
			return apperr.New(apperr.Invalid, "%s names no customer id", d.Topic)
		}
		details := storage.CustomerDetails{FirstName: p.FirstName, LastName: p.LastName, Email: p.Email, Phone: p.Phone,
			TotalSpent: p.TotalSpent, Currency: p.Currency, CustomerSince: p.CreatedAt}
		count := p.OrdersCount
		if count == "" {
			count = p.NumberOfOrders
		}
		if count != "" {
			n, err := count.Int64()
			if err != nil || n < 0 {
				return apperr.New(apperr.Invalid, "%s customer %d has an invalid order count %q", d.Topic, p.ID, count)
			}
			details.OrdersCount = int(n)
		}
		if p.AmountSpent != nil && details.TotalSpent == "" {
			details.TotalSpent, details.Currency = p.AmountSpent.Amount, p.AmountSpent.CurrencyCode
		}
		if details.TotalSpent != "" && !isAmount(details.TotalSpent) {
			return apperr.New(apperr.Invalid, "%s customer %d has an invalid amount spent %q", d.Topic, p.ID, details.TotalSpent)
		}
		updated, err := stateTime(d, p.UpdatedAt)
		if err != nil {
			return err
		}
		_, err = t.customers.SaveCustomer(ctx, shopID, p.ID, details, updated)
		return err
	})
}
