package chat

import (
	"slices"
	"testing"
	"time"
)

func TestSeenUpTo(t *testing.T) {
	earlier := t0.Add(-time.Hour)
	thread := []MessageRef{
		{ID: 10, Author: AuthorShopper},
		{ID: 11, Author: AuthorSystem},
		{ID: 12, Author: AuthorAgent, SeenAt: earlier},
		{ID: 13, Author: AuthorAgent},
		{ID: 14, Author: AuthorShopper},
		{ID: 15, Author: AuthorAI},
		{ID: 16, Author: AuthorAgent},
	}
	tests := []struct {
		name     string
		messages []MessageRef
		upTo     int64
		want     []int64
	}{
		{"all up to the last", thread, 16, []int64{11, 13, 15, 16}},
		{"stops at upToID", thread, 15, []int64{11, 13, 15}},
		{"upToID between ids", thread, 14, []int64{11, 13}},
		{"shopper's own message only", thread, 10, nil},
		{"nothing before the first", thread, 0, nil},
		{"already seen keeps its time", []MessageRef{{ID: 12, Author: AuthorAgent, SeenAt: earlier}}, 99, nil},
		{"unordered input, sorted ids", []MessageRef{{ID: 16, Author: AuthorAgent}, {ID: 13, Author: AuthorAI}}, 20, []int64{13, 16}},
		{"listed twice, marked once", []MessageRef{{ID: 13, Author: AuthorAgent}, {ID: 13, Author: AuthorAgent}}, 20, []int64{13}},
		{"no messages", nil, 20, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := SeenUpTo(tt.messages, tt.upTo, t0)
			if !slices.Equal(r.MessageIDs, tt.want) {
				t.Errorf("MessageIDs = %v, want %v", r.MessageIDs, tt.want)
			}
			if !r.SeenAt.Equal(t0) {
				t.Errorf("SeenAt = %v, want %v", r.SeenAt, t0)
			}
		})
	}
}
