package storage_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"hubchat/app/chat"
	"hubchat/storage"
)

// assertCountsExact checks that the dashboard's counts, the quarter hours
// and the days in each shop's zone, with the changes not yet folded into
// them, equal a recount of the agent's conversations, for every shop; then
// folds the changes (Dashboard.Fold) and checks the counts alone.
func assertCountsExact(t *testing.T, f *dashboardFixture) {
	t.Helper()
	countsDiffer(t, f, "with the changes not folded")
	if _, err := f.dash.Fold(f.ctx); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, f.db, `SELECT count(*) FROM dashboard_changes`); n != 0 {
		t.Fatalf("%d changes left after a fold", n)
	}
	countsDiffer(t, f, "folded")
}

// countsDiffer fails t when the counts kept and pending differ from a
// recount of the conversations.
func countsDiffer(t *testing.T, f *dashboardFixture, when string) {
	t.Helper()
	var diff []string
	err := f.db.Select(&diff, `
		WITH kept AS (
			SELECT shop_id, slot, dimension, value, sum(n)::int AS n
			FROM (SELECT shop_id, slot, dimension, value, n FROM dashboard_counts
				UNION ALL SELECT shop_id, slot, dimension, value, delta FROM dashboard_changes) k
			GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
		kept_days AS (
			SELECT shop_id, day, dimension, value, sum(n)::int AS n
			FROM (SELECT shop_id, day, dimension, value, n FROM dashboard_days
				UNION ALL SELECT p.shop_id, (p.slot AT TIME ZONE s.dashboard_zone)::date, p.dimension, p.value, p.delta
				FROM dashboard_changes p JOIN shops s ON s.id = p.shop_id) k
			GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0),
		counted AS (
			SELECT c.shop_id, date_bin('15 minutes', c.created_at, timestamptz '2000-01-01 00:00+00') AS slot, x.dimension, x.value,
				count(*)::int AS n
			FROM conversations c
			CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
			WHERE c.ai_involved GROUP BY 1, 2, 3, 4)
		SELECT format('%s %s %s %s: kept %s, counted %s', coalesce(k.shop_id, c.shop_id), coalesce(k.slot, c.slot),
			coalesce(k.dimension, c.dimension), coalesce(k.value, c.value), k.n, c.n)
		FROM kept k FULL JOIN counted c USING (shop_id, slot, dimension, value)
		WHERE k.n IS DISTINCT FROM c.n
		UNION ALL
		SELECT format('%s day %s %s %s: kept %s, counted %s', coalesce(k.shop_id, c.shop_id), coalesce(k.day, c.day),
			coalesce(k.dimension, c.dimension), coalesce(k.value, c.value), k.n, c.n)
		FROM kept_days k
		FULL JOIN (
			SELECT c.shop_id, (c.created_at AT TIME ZONE s.dashboard_zone)::date AS day, x.dimension, x.value, count(*)::int AS n
			FROM conversations c JOIN shops s ON s.id = c.shop_id
			CROSS JOIN LATERAL (VALUES ('channel', c.channel), ('status', c.ai_status), ('tag', coalesce(c.tag, ''))) x(dimension, value)
			WHERE c.ai_involved GROUP BY 1, 2, 3, 4) c USING (shop_id, day, dimension, value)
		WHERE k.n IS DISTINCT FROM c.n`)
	if err != nil {
		t.Fatal(err)
	}
	if len(diff) != 0 {
		t.Fatalf("%s, the counts differ from the conversations: %v", when, diff)
	}
}

