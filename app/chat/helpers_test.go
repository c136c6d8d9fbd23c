package chat

import (
	"testing"
	"time"
	_ "time/tzdata" // the transition tests must not depend on the host's zone files

	"hubchat/app/apperr"
)

// mustLoad returns the named time zone.
func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// hm is a time of day as minutes, for building ranges readably.
func hm(t *testing.T, s string) int {
	t.Helper()
	m, ok := ParseClock(s)
	if !ok {
		t.Fatalf("bad clock %q in test", s)
	}
	return m
}

// rng builds a Range from two "HH:MM" times.
func rng(t *testing.T, start, end string) Range {
	t.Helper()
	return Range{Start: hm(t, start), End: hm(t, end)}
}

// wantCode fails unless err carries code (or is nil when code is "").
func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if got := apperr.CodeOf(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}
