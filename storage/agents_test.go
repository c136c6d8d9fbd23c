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
	t.Parallel()
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
	t.Parallel()
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

// The admin's requests record the agent's sight at most once a minute: a
// second request within the minute writes nothing (the row keeps its
// version), a new admin language is written at once, and a request a
// minute later writes the sight again.
func TestAnAgentsSightIsWrittenAtMostOnceAMinute(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	agents := storage.NewAgents(db, clk.Now)
	shop, _ := shops.Install(ctx, "one.myshopify.com", expiringToken(clk.Now(), "shpat_1", "shprt_1"))
	version := func() (v string) {
		t.Helper()
		if err := db.GetContext(ctx, &v, `SELECT xmin::text FROM agents WHERE shop_id = $1 AND shopify_user_id = 9001`, shop.ID); err != nil {
			t.Fatal(err)
		}
		return v
	}

	first, err := agents.SeenSpeaking(ctx, shop.ID, 9001, "fr")
	if err != nil {
		t.Fatal(err)
	}
	written := version()
	clk.Advance(59 * time.Second)
	again, err := agents.Seen(ctx, shop.ID, 9001)
	if err != nil || again.ID != first.ID || again.Locale != "fr" || !again.LastSeenAt.Equal(first.LastSeenAt) {
		t.Fatalf("second request within the minute: %+v, %v", again, err)
	}
	if v := version(); v != written {
		t.Fatalf("a second request within the minute wrote the agent (xmin %s, was %s)", v, written)
	}
	if same, _ := agents.SeenSpeaking(ctx, shop.ID, 9001, "fr"); version() != written || same.Locale != "fr" {
		t.Fatal("a load in the language already remembered wrote the agent")
	}
	if changed, _ := agents.SeenSpeaking(ctx, shop.ID, 9001, "de"); changed.Locale != "de" || version() == written {
		t.Fatalf("a load in a new language within the minute was not written: %q", changed.Locale)
	}
	clk.Advance(time.Minute)
	later, _ := agents.Seen(ctx, shop.ID, 9001)
	if !later.LastSeenAt.After(first.LastSeenAt) || later.Locale != "de" {
		t.Fatalf("a request a minute later did not record the sight: %+v", later)
	}
}

// An agent whose row went (the shop's data erased) within the minute is
// recorded afresh rather than refused.
func TestAnAgentDeletedWithinTheMinuteIsRecordedAfresh(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	agents := storage.NewAgents(db, clk.Now)
	shop, _ := shops.Install(ctx, "one.myshopify.com", expiringToken(clk.Now(), "shpat_1", "shprt_1"))
	first, _ := agents.Seen(ctx, shop.ID, 9001)
	if _, err := db.ExecContext(ctx, `DELETE FROM agents WHERE shop_id = $1`, shop.ID); err != nil {
		t.Fatal(err)
	}
	again, err := agents.Seen(ctx, shop.ID, 9001)
	if err != nil || again.ID == 0 || again.ID == first.ID {
		t.Fatalf("after the row went: %+v, %v", again, err)
	}
}