// The days kept in the shop's zone follow a change of the zone, even one
// made while conversations are being written, and give the same figures
// as the quarter hours summed in another name of the same zone; a zone
// PostgreSQL does not know keeps the days in UTC and stops no write.
func TestDashboardDaysFollowTheShopsZone(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "Pacific/Auckland")
	start := f.local("2026-06-01 22:30:00")
	for i := range 8 {
		f.start(t, start.Add(time.Duration(i)*40*time.Minute), "Question", "Answer", storage.Tags[i%len(storage.Tags)])
	}
	assertCountsExact(t, f)
	sameFigures(t, f, "Pacific/Auckland", "NZ", "2026-05-31", "2026-06-03")

	// Conversations written while the zone changes back and forth and the
	// changes are folded, on a small pool.
	f.setClock(start.Add(6 * time.Hour))
	startMany(t, f, 40, false, func() error {
		for i := range 10 {
			zone := []string{"America/Los_Angeles", "Pacific/Auckland"}[i%2]
			if _, err := f.db.ExecContext(f.ctx, `UPDATE shops SET iana_timezone = $2 WHERE id = $1`, f.shopID, zone); err != nil {
				return err
			}
			if _, err := f.dash.Fold(f.ctx); err != nil {
				return err
			}
		}
		return nil
	})
	assertCountsExact(t, f)
	f.db.MustExec(`UPDATE shops SET iana_timezone = 'America/Los_Angeles' WHERE id = $1`, f.shopID)
	assertCountsExact(t, f)
	sameFigures(t, f, "America/Los_Angeles", "US/Pacific", "2026-05-31", "2026-06-03")

	f.db.MustExec(`UPDATE shops SET iana_timezone = 'Mars/Olympus_Mons' WHERE id = $1`, f.shopID)
	if zone := countRows(t, f.db, `SELECT count(*) FROM shops WHERE id = $1 AND dashboard_zone = 'UTC'`, f.shopID); zone != 1 {
		t.Fatal("an unknown zone is not kept as UTC")
	}
	f.start(t, start.Add(9*time.Hour), "Question", "Answer", "shipping")
	assertCountsExact(t, f)
	sameFigures(t, f, "UTC", "Etc/UCT", "2026-05-31", "2026-06-03")
}

// startMany has n new shoppers ask the AI agent at once and the agent
// answer each (tagged in turn), every other one then closed when closeSome
// is set, while meanwhile (if not nil) runs beside them.
func startMany(t *testing.T, f *dashboardFixture, n int, closeSome bool, meanwhile func() error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n+1)
	for i := range n {
		f.customer++
		s := newChatFixtureProfile(t, f.chatFixture, f.customer)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := f.convs.PostFromShopper(f.ctx, f.shopID, s.profile.ID, storage.ShopperPost{
				ClientID: newClientID(), Body: "Hi", Preview: "Hi", AIAnswers: true, Language: "en"})
			if err == nil {
				_, err = f.convs.RecordAIReply(f.ctx, f.shopID, res.Conversation.ID, storage.AIReply{ReplyTo: res.Message.ID,
					Body: "Hello", Preview: "Hello", Tag: storage.Tags[i%len(storage.Tags)]})
			}
			if err == nil && closeSome && i%2 == 0 {
				_, err = f.convs.Close(f.ctx, f.shopID, res.Conversation.ID, "shopper")
			}
			errs <- err
		}()
	}
	if meanwhile != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- meanwhile()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// sameFigures checks that the period's figures read in zone (the days kept)
// equal those read in alias, another name of the same zone (the quarter
// hours).
func sameFigures(t *testing.T, f *dashboardFixture, zone, alias, first, last string) {
	t.Helper()
	read := func(name string) string {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := time.ParseInLocation(time.DateOnly, first, loc)
		b, _ := time.ParseInLocation(time.DateOnly, last, loc)
		days, err := storage.NewDashboardDays(loc, a, b)
		if err != nil {
			t.Fatal(err)
		}
		got := f.figures(t, days)
		if got.Current.Conversations == 0 {
			t.Fatalf("%s: no conversations in the period", name)
		}
		var cells []string
		for _, c := range got.Cells {
			cells = append(cells, fmt.Sprintf("%s %s %s %d", c.Day.Format(time.DateOnly), c.Dimension, c.Value, c.Count))
		}
		return fmt.Sprintf("%+v %+v %v", got.Current, got.Previous, cells)
	}
	days, quarters := read(zone), read(alias)
	if days != quarters {
		t.Fatalf("%s from the days:\n%s\nfrom the quarter hours (%s):\n%s", zone, days, alias, quarters)
	}
}

