package storage_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage"
)

// urgentKinds are the kinds these tests claim first.
var urgentKinds = []string{storage.JobAIAnswer, storage.JobSendSMS}

// queueBacklog stores n profile syncs that became due an hour before now,
// one a second, as an install queues them, and returns their ids in the
// order they became due.
func queueBacklog(t *testing.T, db *sqlx.DB, now time.Time, n int) []int64 {
	t.Helper()
	var ids []int64
	if err := db.Select(&ids, `INSERT INTO jobs (kind, payload, run_at, created_at, updated_at)
		SELECT 'profile.sync', jsonb_build_object('customer', g), $1::timestamptz + g * interval '1 second', $1, $1
		FROM generate_series(1, $2) g ORDER BY g RETURNING id`, now.Add(-time.Hour), n); err != nil {
		t.Fatal(err)
	}
	return ids
}

func claimUrgentFirst(t *testing.T, q *storage.Jobs, limit int) []int64 {
	t.Helper()
	jobs, err := q.ClaimUrgentFirst(context.Background(), urgentKinds, limit, limit, time.Minute)
	if err != nil {
		t.Fatalf("claim: %v", err)
	}
	ids := make([]int64, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	slices.Sort(ids)
	return ids
}

// An AI answer queued after three thousand due profile syncs is claimed
// first, and the rest of the claim is the oldest syncs.
func TestClaimUrgentFirstTakesAnAnswerBeforeTheBacklog(t *testing.T) {
	q, clock, db := newJobQueue(t)
	backlog := queueBacklog(t, db, clock.Now(), 3000)
	answer := mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
	got := claimUrgentFirst(t, q, 3)
	if want := []int64{backlog[0], backlog[1], answer}; !slices.Equal(got, want) {
		t.Fatalf("claimed %v, want the answer %d and the two oldest syncs %v", got, answer, backlog[:2])
	}
	if status, _, attempts := jobByID(t, db, answer); status != "running" || attempts != 1 {
		t.Fatalf("answer is %s after %d attempts, want running after 1", status, attempts)
	}
}

// Claims take every due urgent job first, then the background jobs in the
// order they became due, each once; a job not yet due is left alone.
func TestClaimUrgentFirstThenRunsTheBackgroundInOrder(t *testing.T) {
	q, clock, db := newJobQueue(t)
	backlog := queueBacklog(t, db, clock.Now(), 10)
	var urgent []int64
	for i := range 5 {
		urgent = append(urgent, mustEnqueue(t, q, storage.NewJob{Kind: urgentKinds[i%2], Payload: i}))
	}
	mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, RunAt: clock.Now().Add(time.Hour)})
	var claims [][]int64
	for range 4 {
		claims = append(claims, claimUrgentFirst(t, q, 4))
	}
	want := [][]int64{urgent[:4], {backlog[0], backlog[1], backlog[2], urgent[4]}, backlog[3:7], backlog[7:10]}
	if fmt.Sprint(claims) != fmt.Sprint(want) {
		t.Fatalf("claims took %v, want %v", claims, want)
	}
}

// Many workers claiming at once take every due job exactly once: the urgent
// and background parts of concurrent claims skip each other's rows.
func TestConcurrentUrgentFirstClaimsTakeEachJobOnce(t *testing.T) {
	q, clock, db := newJobQueue(t)
	queueBacklog(t, db, clock.Now(), 400)
	for i := range 100 {
		mustEnqueue(t, q, storage.NewJob{Kind: urgentKinds[i%2], Payload: i})
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for {
				jobs, err := q.ClaimUrgentFirst(context.Background(), urgentKinds, 7, 7, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if len(jobs) == 0 {
					return
				}
				mu.Lock()
				for _, j := range jobs {
					seen[j.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != 500 {
		t.Fatalf("claimed %d distinct jobs, want 500", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Fatalf("job %d claimed %d times", id, n)
		}
	}
}

// With ten thousand background jobs due, the claim reads the urgent job
// through index jobs_due_by_kind and no more background rows than its
// limit leaves room for: no scan of the plan walks the backlog.
func TestClaimUrgentFirstReadsNoBacklog(t *testing.T) {
	q, clock, db := newJobQueue(t)
	now := clock.Now()
	queueBacklog(t, db, now, 10_000)
	mustEnqueue(t, q, storage.NewJob{Kind: storage.JobAIAnswer, Payload: 1})
	if _, err := db.Exec(`ANALYZE jobs`); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{1, 4} {
		plan := explainClaim(t, db, now, limit)
		var scans []planNode
		plan.walk(func(n planNode) {
			if n.Relation == "jobs" {
				scans = append(scans, n)
			}
		})
		byKind := false
		for _, n := range scans {
			if read := n.ActualRows*n.ActualLoops + n.RemovedByFilter + n.RemovedByIndexRecheck; read > float64(limit) {
				t.Errorf("limit %d: %s on jobs (%s) read %.0f rows:\n%s", limit, n.NodeType, n.IndexName, read, plan.raw)
			}
			byKind = byKind || n.IndexName == "jobs_due_by_kind"
		}
		if !byKind {
			t.Errorf("limit %d: the urgent jobs are not read through jobs_due_by_kind:\n%s", limit, plan.raw)
		}
	}
}

// planNode is a node of EXPLAIN (FORMAT JSON), with what it read.
type planNode struct {
	NodeType              string     `json:"Node Type"`
	Relation              string     `json:"Relation Name"`
	IndexName             string     `json:"Index Name"`
	ActualRows            float64    `json:"Actual Rows"`
	ActualLoops           float64    `json:"Actual Loops"`
	RemovedByFilter       float64    `json:"Rows Removed by Filter"`
	RemovedByIndexRecheck float64    `json:"Rows Removed by Index Recheck"`
	Plans                 []planNode `json:"Plans"`
	raw                   string
}

func (n planNode) walk(f func(planNode)) {
	f(n)
	for _, c := range n.Plans {
		c.walk(f)
	}
}

// explainClaim runs the claim under EXPLAIN ANALYZE in a transaction it
// rolls back, and returns the plan as run.
func explainClaim(t *testing.T, db *sqlx.DB, now time.Time, limit int) planNode {
	t.Helper()
	tx, err := db.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	var raw string
	if err := tx.Get(&raw, `EXPLAIN (ANALYZE, FORMAT JSON) `+storage.ClaimUrgentFirstQuery,
		now, limit, now.Add(time.Minute), pq.Array(urgentKinds), limit); err != nil {
		t.Fatal(err)
	}
	var plans []struct{ Plan planNode }
	if err := json.Unmarshal([]byte(raw), &plans); err != nil || len(plans) != 1 {
		t.Fatal(fmt.Errorf("EXPLAIN said %q: %v", raw, err))
	}
	plans[0].Plan.raw = raw
	return plans[0].Plan
}
