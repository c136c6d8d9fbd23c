package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

func TestAgentsAreSeenNamedAndScopedToTheirShop(t *testing.T) {
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	agents := storage.NewAgents(db, clk.Now)
	a, _ := shops.Install(ctx, "one.myshopify.com", expiringToken(clk.Now(), "shpat_1", "shprt_1"))
	b, _ := shops.Install(ctx, "two.myshopify.com", expiringToken(clk.Now(), "shpat_2", "shprt_2"))

	first, err := agents.Seen(ctx, a.ID, 9001)
	if err != nil || first.NamedAt != nil || first.DisplayName() != "Staff member 9001" {
		t.Fatalf("first sight: %+v, %v", first, err)
	}
	clk.Advance(time.Minute)
	again, _ := agents.Seen(ctx, a.ID, 9001)
	if again.ID != first.ID || !again.LastSeenAt.After(first.LastSeenAt) {
		t.Fatalf("second sight: %+v", again)
	}
	named, err := agents.Name(ctx, a.ID, first.ID, storage.AgentName{FirstName: "Ada", LastName: "Lovelace", Email: "ada@shop.example"})
	if err != nil || named.DisplayName() != "Ada Lovelace" || named.NamedAt == nil {
		t.Fatalf("named: %+v, %v", named, err)
	}
	// The same Shopify user in another shop is another agent, and one shop
	// cannot read or rename the other's.
	other, _ := agents.Seen(ctx, b.ID, 9001)
	if other.ID == first.ID {
		t.Fatal("agents of two shops share a row")
	}
	if _, err := agents.Get(ctx, b.ID, first.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("cross-shop Get: %v", err)
	}
	if _, err := agents.Name(ctx, b.ID, first.ID, storage.AgentName{FirstName: "Eve"}); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("cross-shop Name: %v", err)
	}
}

// The admin's language is remembered from the load that gave one, kept by
// loads and requests that give none, and not overwritten by the locale an
// online token names the staff member with.
func TestAnAgentsAdminLanguageIsRememberedUntilTheAdminGivesAnother(t *testing.T) {
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	agents := storage.NewAgents(db, clk.Now)
	shop, _ := shops.Install(ctx, "one.myshopify.com", expiringToken(clk.Now(), "shpat_1", "shprt_1"))

	first, err := agents.SeenSpeaking(ctx, shop.ID, 9001, "es-MX")
	if err != nil || first.Locale != "es-MX" {
		t.Fatalf("first load in Spanish: %+v, %v", first, err)
	}
	if kept, _ := agents.Seen(ctx, shop.ID, 9001); kept.Locale != "es-MX" {
		t.Fatalf("a request without a locale forgot it: %q", kept.Locale)
	}
	if named, _ := agents.Name(ctx, shop.ID, first.ID, storage.AgentName{FirstName: "Ada", Locale: "en"}); named.Locale != "es-MX" {
		t.Fatalf("naming replaced the admin's language: %q", named.Locale)
	}
	if changed, _ := agents.SeenSpeaking(ctx, shop.ID, 9001, "pl"); changed.Locale != "pl" {
		t.Fatalf("a load in Polish kept %q", changed.Locale)
	}
	other, _ := agents.Seen(ctx, shop.ID, 9002)
	if named, _ := agents.Name(ctx, shop.ID, other.ID, storage.AgentName{FirstName: "Eve", Locale: "de"}); named.Locale != "de" {
		t.Fatalf("an agent the admin gave no language keeps Shopify's: %q", named.Locale)
	}
}
