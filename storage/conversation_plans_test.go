package storage_test

import (
	"fmt"
	"strings"
	"testing"

	"hubchat/storage"
)

// A ticket found by its id is read through the primary key in the plan
// kept for its statement, also when that plan was made while few tickets
// were going on (a quiet night, a new shop). "Not closed" written as <>
// lets PostgreSQL use the index of conversations going on, whose
// predicate it is, and the plan made while that index was small read it
// whole for every reply later, however many tickets were going on.
func TestTicketsFoundByIDAreReadThroughTheirKey(t *testing.T) {
	f := newPostFixture(t, 1, 1)
	if _, err := f.owner.ExecContext(f.ctx, `
		WITH p AS (INSERT INTO profiles (shop_id, shopify_customer_id, created_at, updated_at)
			SELECT $1, 900000 + g, now(), now() FROM generate_series(1, 20000) g RETURNING id)
		INSERT INTO conversations (shop_id, profile_id, channel, status, first_message, last_message_at, created_at, updated_at)
		SELECT $1, p.id, 'web_chat', 'closed', 'hello', now(), now(), now() FROM p`, f.shopID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.owner.ExecContext(f.ctx, `ANALYZE profiles, conversations`); err != nil {
		t.Fatal(err)
	}
	planOf := func(name, notClosed string) string {
		t.Helper()
		return strings.Join(f.genericPlan(t, `PREPARE `+name+`(bigint, bigint) AS UPDATE conversations SET updated_at = now()
				WHERE shop_id = $1 AND id = $2 AND `+notClosed, fmt.Sprintf(`EXPLAIN EXECUTE %s(%d, 1)`, name, f.shopID)), "\n")
	}
	if plan := planOf("by_unequal", `status <> 'closed'`); !strings.Contains(plan, "conversations_one_active") {
		t.Fatalf("with <>, the plan no longer goes through the index of conversations going on, so this test shows nothing:\n%s", plan)
	}
	if plan := planOf("by_distinct", storage.NotClosed); !strings.Contains(plan, "conversations_pkey") {
		t.Fatalf("a ticket found by id is not read through its key:\n%s", plan)
	}
}

// genericPlan prepares a statement (prepare, a PREPARE) in a transaction
// of its own whose plans are generic, as the app's pool makes them, and
// returns the lines of explain (an EXPLAIN EXECUTE of it).
func (f postFixture) genericPlan(t *testing.T, prepare, explain string) []string {
	t.Helper()
	conn, err := f.owner.Connx(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tx, err := conn.BeginTxx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, stmt := range []string{`SET LOCAL plan_cache_mode = force_generic_plan`, prepare} {
		if _, err := tx.ExecContext(f.ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	if err := tx.SelectContext(f.ctx, &lines, explain); err != nil {
		t.Fatal(err)
	}
	return lines
}
