package adminapi

import (
	"testing"
	"time"
)

func TestBucketWaitFor(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name                 string
		max, available, rate float64
		cost                 float64
		elapsed              time.Duration
		want                 time.Duration
	}{
		{"enough now", 1000, 600, 50, 500, 0, 0},
		{"exactly enough", 1000, 500, 50, 500, 0, 0},
		{"short by 400 at 50/s", 1000, 100, 50, 500, 0, 8 * time.Second},
		{"Shopify's documented example", 1000, 666, 50, 752, 0, 1720 * time.Millisecond},
		{"restored meanwhile", 1000, 100, 50, 500, 3 * time.Second, 5 * time.Second},
		{"restore capped at max", 100, 0, 50, 100, time.Hour, 0},
		{"in debt", 2000, -300, 100, 200, 0, 5 * time.Second},
		{"no restore rate", 100, 0, 0, 50, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &Bucket{}
			b.Set(tt.max, tt.available, tt.rate, t0)
			if got := b.WaitFor(tt.cost, t0.Add(tt.elapsed)); got != tt.want {
				t.Errorf("WaitFor(%v) = %v, want %v", tt.cost, got, tt.want)
			}
		})
	}
}

func TestBucketTakePutReserve(t *testing.T) {
	t0 := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	b := NewBucket(100, 50, t0)
	if !b.Take(80, t0) {
		t.Fatal("a full bucket of 100 refused 80")
	}
	if b.Take(30, t0) {
		t.Fatal("20 points afforded 30")
	}
	if got := b.Available(t0); got != 20 {
		t.Fatalf("available after a refused take = %v, want 20 (a refusal charges nothing)", got)
	}
	b.Put(50, t0) // refund of requested − actual
	if got := b.Available(t0); got != 70 {
		t.Fatalf("available after refund = %v, want 70", got)
	}
	b.Put(500, t0)
	if got := b.Available(t0); got != 100 {
		t.Fatalf("refund overfilled the bucket: %v", got)
	}
	// Two reservations back to back queue: the second waits for the first.
	if w := b.Reserve(100, t0); w != 0 {
		t.Fatalf("first reserve waited %v", w)
	}
	if w := b.Reserve(100, t0); w != 2*time.Second {
		t.Fatalf("second reserve waits %v, want 2s", w)
	}
	if !b.Take(50, t0.Add(5*time.Second)) {
		t.Fatal("after 5 s at 50/s the debt of 100 should have become 150 available")
	}
}
