package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/jobs"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// flaky says what it says of itself, like an error of another package.
type flaky struct{ permanent bool }

func (f flaky) Error() string   { return fmt.Sprintf("flaky (permanent %v)", f.permanent) }
func (f flaky) Permanent() bool { return f.permanent }

// Which failures retrying may mend, and which it cannot.
func TestIsPermanentClassifiesFailures(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"marked permanent", jobs.Permanent(errors.New("refused")), true},
		{"marked permanent, wrapped", fmt.Errorf("job 7: %w", jobs.Permanent(errors.New("refused"))), true},
		{"malformed input", apperr.New(apperr.Invalid, "bad payload"), true},
		{"row gone", fmt.Errorf("sync: %w", apperr.New(apperr.NotFound, "profile 3")), true},
		{"shop access gone", apperr.New(apperr.Unauthorized, "open the app again"), true},
		{"forbidden", apperr.New(apperr.Forbidden, "no"), true},
		{"conflict", apperr.New(apperr.Conflict, "busy"), false},
		{"rate limited", apperr.New(apperr.TooMany, "slow down"), false},
		{"internal", apperr.Wrap(apperr.Internal, errors.New("db"), "retry"), false},
		{"plain error", errors.New("connection reset by peer"), false},
		{"deadline", fmt.Errorf("query: %w", context.DeadlineExceeded), false},
		{"an error that says it is permanent", fmt.Errorf("x: %w", flaky{true}), true},
		{"an error that says it is temporary", fmt.Errorf("x: %w", flaky{false}), false},
		{"Shopify: no such customer", fmt.Errorf("customer 9: %w", adminapi.ErrNotFound), true},
		{"Shopify: access denied", &adminapi.GraphQLError{Errors: []adminapi.ErrorDetail{{Message: "no", Code: "ACCESS_DENIED"}}}, true},
		{"Shopify: 404", &adminapi.HTTPError{StatusCode: 404}, true},
		{"Shopify: 503", fmt.Errorf("giving up: %w", &adminapi.HTTPError{StatusCode: 503}), false},
		{"Shopify: throttled", adminapi.ErrThrottled, false},
		{"Shopify: internal error", &adminapi.GraphQLError{Errors: []adminapi.ErrorDetail{{Message: "oops", Code: "INTERNAL_SERVER_ERROR"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jobs.IsPermanent(tt.err); got != tt.want {
				t.Errorf("IsPermanent(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// A permanent failure parks the job after its one attempt, with the reason;
// a temporary one is retried.
func TestRunnerParksPermanentFailuresAndRetriesTemporaryOnes(t *testing.T) {
	f := newFixture(t)
	gone := f.enqueue(t, storage.NewJob{Kind: "sync"})
	down := f.enqueue(t, storage.NewJob{Kind: "publish"})
	cfg := f.config(map[string]jobs.Handler{
		"sync": func(context.Context, storage.Job) error {
			return fmt.Errorf("customer 9: %w", adminapi.ErrNotFound)
		},
		"publish": func(_ context.Context, j storage.Job) error {
			if j.Attempts == 1 {
				return fmt.Errorf("publish: %w", &adminapi.HTTPError{StatusCode: 503, Body: "down"})
			}
			return nil
		},
	})
	cfg.Backoff = func(int) time.Duration { return time.Minute }
	start(t, cfg)

	if r := f.waitJob(t, gone, "parked", 1); r.LastError != "customer 9: adminapi: not found" {
		t.Fatalf("parked with %q", r.LastError)
	}
	f.waitJob(t, down, "queued", 1)
	f.clock.Advance(time.Minute)
	f.waitJob(t, down, "done", 2)
	if !strings.Contains(f.log.String(), "retrying cannot help") {
		t.Errorf("the park is not logged:\n%s", f.log)
	}
}

// A job cut short after MaxRun is retried, whatever error the handler made
// of it.
func TestRunnerRetriesAJobThatRanOutOfTime(t *testing.T) {
	f := newFixture(t)
	id := f.enqueue(t, storage.NewJob{Kind: "slow"})
	cfg := f.config(map[string]jobs.Handler{"slow": func(ctx context.Context, j storage.Job) error {
		if j.Attempts > 1 {
			return nil
		}
		<-ctx.Done()
		return jobs.Permanent(ctx.Err())
	}})
	cfg.MaxRun = 50 * time.Millisecond
	start(t, cfg)
	if r := f.waitJob(t, id, "done", 2); !strings.Contains(r.LastError, "ran out of time") {
		t.Fatalf("last error %q", r.LastError)
	}
}

type waitFor time.Duration

func (w waitFor) Error() string             { return "busy" }
func (w waitFor) RetryAfter() time.Duration { return time.Duration(w) }

// A failure that says when to come back is retried no sooner.
func TestRetryDelayHonoursRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		err     error
		backoff time.Duration
		want    time.Duration
	}{
		{waitFor(30 * time.Second), 5 * time.Second, 30 * time.Second},
		{fmt.Errorf("create ticket: %w", waitFor(30*time.Second)), 5 * time.Second, 30 * time.Second},
		{waitFor(time.Second), 5 * time.Second, 5 * time.Second},
		{errors.New("network"), 5 * time.Second, 5 * time.Second},
	} {
		if got := jobs.RetryDelay(tc.err, tc.backoff); got != tc.want {
			t.Errorf("%v after a backoff of %v: %v, want %v", tc.err, tc.backoff, got, tc.want)
		}
	}
}
