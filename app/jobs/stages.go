package jobs

import (
	"context"
	"slices"
	"sync"
	"time"

	"hubchat/storage"
)

// Stages keeps how long the steps of one kind of job took lately, for an
// operator reading where a slow job's time goes (the app publishes them
// on its debug address). The runner marks a job's steps of its own (the
// wait from its enqueueing to its claim, its completion); the handler's
// parts mark theirs with Mark. It is safe for concurrent use.
type Stages struct {
	mu     sync.Mutex
	recent map[string][]time.Duration // by step, the newest stagesKept
	next   map[string]int             // by step, where the next one goes once full
}

// stagesKept is how many recent durations each step keeps.
const stagesKept = 2000

// NewStages returns empty Stages.
func NewStages() *Stages {
	return &Stages{recent: map[string][]time.Duration{}, next: map[string]int{}}
}

// Observe records that step took d.
func (s *Stages) Observe(step string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.recent[step]
	if len(kept) < stagesKept {
		s.recent[step] = append(kept, d)
		return
	}
	kept[s.next[step]] = d
	s.next[step] = (s.next[step] + 1) % stagesKept
}

// StepSummary is the spread of one step's recent durations, in milliseconds.
type StepSummary struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

// Summary is every step's spread, by step.
func (s *Stages) Summary() map[string]StepSummary {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]StepSummary, len(s.recent))
	for step, kept := range s.recent {
		sorted := slices.Clone(kept)
		slices.Sort(sorted)
		at := func(q float64) float64 {
			return float64(sorted[int(q*float64(len(sorted)-1))]) / float64(time.Millisecond)
		}
		out[step] = StepSummary{N: len(sorted), P50: at(0.5), P99: at(0.99), Max: at(1)}
	}
	return out
}

// timeline is one job's run as its steps end: each Mark observes the time
// since the previous one.
type timeline struct {
	stages *Stages
	now    func() time.Time
	mu     sync.Mutex
	last   time.Time
}

type timelineKey struct{}

// Mark ends a step of the job ctx runs, naming it: the time since the
// job's previous mark (or its enqueueing, for the first) is observed as
// step. It does nothing when the job's kind keeps no Stages, or outside a
// job.
func Mark(ctx context.Context, step string) {
	if t, ok := ctx.Value(timelineKey{}).(*timeline); ok {
		t.mark(step)
	}
}

func (t *timeline) mark(step string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.stages.Observe(step, now.Sub(t.last))
	t.last = now
}

// The steps the runner marks itself.
const (
	StepClaimed   = "1 enqueued → claimed (commit, wake-up, claim)"
	StepCompleted = "9 handler returned → completion recorded"
	StepTotal     = "total: enqueued → completion recorded"
)

// traced returns ctx with job's timeline when its kind keeps Stages, its
// first step (the wait for its claim) ended now, and a func the runner calls
// once the job's outcome is recorded.
func (r *Runner) traced(ctx context.Context, job storage.Job) (context.Context, func()) {
	stages := r.cfg.Stages[job.Kind]
	if stages == nil {
		return ctx, func() {}
	}
	t := &timeline{stages: stages, now: r.cfg.Now, last: job.CreatedAt}
	t.mark(StepClaimed)
	return context.WithValue(ctx, timelineKey{}, t), func() {
		t.mark(StepCompleted)
		stages.Observe(StepTotal, r.cfg.Now().Sub(job.CreatedAt))
	}
}
