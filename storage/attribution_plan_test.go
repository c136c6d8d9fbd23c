package storage_test

import (
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"hubchat/storage"
)

// The attribution runs for every order webhook, so it must read a shop's
// clicks and conversations through their indexes, never all of them:
// with sequential scans priced out, the plan reaches the clicks by the
// customer's profile and by the cart's conversation ids, and the
// conversations only by their keys or the customer's profile.
func TestAttributionReadsClicksThroughTheirIndexes(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	conn, err := f.db.Connx(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// A month of clicks in the shop's conversations, and statistics that
	// know of them, as a live shop's would.
	if _, err := conn.ExecContext(f.ctx, `
		INSERT INTO product_clicks (shop_id, conversation_id, profile_id, shopify_product_id, clicked_at)
		SELECT c.shop_id, c.id, c.profile_id, g, $2::timestamptz - g * interval '1 hour'
		FROM conversations c, generate_series(1, 720) g WHERE c.shop_id = $1`, f.shop.ID, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(f.ctx, `ANALYZE product_clicks, conversations, messages, orders; SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	var lines []string
	if err := conn.SelectContext(f.ctx, &lines, `EXPLAIN `+storage.LatestTouchQuery,
		f.shop.ID, pq.Array([]int64{501}), storage.AttributionWindow.Seconds(), storage.CartAttribute); err != nil {
		t.Fatal(err)
	}
	plan := strings.Join(lines, "\n")
	for _, index := range []string{"product_clicks_profile", "product_clicks_conversation"} {
		if !strings.Contains(plan, index) {
			t.Errorf("the plan does not use %s:\n%s", index, plan)
		}
	}
	ranges := map[string][]string{
		" on product_clicks": {"(profile_id = ", "(conversation_id = "},
		" on conversations ": {"(id = ", "(profile_id = "},
	}
	for i, line := range lines {
		for table, keys := range ranges {
			if strings.Contains(line, table) && !indexedBy(lines[i+1:], keys) {
				t.Errorf("the plan reads%s other than by %v: %s\n%s", table, keys, strings.TrimSpace(line), plan)
			}
		}
	}
}

// An order and its credit are one transaction: they commit together (the
// same xmin), so processing an order waits for one WAL flush, not two.
func TestSavedOrderAndItsCreditCommitTogether(t *testing.T) {
	t.Parallel()
	f := newAttributionFixture(t)
	if _, err := f.store.RecordClick(f.ctx, f.shop.ID, storage.ProductClick{ConversationID: f.convs["ada2"],
		ProductID: 9, ClickedAt: t0}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.orders.SaveAttributed(f.ctx, f.shop.ID, attributedOrder(7001, time.Hour, "", 0)); err != nil {
		t.Fatal(err)
	}
	var xmins []string
	if err := f.db.Select(&xmins, `SELECT o.xmin::text FROM orders o WHERE o.shop_id = $1 AND o.shopify_id = 501
		UNION ALL SELECT a.xmin::text FROM order_attributions a JOIN orders o ON o.id = a.order_id
		WHERE o.shop_id = $1 AND o.shopify_id = 501`, f.shop.ID); err != nil {
		t.Fatal(err)
	}
	if len(xmins) != 2 || xmins[0] != xmins[1] {
		t.Fatalf("order and credit written by transactions %v, want one", xmins)
	}
	f.assertCredit(t, "ada2", "89.50")
}

// indexedBy reports whether the first Index Cond of the plan's lines
// starts from one of keys.
func indexedBy(lines []string, keys []string) bool {
	for _, line := range lines {
		if strings.Contains(line, "Index Cond:") {
			for _, key := range keys {
				if strings.Contains(line, key) {
					return true
				}
			}
			return false
		}
	}
	return false
}
