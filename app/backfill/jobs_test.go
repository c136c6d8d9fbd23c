package backfill_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/backfill"
	"hubchat/app/jobs"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// jobsFixture is the backfill's job handlers over a real database with one
// installed shop, reading a scripted Source.
type jobsFixture struct {
	db    *sqlx.DB
	clk   *clock
	shops *storage.Shops
	shop  storage.Shop
	jobs  *backfill.Jobs
	src   *scripted
}

// scripted is a Source of endless order pages, each taking a minute of the
// clock, or of err when set.
type scripted struct {
	clk   *clock
	err   error
	pages int
}

func (s *scripted) Orders(ctx context.Context, query, after string, first int) (adminapi.OrderPage, error) {
	if s.err != nil {
		return adminapi.OrderPage{}, s.err
	}
	s.pages++
	_ = s.clk.Sleep(ctx, time.Minute)
	o := adminapi.Order{NumericID: int64(s.pages), Name: fmt.Sprintf("#%d", 1000+s.pages),
		CreatedAt: s.clk.Now(), UpdatedAt: s.clk.Now(), FinancialStatus: "PAID", Total: adminapi.Money{Amount: "10.00", CurrencyCode: "USD"}}
	return adminapi.OrderPage{Orders: []adminapi.Order{o},
		PageInfo: adminapi.PageInfo{HasNextPage: true, EndCursor: fmt.Sprintf("c%d", s.pages)}}, nil
}

func (s *scripted) Products(ctx context.Context, query, after string, first int) (adminapi.ProductPage, error) {
	return adminapi.ProductPage{}, s.err
}

