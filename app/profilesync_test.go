package app_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/shopify/shopifytest"
	"hubchat/storage"
)

// profileSync is a shop with a customer of the local Shopify and their
// profile, whose sync a test runs.
type profileSync struct {
	env      *apptest.Env
	shopID   int64
	customer shopifytest.DemoCustomer
	profile  storage.Profile
	profiles *storage.Profiles
}

func newProfileSync(t *testing.T) profileSync {
	t.Helper()
	env := apptest.Start(t, apptest.Options{})
	env.Install(t)
	env.WaitForJobs(t)
	s := profileSync{env: env, profiles: storage.NewProfiles(env.DB, time.Now)}
	env.DB.Get(&s.shopID, `SELECT id FROM shops`)
	var err error
	s.customer, err = env.Shopify.Shop.UpsertCustomer(shopifytest.DemoCustomer{
		FirstName: "Kim", LastName: "Lee", Email: "kim@example.com", CreatedAt: time.Date(2025, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if s.profile, err = s.profiles.ForCustomer(context.Background(), s.shopID, s.customer.ID); err != nil {
		t.Fatal(err)
	}
	return s
}

// run queues a sync of the profile and waits for its first attempt to end;
// it returns the job's status and attempts then.
func (s profileSync) run(t *testing.T) (status string, attempts int) {
	t.Helper()
	id, err := storage.NewJobs(s.env.DB, time.Now).Enqueue(context.Background(), storage.NewJob{
		Kind: "profile.sync", ShopID: s.shopID, Payload: map[string]int64{"profile_id": s.profile.ID}})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 20*time.Second, "the sync's first attempt", func() bool {
		s.env.DB.QueryRow(`SELECT status, attempts FROM jobs WHERE id = $1`, id).Scan(&status, &attempts)
		return attempts >= 1 && status != "running"
	})
	return status, attempts
}

func (s profileSync) stored(t *testing.T) storage.Profile {
	t.Helper()
	p, err := s.profiles.Get(context.Background(), s.shopID, s.profile.ID)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A customer the merchant deleted in Shopify: the sync asks once, is told
// there is no such customer, and finishes; retrying could not bring them
// back. The profile keeps the details it had, marked missing.
func TestProfileSyncOfADeletedCustomerIsNotRetried(t *testing.T) {
	t.Parallel()
	s := newProfileSync(t)
	if status, _ := s.run(t); status != "done" || s.stored(t).FirstName != "Kim" {
		t.Fatalf("first sync: %s, profile %+v", status, s.stored(t))
	}
	if err := s.env.Shopify.Shop.DeleteCustomer(s.customer.ID); err != nil {
		t.Fatal(err)
	}
	if status, attempts := s.run(t); status != "done" || attempts != 1 {
		t.Fatalf("sync of the deleted customer: %s after %d attempts, want done after 1", status, attempts)
	}
	p := s.stored(t)
	if p.FirstName != "Kim" || p.Email != "kim@example.com" || p.CustomerMissingSince == nil {
		t.Fatalf("profile after the customer was deleted: %+v", p)
	}
}

// Shopify failing for a while (every request of an attempt answered 503):
// the attempt fails, and the job is retried rather than given up.
func TestProfileSyncRetriesWhileShopifyFails(t *testing.T) {
	t.Parallel()
	s := newProfileSync(t)
	s.env.Shopify.AdminAPI.FailNext(5, http.StatusServiceUnavailable) // the client's five tries
	status, attempts := s.run(t)
	if status != "queued" || attempts != 1 {
		t.Fatalf("after Shopify's 503s: %s after %d attempts, want queued for a retry", status, attempts)
	}
	// The backoff is seconds long: make the retry due now rather than wait.
	s.env.DB.MustExec(`UPDATE jobs SET run_at = now() WHERE kind = 'profile.sync' AND status = 'queued'`)
	s.env.WaitForJobs(t)
	if p := s.stored(t); p.FirstName != "Kim" || p.CustomerMissingSince != nil {
		t.Fatalf("profile after the retry: %+v", p)
	}
}
