package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Profile is a shopper: a Shopify customer, or an anonymous visitor.
type Profile struct {
	ID                int64      `db:"id"`
	ShopID            int64      `db:"shop_id"`
	ShopifyCustomerID *int64     `db:"shopify_customer_id"`
	FirstName         string     `db:"first_name"`
	LastName          string     `db:"last_name"`
	Email             string     `db:"email"`
	Phone             string     `db:"phone"`
	OrdersCount       int        `db:"orders_count"`
	TotalSpent        string     `db:"total_spent"`
	Currency          string     `db:"currency"`
	CustomerSince     *time.Time `db:"customer_since"`
	SyncedAt          *time.Time `db:"synced_at"`
	// CustomerMissingSince is when Shopify last said it has no such
	// customer (deleted from the shop); nil while it knows them.
	CustomerMissingSince *time.Time `db:"shopify_customer_missing_since"`
	// SMSOptedOutAt is when the person replied STOP to the shop's texts;
	// nil while texts may go to their number.
	SMSOptedOutAt *time.Time `db:"sms_opted_out_at"`
}

// Name is how the inbox names the shopper.
func (p Profile) Name() string {
	switch {
	case p.FirstName != "" || p.LastName != "":
		return trimJoin(p.FirstName, p.LastName)
	case p.Email != "":
		return p.Email
	case p.Phone != "":
		return p.Phone
	}
	return "Anonymous"
}

// CustomerDetails are what the Admin API says about a customer.
type CustomerDetails struct {
	FirstName, LastName, Email, Phone string
	OrdersCount                       int
	TotalSpent, Currency              string
	CustomerSince                     time.Time
}

// Profiles stores the shoppers.
type Profiles struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewProfiles returns the profile store.
func NewProfiles(db *sqlx.DB, now func() time.Time) *Profiles { return &Profiles{db: db, now: now} }

const profileColumns = `id, shop_id, shopify_customer_id, first_name, last_name, email, phone, orders_count,
	total_spent::text AS total_spent, currency, customer_since, synced_at, shopify_customer_missing_since,
	sms_opted_out_at`

// ForCustomer returns the profile of a Shopify customer, creating it on first
// sight (its details come later, from the Admin API).
func (s *Profiles) ForCustomer(ctx context.Context, shopID, customerID int64) (Profile, error) {
	var p Profile
	err := s.db.GetContext(ctx, &p, `
		INSERT INTO profiles (shop_id, shopify_customer_id, created_at, updated_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (shop_id, shopify_customer_id) DO UPDATE SET shopify_customer_id = EXCLUDED.shopify_customer_id
		RETURNING `+profileColumns, shopID, customerID, s.now())
	if err != nil {
		return Profile{}, fmt.Errorf("profile of customer %d in shop %d: %w", customerID, shopID, err)
	}
	return p, nil
}

// Get returns one of the shop's profiles.
func (s *Profiles) Get(ctx context.Context, shopID, profileID int64) (Profile, error) {
	var p Profile
	err := s.db.GetContext(ctx, &p, `SELECT `+profileColumns+` FROM profiles WHERE shop_id = $1 AND id = $2`, shopID, profileID)
	if err != nil {
		return Profile{}, notFound(err, "profile %d", profileID)
	}
	return p, nil
}

// UpdateDetails stores a customer's details from the Admin API, which
// knows the customer (again).
func (s *Profiles) UpdateDetails(ctx context.Context, shopID, profileID int64, d CustomerDetails) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE profiles SET first_name = $3, last_name = $4, email = $5, phone = $6, orders_count = $7,
			total_spent = $8::numeric, currency = $9, customer_since = $10, synced_at = $11, updated_at = $11,
			shopify_customer_missing_since = NULL
		WHERE shop_id = $1 AND id = $2`, shopID, profileID, d.FirstName, d.LastName, d.Email, d.Phone,
		d.OrdersCount, orZero(d.TotalSpent), d.Currency, nullTime(d.CustomerSince), s.now())
	if err != nil {
		return fmt.Errorf("update profile %d: %w", profileID, err)
	}
	return nil
}

// MarkCustomerMissing records that the Admin API has no such customer any
// more (deleted from the shop). The profile keeps the details it had, and
// keeps the time Shopify first said so.
func (s *Profiles) MarkCustomerMissing(ctx context.Context, shopID, profileID int64) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE profiles SET shopify_customer_missing_since = coalesce(shopify_customer_missing_since, $3), updated_at = $3
		WHERE shop_id = $1 AND id = $2`, shopID, profileID, s.now())
	if err != nil {
		return fmt.Errorf("mark customer of profile %d missing: %w", profileID, err)
	}
	return nil
}

func orZero(amount string) string {
	if amount == "" {
		return "0"
	}
	return amount
}
