package chat

import (
	"testing"
	"time"

	"hubchat/app/apperr"
)

var t0 = time.Date(2026, 11, 21, 13, 5, 0, 0, time.UTC)

func TestShouldAutoClose(t *testing.T) {
	tests := []struct {
		name    string
		status  Status
		elapsed time.Duration
		want    bool
	}{
		{"fresh", StatusOpen, 0, false},
		{"one second short", StatusOpen, 47*time.Hour + 59*time.Minute + 59*time.Second, false},
		{"one nanosecond short", StatusOpen, InactivityLimit - 1, false},
		{"exactly 48h", StatusOpen, 48 * time.Hour, true},
		{"long past", StatusOpen, 30 * 24 * time.Hour, true},
		{"snoozed, 48h", StatusSnoozed, 48 * time.Hour, true},
		{"snoozed, short", StatusSnoozed, 47 * time.Hour, false},
		{"closed stays closed", StatusClosed, 100 * time.Hour, false},
		{"clock behind the message", StatusOpen, -time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShouldAutoClose(tt.status, t0, t0.Add(tt.elapsed)); got != tt.want {
				t.Errorf("ShouldAutoClose(%s, +%v) = %v, want %v", tt.status, tt.elapsed, got, tt.want)
			}
		})
	}
	// The sweep's cutoff agrees with the rule at the boundary.
	now := t0.Add(72 * time.Hour)
	cut := AutoCloseCutoff(now)
	if !ShouldAutoClose(StatusOpen, cut, now) || ShouldAutoClose(StatusOpen, cut.Add(time.Nanosecond), now) {
		t.Errorf("AutoCloseCutoff(%v) = %v disagrees with ShouldAutoClose", now, cut)
	}
}

func TestStatusRules(t *testing.T) {
	tests := []struct {
		status                             Status
		active, canPost, visible, canClose bool
		nextAfterShopper                   Status
		startsNew                          bool
	}{
		{StatusOpen, true, true, true, true, StatusOpen, false},
		// A shopper's message to a snoozed conversation joins it and wakes it.
		{StatusSnoozed, true, true, true, true, StatusOpen, false},
		// A closed one never takes a message: the shopper's starts a new one.
		{StatusClosed, false, false, false, false, StatusOpen, true},
		// No conversation yet.
		{"", false, false, false, false, StatusOpen, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.status), func(t *testing.T) {
			if got := tt.status.Active(); got != tt.active {
				t.Errorf("Active = %v", got)
			}
			if got := CanPost(tt.status); got != tt.canPost {
				t.Errorf("CanPost = %v", got)
			}
			if got := VisibleToShopper(tt.status); got != tt.visible {
				t.Errorf("VisibleToShopper = %v", got)
			}
			if got := CanClose(tt.status); got != tt.canClose {
				t.Errorf("CanClose = %v", got)
			}
			next, startsNew := OnShopperMessage(tt.status)
			if next != tt.nextAfterShopper || startsNew != tt.startsNew {
				t.Errorf("OnShopperMessage = %q, %v; want %q, %v", next, startsNew, tt.nextAfterShopper, tt.startsNew)
			}
		})
	}
}

func TestCanReopen(t *testing.T) {
	tests := []struct {
		channel Channel
		status  Status
		want    bool
	}{
		{ChannelWebChat, StatusClosed, false},
		{ChannelSMS, StatusClosed, true},
		{ChannelWebChat, StatusOpen, false},
		{ChannelWebChat, StatusSnoozed, false},
		{ChannelSMS, StatusOpen, false},
	}
	for _, tt := range tests {
		if got := CanReopen(tt.channel, tt.status); got != tt.want {
			t.Errorf("CanReopen(%s, %s) = %v, want %v", tt.channel, tt.status, got, tt.want)
		}
	}
}

func TestWakeSnoozed(t *testing.T) {
	until := t0.Add(24 * time.Hour)
	tests := []struct {
		name   string
		status Status
		until  time.Time
		now    time.Time
		want   Status
	}{
		{"before the time", StatusSnoozed, until, until.Add(-time.Second), StatusSnoozed},
		{"at the time", StatusSnoozed, until, until, StatusOpen},
		{"after the time", StatusSnoozed, until, until.Add(time.Hour), StatusOpen},
		{"no wake time wakes at once", StatusSnoozed, time.Time{}, t0, StatusOpen},
		{"open unchanged", StatusOpen, until, until.Add(time.Hour), StatusOpen},
		{"closed unchanged", StatusClosed, until, until.Add(time.Hour), StatusClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WakeSnoozed(tt.status, tt.until, tt.now); got != tt.want {
				t.Errorf("WakeSnoozed = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckSnooze(t *testing.T) {
	tests := []struct {
		name   string
		status Status
		until  time.Time
		code   apperr.Code
	}{
		{"open, in an hour", StatusOpen, t0.Add(time.Hour), ""},
		{"snoozed again", StatusSnoozed, t0.Add(time.Hour), ""},
		{"now is not the future", StatusOpen, t0, apperr.Invalid},
		{"in the past", StatusOpen, t0.Add(-time.Minute), apperr.Invalid},
		{"closed", StatusClosed, t0.Add(time.Hour), apperr.Conflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, CheckSnooze(tt.status, tt.until, t0), tt.code)
		})
	}
}