func newJobsFixture(t *testing.T) *jobsFixture {
	t.Helper()
	db := pgtest.NewDB(t)
	keys, err := seal.ParseKeyring("k1:" + seal.GenerateKey())
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{now: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
	f := &jobsFixture{db: db, clk: clk, shops: storage.NewShops(db, keys, clk.Now), src: &scripted{clk: clk}}
	f.shop, err = f.shops.Install(context.Background(), "jobs.myshopify.com", storage.OfflineToken{AccessToken: "shpat_j", Scopes: "read_orders"})
	if err != nil {
		t.Fatal(err)
	}
	f.jobs = &backfill.Jobs{
		Importer: &backfill.Importer{Progress: storage.NewBackfills(db, clk.Now), Orders: storage.NewOrders(db, clk.Now),
			Products: storage.NewProducts(db), Now: clk.Now},
		Shops: f.shops, Queue: storage.NewJobs(db, clk.Now), SyncShopKind: "shop.sync", Unreconciled: storage.NewBackfills(db, clk.Now),
		Client: func(storage.Shop) (backfill.Source, error) { return f.src, nil },
	}
	return f
}

// queued are the jobs waiting to run, oldest first.
func (f *jobsFixture) queued(t *testing.T) []storage.Job {
	t.Helper()
	var list []storage.Job
	if err := f.db.Select(&list, `SELECT id, kind, coalesce(shop_id, 0) AS shop_id, payload, run_at, coalesce(unique_key, '') AS unique_key FROM jobs WHERE status = 'queued' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	return list
}

func (f *jobsFixture) job(kind string, payload any, attempts int) storage.Job {
	raw, _ := json.Marshal(payload)
	return storage.Job{Kind: kind, ShopID: f.shop.ID, Payload: raw, Attempts: attempts, MaxAttempts: 3}
}

func TestReconcileImportsFromTheLastFinishedRunAndSchedulesTheNext(t *testing.T) {
	t.Parallel()
	f := newJobsFixture(t)
	ctx := context.Background()
	progress := f.jobs.Importer.Progress
	if _, err := progress.Start(ctx, f.shop.ID, storage.BackfillOrders, nil); err != nil {
		t.Fatal(err)
	}
	firstStarted := f.clk.Now()
	f.clk.Sleep(ctx, 10*time.Minute)
	if err := progress.Finish(ctx, f.shop.ID, storage.BackfillOrders); err != nil {
		t.Fatal(err)
	}
	f.clk.Sleep(ctx, 24*time.Hour)

	if err := f.jobs.Reconcile(ctx, f.job(backfill.JobReconcile, nil, 1)); err != nil {
		t.Fatal(err)
	}
	got := map[string]storage.Job{}
	for _, j := range f.queued(t) {
		var p backfill.RunPayload
		_ = json.Unmarshal(j.Payload, &p)
		got[j.Kind+" "+p.Resource] = j
	}
	if len(got) != 4 {
		t.Fatalf("queued %d jobs, want a shop sync, two runs and the next reconcile: %v", len(got), got)
	}
	if _, ok := got["shop.sync "]; !ok {
		t.Error("the shop's details are not refreshed")
	}
	var orders, products backfill.RunPayload
	_ = json.Unmarshal(got[backfill.JobRun+" orders"].Payload, &orders)
	_ = json.Unmarshal(got[backfill.JobRun+" products"].Payload, &products)
	if orders.Since == nil || !orders.Since.Equal(firstStarted.Add(-backfill.Overlap)) {
		t.Errorf("orders reconcile from %v, want an hour before the last finished run started (%v)", orders.Since, firstStarted)
	}
	if products.Since != nil {
		t.Errorf("products, never imported, reconcile from %v; want a full import", products.Since)
	}
	next, ok := got[backfill.JobReconcile+" "]
	if !ok || !next.RunAt.Equal(f.clk.Now().Add(backfill.ReconcileEvery)) {
		t.Errorf("next reconcile %+v, want one at %v", next, f.clk.Now().Add(backfill.ReconcileEvery))
	}

	// An uninstalled shop is reconciled no more.
	if _, err := f.db.Exec(`DELETE FROM jobs`); err != nil {
		t.Fatal(err)
	}
	if err := f.shops.MarkUninstalled(ctx, f.shop.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.jobs.Reconcile(ctx, f.job(backfill.JobReconcile, nil, 1)); err != nil {
		t.Fatal(err)
	}
	if q := f.queued(t); len(q) != 0 {
		t.Fatalf("an uninstalled shop queued %d jobs", len(q))
	}
}

func TestRunJobHandsOverAtItsBudgetAndFailsOnlyOnItsLastAttempt(t *testing.T) {
	t.Parallel()
	f := newJobsFixture(t)
	ctx := context.Background()
	f.jobs.Importer.Budget = 90 * time.Second // two pages of a minute each

	run := f.job(backfill.JobRun, backfill.RunPayload{Resource: storage.BackfillOrders}, 1)
	if err := f.jobs.Run(ctx, run); err != nil {
		t.Fatal(err)
	}
	q := f.queued(t)
	if len(q) != 1 || q[0].Kind != backfill.JobRun || f.src.pages != 2 {
		t.Fatalf("after its budget: %d pages read, queued %+v; want a continuation after 2 pages", f.src.pages, q)
	}
	var cont backfill.RunPayload
	if err := json.Unmarshal(q[0].Payload, &cont); err != nil || cont.Resource != storage.BackfillOrders {
		t.Fatalf("continuation payload %s", q[0].Payload)
	}

	f.src.err = errors.New("shopify: 502 Bad Gateway")
	if err := f.jobs.Run(ctx, run); err == nil {
		t.Fatal("a failed page reported no error")
	}
	p, _ := f.jobs.Importer.Progress.Get(ctx, f.shop.ID, storage.BackfillOrders)
	if p.Status != storage.BackfillRunning || p.LastError != "shopify: 502 Bad Gateway" || p.Cursor != "c2" {
		t.Fatalf("after a failure with attempts left: %+v; want running at c2 with the reason", p)
	}
	last := f.job(backfill.JobRun, backfill.RunPayload{Resource: storage.BackfillOrders}, 3)
	if err := f.jobs.Run(ctx, last); err == nil {
		t.Fatal("the last attempt reported no error")
	}
	p, _ = f.jobs.Importer.Progress.Get(ctx, f.shop.ID, storage.BackfillOrders)
	if p.Status != storage.BackfillFailed || p.LastError != "shopify: 502 Bad Gateway" || p.Fetched != 2 {
		t.Fatalf("after the last attempt: %+v; want failed with the reason, the 2 orders kept", p)
	}
}

// A failure retrying cannot mend (Shopify refuses the scope) fails the run
// at its first attempt, for the merchant to see, rather than leave it
// "running" while its job is parked.
func TestRunJobFailsAtOnceWhenShopifyRefusesForGood(t *testing.T) {
	t.Parallel()
	f := newJobsFixture(t)
	ctx := context.Background()
	f.src.err = &adminapi.GraphQLError{Errors: []adminapi.ErrorDetail{{Message: "Access denied for orders field.", Code: "ACCESS_DENIED"}}}
	run := f.job(backfill.JobRun, backfill.RunPayload{Resource: storage.BackfillOrders}, 1)
	if err := f.jobs.Run(ctx, run); !jobs.IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent failure", err)
	}
	p, _ := f.jobs.Importer.Progress.Get(ctx, f.shop.ID, storage.BackfillOrders)
	if p.Status != storage.BackfillFailed || !strings.Contains(p.LastError, "ACCESS_DENIED") {
		t.Fatalf("after a refused scope: %+v; want failed with the reason", p)
	}
}

func TestReseedRestartsOnlyBrokenReconcileChains(t *testing.T) {
	t.Parallel()
	f := newJobsFixture(t)
	ctx := context.Background()
	gone, err := f.shops.Install(ctx, "gone.myshopify.com", storage.OfflineToken{AccessToken: "shpat_g", Scopes: "read_orders"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.shops.MarkUninstalled(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	reconciles := func() (shops []int64) {
		for _, j := range f.queued(t) {
			if j.Kind == backfill.JobReconcile {
				shops = append(shops, j.ShopID)
			}
		}
		return shops
	}
	// The installed shop has no reconcile waiting (its last one was
	// parked, say): one is queued, due now. The uninstalled shop gets none.
	if err := f.jobs.Reseed(ctx, storage.Job{}); err != nil {
		t.Fatal(err)
	}
	got := reconciles()
	if len(got) != 1 || got[0] != f.shop.ID {
		t.Fatalf("reconciles queued for shops %v, want only %d", got, f.shop.ID)
	}
	if q := f.queued(t); !q[0].RunAt.Equal(f.clk.Now()) {
		t.Errorf("the restarted reconcile is due at %v, want now (%v)", q[0].RunAt, f.clk.Now())
	}
	// With one waiting, the next reseed adds nothing.
	if err := f.jobs.Reseed(ctx, storage.Job{}); err != nil {
		t.Fatal(err)
	}
	if got := reconciles(); len(got) != 1 {
		t.Fatalf("a second reseed queued more: %v", got)
	}
}
