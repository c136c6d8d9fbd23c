package apperr

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"
)

func TestCodeOfSeesThroughWrapping(t *testing.T) {
	inner := New(NotFound, "no conversation %d", 7)
	wrapped := fmt.Errorf("load ticket: %w", inner)
	tests := []struct {
		name string
		err  error
		want Code
	}{
		{"nil", nil, ""},
		{"coded", inner, NotFound},
		{"wrapped coded", wrapped, NotFound},
		{"plain error is internal", errors.New("boom"), Internal},
		{"wrap keeps code", Wrap(Conflict, sql.ErrNoRows, "taken"), Conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CodeOf(tt.err); got != tt.want {
				t.Fatalf("CodeOf = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMessageOfHidesInternalDetails(t *testing.T) {
	if got := MessageOf(New(Invalid, "Email is not valid")); got != "Email is not valid" {
		t.Fatalf("invalid message = %q", got)
	}
	secret := Wrap(Internal, errors.New("password=hunter2"), "db down")
	if got := MessageOf(secret); got == "db down" || got == secret.Error() {
		t.Fatalf("internal message leaked: %q", got)
	}
	if got := MessageOf(errors.New("pq: relation x")); got != MessageOf(secret) {
		t.Fatalf("plain error message = %q, want the generic one", got)
	}
}

func TestWrapUnwraps(t *testing.T) {
	err := Wrap(NotFound, sql.ErrNoRows, "no shop")
	if !errors.Is(err, sql.ErrNoRows) {
		t.Fatal("errors.Is does not see the cause")
	}
	if !Is(fmt.Errorf("x: %w", err), NotFound) {
		t.Fatal("Is does not see the code through wrapping")
	}
}
