package shopauth_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/shopauth"
	"hubchat/shopify"
	"hubchat/storage"
)

// countedStores are the guard's stores, counting their reads.
type countedStores struct {
	mu          sync.Mutex
	shop        storage.Shop
	byDomain    int
	seen        int
	uninstalled bool
}

func (s *countedStores) Install(context.Context, string, storage.OfflineToken) (storage.Shop, error) {
	return storage.Shop{}, apperr.New(apperr.Internal, "not in this test")
}

func (s *countedStores) ByDomain(_ context.Context, domain string) (storage.Shop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byDomain++
	shop := s.shop
	if s.uninstalled {
		at := time.Now()
		shop.UninstalledAt = &at
	}
	return shop, nil
}

func (s *countedStores) UpdateDetails(context.Context, int64, storage.ShopDetails) error { return nil }

func (s *countedStores) SeenSpeaking(_ context.Context, shopID, userID int64, locale string) (storage.Agent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen++
	return storage.Agent{ID: 7, ShopID: shopID, ShopifyUserID: userID, Locale: "en"}, nil
}

func (s *countedStores) Name(context.Context, int64, int64, storage.AgentName) (storage.Agent, error) {
	return storage.Agent{}, apperr.New(apperr.Internal, "not in this test")
}

func (s *countedStores) counts() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byDomain, s.seen
}

// An agent's fetch requests (a reply each, say) read their installed shop
// and their staff member once every RequestTTL, not at every request; a
// shop not installed is read again at every request, and refused.
func TestAdminRequestsRememberTheirShopAndStaffMember(t *testing.T) {
	t.Parallel()
	const domain, key, secret = "remember.myshopify.com", "remember-key", "remember-secret"
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	stores := &countedStores{shop: storage.Shop{ID: 3, Domain: domain}}
	guard := &shopauth.AdminGuard{APIKey: key, APISecret: secret, Shops: stores, Agents: stores,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clock}
	app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		if apperr.Is(err, apperr.Forbidden) {
			return c.SendStatus(fiber.StatusForbidden)
		}
		return c.SendStatus(fiber.StatusInternalServerError)
	}})
	app.Get("/app/x", guard.Handle, func(c *fiber.Ctx) error { return c.SendString("ok") })
	ask := func() int {
		t.Helper()
		token, err := shopify.SignSessionToken(shopify.SessionTokenParams{Shop: domain, APIKey: key,
			UserID: strconv.Itoa(9001), IssuedAt: clock()}, secret)
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("GET", "/app/x", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode
	}
	for range 5 {
		if code := ask(); code != 200 {
			t.Fatalf("a request of an installed shop: %d", code)
		}
	}
	if shops, agents := stores.counts(); shops != 1 || agents != 1 {
		t.Fatalf("five requests read the shop %d times and the staff member %d times, want once each", shops, agents)
	}
	mu.Lock()
	now = now.Add(shopauth.RequestTTL + time.Second)
	mu.Unlock()
	ask()
	if shops, agents := stores.counts(); shops != 2 || agents != 2 {
		t.Fatalf("after the TTL: the shop read %d times, the staff member %d times, want twice each", shops, agents)
	}
	stores.mu.Lock()
	stores.uninstalled = true
	stores.mu.Unlock()
	mu.Lock()
	now = now.Add(shopauth.RequestTTL + time.Second)
	mu.Unlock()
	for range 2 {
		if code := ask(); code != 403 {
			t.Fatalf("a request of a shop not installed: %d, want 403", code)
		}
	}
	if shops, _ := stores.counts(); shops != 4 {
		t.Fatalf("a shop not installed was read %d times in all, want 4 (never remembered)", shops)
	}
}
