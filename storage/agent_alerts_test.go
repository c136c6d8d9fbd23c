package storage_test

import (
	"context"
	"errors"
	"testing"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// An agent's alerts are off until they choose, their choice is theirs
// alone, and one shop cannot set another's agent's.
func TestAgentAlertsAreOffUntilChosenAndScopedToTheShop(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	shops := storage.NewShops(db, testKeys(t), clk.Now)
	agents := storage.NewAgents(db, clk.Now)
	alerts := storage.NewAgentAlerts(db, clk.Now)
	a, _ := shops.Install(ctx, "one.myshopify.com", expiringToken(clk.Now(), "shpat_1", "shprt_1"))
	b, _ := shops.Install(ctx, "two.myshopify.com", expiringToken(clk.Now(), "shpat_2", "shprt_2"))
	ada, _ := agents.Seen(ctx, a.ID, 9001)
	bob, _ := agents.Seen(ctx, a.ID, 9002)

	if on, err := alerts.Enabled(ctx, a.ID, ada.ID); err != nil || on {
		t.Fatalf("before choosing: %v, %v", on, err)
	}
	if err := alerts.Set(ctx, a.ID, ada.ID, true); err != nil {
		t.Fatal(err)
	}
	if on, _ := alerts.Enabled(ctx, a.ID, ada.ID); !on {
		t.Fatal("turned on, read off")
	}
	if on, _ := alerts.Enabled(ctx, a.ID, bob.ID); on {
		t.Fatal("another agent's alerts went on")
	}
	if err := alerts.Set(ctx, b.ID, ada.ID, false); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("another shop set the agent's alerts: %v", err)
	}
	if on, _ := alerts.Enabled(ctx, b.ID, ada.ID); on {
		t.Fatal("another shop reads the agent's alerts")
	}
	if err := alerts.Set(ctx, a.ID, ada.ID, false); err != nil {
		t.Fatal(err)
	}
	if on, _ := alerts.Enabled(ctx, a.ID, ada.ID); on {
		t.Fatal("turned off, read on")
	}
}