// The counts stay equal to a recount through every kind of change: new
// conversations, answers, tags set by the team, handoffs, closes, a
// customer's erasure and a shop's, and many transactions at once.
func TestDashboardCountsFollowEveryChange(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "Pacific/Auckland")
	start := f.local("2026-06-01 09:00:00")
	var convs []storage.PostResult
	var shoppers []chatFixture
	for i := range 6 {
		res, s := f.start(t, start.Add(time.Duration(i)*7*time.Minute), "Question", "Answer", storage.Tags[i])
		convs, shoppers = append(convs, res), append(shoppers, s)
	}
	assertCountsExact(t, f)
	if _, err := f.convs.SetTag(f.ctx, f.shopID, convs[0].Conversation.ID, "returns_refunds"); err != nil {
		t.Fatal(err)
	}
	shoppers[1].aiReply(t, shoppers[1].aiPost(t, "More?"), storage.AIReply{Body: "Talk to a person?", Kind: storage.KindHandoffOffer})
	if _, _, err := f.convs.AnswerHandoffOffer(f.ctx, f.shopID, shoppers[1].profile.ID, convs[1].Conversation.ID, storage.HandoffAnswer{Accept: true}); err != nil {
		t.Fatal(err)
	}
	f.convs.Close(f.ctx, f.shopID, convs[2].Conversation.ID, "shopper")
	assertCountsExact(t, f)

	// Many shoppers at once, on a small pool: start, answer, close.
	f.setClock(start.Add(time.Hour))
	startMany(t, f, 40, true, nil)
	f.setClock(start.Add(72 * time.Hour))
	if _, err := f.convs.CloseInactive(f.ctx, chat.AutoCloseCutoff(f.clock.Now()), 100); err != nil {
		t.Fatal(err)
	}
	assertCountsExact(t, f)
	got := f.figures(t, f.days(t, "2026-06-01", "2026-06-01"))
	if got.Current.Conversations != 46 || got.Current.Unresolved != 1 || got.Current.Resolved != 45 {
		t.Fatalf("after the sweep: %+v, want 46, one unresolved, the rest resolved", got.Current)
	}

	privacy := storage.NewPrivacy(f.db, f.clock.Now)
	if _, err := privacy.RedactCustomer(f.ctx, f.shopID, "redact-1", storage.CustomerRef{ID: *shoppers[3].profile.ShopifyCustomerID},
		f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	assertCountsExact(t, f)
	if _, err := privacy.RedactShop(f.ctx, "chat.myshopify.com"); err != nil {
		t.Fatal(err)
	}
	assertCountsExact(t, f)
	if n := countRows(t, f.db, `SELECT count(*) FROM dashboard_counts WHERE n <> 0`); n != 0 {
		t.Fatalf("%d counts left of an erased shop", n)
	}
}

// The dashboard tells a shop whose agent was never on (an empty state)
// from one that turned it off (its data kept).
func TestDashboardKnowsWhetherTheAgentWasEverOn(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	store := storage.NewAISettings(f.db, testKeys(t), f.clock.Now)
	state := func() string {
		t.Helper()
		ever, on, err := f.dash.EverOn(f.ctx, f.shopID)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("ever %v, on %v", ever, on)
	}
	if got := state(); got != "ever false, on false" {
		t.Fatalf("no settings: %s", got)
	}
	settings, err := store.Get(f.ctx, f.shopID)
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		enabled bool
		want    string
	}{{true, "ever true, on true"}, {false, "ever true, on false"}} {
		settings.Enabled = step.enabled
		if settings, err = store.Save(f.ctx, settings, storage.HelpdeskSecrets{}); err != nil {
			t.Fatal(err)
		}
		if got := state(); got != step.want {
			t.Fatalf("after saving enabled=%v: %s, want %s", step.enabled, got, step.want)
		}
	}
}

// Conversations of one shop changing their counted values at once do not
// wait for each other: with one answer's transaction left open after it
// set its conversation's topic, another conversation's topic is set at
// once. When the counts were updated in place, the second waited on the
// first's row of the quarter hour ('tag', ”) until it committed. The
// figures read before and after folding are the same.
func TestConcurrentCountedChangesDoNotWaitForEachOther(t *testing.T) {
	t.Parallel()
	f := newDashboardFixture(t, "America/Los_Angeles")
	start := f.local("2026-06-01 09:00:00")
	f.setClock(start)
	startMany(t, f, 2, false, nil)
	var ids []int64
	if err := f.db.Select(&ids, `SELECT id FROM conversations WHERE shop_id = $1 ORDER BY id`, f.shopID); err != nil || len(ids) != 2 {
		t.Fatalf("conversations %v: %v", ids, err)
	}
	first, err := f.db.BeginTxx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Rollback()
	first.MustExec(`UPDATE conversations SET tag = 'returns_refunds' WHERE shop_id = $1 AND id = $2`, f.shopID, ids[0])
	second, err := f.db.BeginTxx(f.ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Rollback()
	second.MustExec(`SET LOCAL lock_timeout = '2s'`)
	if _, err := second.Exec(`UPDATE conversations SET tag = 'returns_refunds' WHERE shop_id = $1 AND id = $2`, f.shopID, ids[1]); err != nil {
		t.Fatalf("a second conversation's new topic waited for the first's transaction: %v", err)
	}
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	day := f.days(t, "2026-06-01", "2026-06-01")
	before := fmt.Sprintf("%+v", f.figures(t, day))
	assertCountsExact(t, f) // folds
	if after := fmt.Sprintf("%+v", f.figures(t, day)); after != before {
		t.Fatalf("figures before the fold %s, after %s", before, after)
	}
}
