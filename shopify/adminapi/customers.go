package adminapi

import (
	"context"
	"fmt"
	"time"
)

// Customer is the profile summary the inbox shows next to a ticket. Email
// and phone are protected customer data: the app must have been approved
// for them, or Shopify answers ACCESS_DENIED.
type Customer struct {
	ID             string // gid://shopify/Customer/…
	NumericID      int64  // the id in webhooks and logged_in_customer_id
	FirstName      string
	LastName       string
	DisplayName    string
	Email          string // empty when the customer has none
	Phone          string // E.164, empty when none
	NumberOfOrders int64
	AmountSpent    Money
	CreatedAt      time.Time
}

const customerQuery = `query HubchatCustomer($id: ID!) {
  customer(id: $id) {
    id
    firstName
    lastName
    displayName
    numberOfOrders
    createdAt
    defaultEmailAddress { emailAddress }
    defaultPhoneNumber { phoneNumber }
    amountSpent { amount currencyCode }
  }
}`

// Customer reads one customer by numeric id. It returns an error wrapping
// ErrNotFound when Shopify has no such customer.
func (c *Client) Customer(ctx context.Context, id int64) (Customer, error) {
	if id <= 0 {
		return Customer{}, fmt.Errorf("customer %d: %w: id must be positive", id, ErrInvalidArgument)
	}
	var data struct {
		Customer *struct {
			ID                  string    `json:"id"`
			FirstName           string    `json:"firstName"`
			LastName            string    `json:"lastName"`
			DisplayName         string    `json:"displayName"`
			NumberOfOrders      count     `json:"numberOfOrders"`
			CreatedAt           time.Time `json:"createdAt"`
			DefaultEmailAddress *struct {
				EmailAddress string `json:"emailAddress"`
			} `json:"defaultEmailAddress"`
			DefaultPhoneNumber *struct {
				PhoneNumber string `json:"phoneNumber"`
			} `json:"defaultPhoneNumber"`
			AmountSpent Money `json:"amountSpent"`
		} `json:"customer"`
	}
	if err := c.Do(ctx, customerQuery, map[string]any{"id": GID("Customer", id)}, &data); err != nil {
		return Customer{}, fmt.Errorf("customer %d: %w", id, err)
	}
	r := data.Customer
	if r == nil {
		return Customer{}, fmt.Errorf("customer %d: %w", id, ErrNotFound)
	}
	num, err := numericID(r.ID, "Customer")
	if err != nil {
		return Customer{}, fmt.Errorf("customer %d: %w", id, err)
	}
	cust := Customer{
		ID: r.ID, NumericID: num, FirstName: r.FirstName, LastName: r.LastName,
		DisplayName: r.DisplayName, NumberOfOrders: int64(r.NumberOfOrders),
		AmountSpent: r.AmountSpent, CreatedAt: r.CreatedAt,
	}
	if r.DefaultEmailAddress != nil {
		cust.Email = r.DefaultEmailAddress.EmailAddress
	}
	if r.DefaultPhoneNumber != nil {
		cust.Phone = r.DefaultPhoneNumber.PhoneNumber
	}
	return cust, nil
}
