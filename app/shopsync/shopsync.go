// Package shopsync keeps hubchat's copy of a shop's data in step with
// Shopify, in both directions, as background jobs: the shop's details and
// policies and the customers' profiles come in through the Admin API; the
// chat settings the storefront widget reads before any request go out to
// an app-data metafield. (Orders and the catalog come in through webhooks
// and package backfill.)
package shopsync

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// Job kinds.
const (
	JobSyncShop    = "shop.sync"    // the shop's details and policies, then a publish
	JobSyncProfile = "profile.sync" // a customer's details into their profile
	JobPublishChat = "chat.publish" // the widget's settings into the app-data metafield
)

// The stores and clients the jobs use.
type (
	ShopStore interface {
		Get(ctx context.Context, shopID int64) (storage.Shop, error)
		UpdateDetails(ctx context.Context, shopID int64, d storage.ShopDetails) error
	}
	ProfileStore interface {
		Get(ctx context.Context, shopID, profileID int64) (storage.Profile, error)
		UpdateDetails(ctx context.Context, shopID, profileID int64, d storage.CustomerDetails) error
		MarkCustomerMissing(ctx context.Context, shopID, profileID int64) error
	}
	SettingsStore interface {
		Get(ctx context.Context, shopID int64) (storage.ChatSettings, error)
	}
	JobQueue interface {
		Enqueue(ctx context.Context, j storage.NewJob) (int64, error)
	}
	// AdminAPI reaches a shop's Admin API (app/shopapi.Clients).
	AdminAPI interface {
		ShopDetails(ctx context.Context, shop storage.Shop) (storage.ShopDetails, error)
		For(shop storage.Shop) (*adminapi.Client, error)
	}
)

// Jobs are the sync jobs' handlers.
type Jobs struct {
	Shops    ShopStore
	Profiles ProfileStore
	Settings SettingsStore
	Queue    JobQueue
	API      AdminAPI
}

// EnqueueShopSync queues a sync of the shop's details (one waiting at a time).
func EnqueueShopSync(ctx context.Context, q JobQueue, shop storage.Shop) error {
	_, err := q.Enqueue(ctx, storage.NewJob{Kind: JobSyncShop, ShopID: shop.ID, UniqueKey: "shop.sync:" + shop.Domain})
	return err
}

// EnqueueProfileSync queues a fetch of a customer's details into their profile.
func EnqueueProfileSync(ctx context.Context, q JobQueue, shopID, profileID int64) error {
	_, err := q.Enqueue(ctx, storage.NewJob{Kind: JobSyncProfile, ShopID: shopID,
		Payload: map[string]int64{"profile_id": profileID}, UniqueKey: "profile.sync:" + strconv.FormatInt(profileID, 10)})
	return err
}

// EnqueuePublishChat queues a publish of the shop's chat settings (one
// waiting at a time: a later one publishes the latest settings anyway).
func EnqueuePublishChat(ctx context.Context, q JobQueue, shopID int64) error {
	_, err := q.Enqueue(ctx, storage.NewJob{Kind: JobPublishChat, ShopID: shopID, UniqueKey: fmt.Sprintf("chat.publish:%d", shopID)})
	return err
}

// SyncShop refreshes a shop's details from the Admin API, then publishes the
// chat settings that depend on them (the policy links).
func (j *Jobs) SyncShop(ctx context.Context, job storage.Job) error {
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return err
	}
	details, err := j.API.ShopDetails(ctx, shop)
	if err != nil {
		return err
	}
	if err := j.Shops.UpdateDetails(ctx, shop.ID, details); err != nil {
		return err
	}
	return EnqueuePublishChat(ctx, j.Queue, shop.ID)
}

// SyncProfile fetches a customer's details from the Admin API into their
// profile. A customer Shopify no longer knows completes the job, marked
// missing on the profile: retrying cannot bring them back.
func (j *Jobs) SyncProfile(ctx context.Context, job storage.Job) error {
	var payload struct {
		ProfileID int64 `json:"profile_id"`
	}
	if err := job.DecodePayload(&payload); err != nil {
		return err
	}
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return err
	}
	p, err := j.Profiles.Get(ctx, shop.ID, payload.ProfileID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil // erased on the customer's request since: nothing to sync
	}
	if err != nil || p.ShopifyCustomerID == nil {
		return err
	}
	client, err := j.API.For(shop)
	if err != nil {
		return err
	}
	cust, err := client.Customer(ctx, *p.ShopifyCustomerID)
	if errors.Is(err, adminapi.ErrNotFound) {
		// Deleted from the shop: nothing to retry and nothing wrong to look
		// at; the profile keeps what it had.
		return j.Profiles.MarkCustomerMissing(ctx, shop.ID, p.ID)
	}
	if err != nil {
		return fmt.Errorf("customer %d of %s: %w", *p.ShopifyCustomerID, shop.Domain, err)
	}
	return j.Profiles.UpdateDetails(ctx, shop.ID, p.ID, storage.CustomerDetails{
		FirstName: cust.FirstName, LastName: cust.LastName, Email: cust.Email, Phone: cust.Phone,
		OrdersCount: int(cust.NumberOfOrders), TotalSpent: cust.AmountSpent.Amount,
		Currency: cust.AmountSpent.CurrencyCode, CustomerSince: cust.CreatedAt,
	})
}
