package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/jobs"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// Job kinds of the chat.
const jobCloseInactive = "conversations.close_inactive"

// inactivityLimit closes a conversation without a message for 48 hours
// (SPEC §1.7).
const inactivityLimit = 48 * time.Hour

// closeInactive is the sweep that closes conversations idle for 48 hours;
// a batch at a time, re-queued at once while there is more.
func closeInactive(s *services, now func() time.Time) jobs.Handler {
	return func(ctx context.Context, _ storage.Job) error {
		const batch = 500
		for {
			n, err := s.conversations.CloseInactive(ctx, now().Add(-inactivityLimit), batch)
			if err != nil || n < batch {
				return err
			}
		}
	}
}

// syncProfile fetches a customer's details from the Admin API into their
// profile. A customer Shopify no longer knows completes the job, marked
// missing on the profile.
func syncProfile(s *services) jobs.Handler {
	return func(ctx context.Context, job storage.Job) error {
		var payload struct {
			ProfileID int64 `json:"profile_id"`
		}
		if err := job.DecodePayload(&payload); err != nil {
			return err
		}
		shop, err := s.shops.Get(ctx, job.ShopID)
		if err != nil || !shop.Installed() {
			return err
		}
		p, err := s.profiles.Get(ctx, shop.ID, payload.ProfileID)
		if apperr.Is(err, apperr.NotFound) {
			return nil // erased on the customer's request since: nothing to sync
		}
		if err != nil || p.ShopifyCustomerID == nil {
			return err
		}
		client, err := s.clients.For(shop)
		if err != nil {
			return err
		}
		cust, err := client.Customer(ctx, *p.ShopifyCustomerID)
		if errors.Is(err, adminapi.ErrNotFound) {
			// Deleted from the shop: nothing to retry and nothing wrong
			// to look at; the profile keeps what it had.
			return s.profiles.MarkCustomerMissing(ctx, shop.ID, p.ID)
		}
		if err != nil {
			return fmt.Errorf("customer %d of %s: %w", *p.ShopifyCustomerID, shop.Domain, err)
		}
		return s.profiles.UpdateDetails(ctx, shop.ID, p.ID, storage.CustomerDetails{
			FirstName: cust.FirstName, LastName: cust.LastName, Email: cust.Email, Phone: cust.Phone,
			OrdersCount: int(cust.NumberOfOrders), TotalSpent: cust.AmountSpent.Amount,
			Currency: cust.AmountSpent.CurrencyCode, CustomerSince: cust.CreatedAt,
		})
	}
}
