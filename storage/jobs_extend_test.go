package storage_test

import (
	"context"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/storage/pgtest"
)

// A heartbeat keeps a live worker's claim past its lease; a claim taken
// over after its lease lapsed is not extended for the old worker, nor is a
// finished job.
func TestExtendKeepsOnlyTheClaimsStillHeld(t *testing.T) {
	t.Parallel()
	ctx, clk, db := context.Background(), newClock(), pgtest.NewDB(t)
	jobs := storage.NewJobs(db, clk.Now)
	for range 3 {
		if _, err := jobs.Enqueue(ctx, storage.NewJob{Kind: "k"}); err != nil {
			t.Fatal(err)
		}
	}
	claimed, err := jobs.Claim(ctx, 3, 15*time.Second)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	kept, finished, lost := claimed[0], claimed[1], claimed[2]
	if err := jobs.Complete(ctx, finished.ID, finished.Attempts); err != nil {
		t.Fatal(err)
	}

	// Ten seconds on, a heartbeat moves the live claims' leases.
	clk.Advance(10 * time.Second)
	held, err := jobs.Extend(ctx, claimsOf(kept, finished, lost), 15*time.Second)
	if err != nil || len(held) != 2 {
		t.Fatalf("first heartbeat: %v, %v", held, err)
	}
	// Twenty seconds after the claim (past the first lease) nothing is due:
	// the heartbeat kept both.
	clk.Advance(10 * time.Second)
	if again, err := jobs.Claim(ctx, 3, 15*time.Second); err != nil || len(again) != 0 {
		t.Fatalf("claimed jobs whose leases were extended: %v, %v", again, err)
	}

	// Only kept's worker beats again; lost's lease lapses and another
	// worker claims it.
	if _, err := jobs.Extend(ctx, claimsOf(kept), 15*time.Second); err != nil {
		t.Fatal(err)
	}
	clk.Advance(6 * time.Second)
	taken, err := jobs.Claim(ctx, 3, 15*time.Second)
	if err != nil || len(taken) != 1 || taken[0].ID != lost.ID {
		t.Fatalf("after lost's lease lapsed: %v, %v", taken, err)
	}
	held, err = jobs.Extend(ctx, claimsOf(kept, lost), 15*time.Second)
	if err != nil || len(held) != 1 || held[0].ID != kept.ID {
		t.Fatalf("the old claim of a job claimed again was extended: %v, %v", held, err)
	}
	if _, err := jobs.Extend(ctx, nil, 0); err == nil {
		t.Fatal("a zero lease was accepted")
	}
}

func claimsOf(js ...storage.Job) []storage.JobClaim {
	out := make([]storage.JobClaim, len(js))
	for i, j := range js {
		out[i] = storage.JobClaim{ID: j.ID, Attempt: j.Attempts}
	}
	return out
}
