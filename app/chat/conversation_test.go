package chat

import (
	"testing"
	"time"

	"hubchat/app/apperr"
)

var t0 = time.Date(2026, 11, 21, 13, 5, 0, 0, time.UTC)

// The close rules of SPEC §1.7, each at the 48-hour boundary: t0 is the
// last message, and the clock is read at t0 + elapsed.
func TestShouldAutoClose(t *testing.T) {
	justShort := 47*time.Hour + 59*time.Minute + 59*time.Second
	week := 7 * 24 * time.Hour
	teamHadLastWord := Activity{Status: StatusOpen, LastMessageAt: t0}
	waitingOnTeam := Activity{Status: StatusOpen, LastMessageAt: t0, AwaitingTeam: true}
	withAI := Activity{Status: StatusOpen, LastMessageAt: t0, WithAI: true}
	withAIShopperLast := Activity{Status: StatusOpen, LastMessageAt: t0, WithAI: true, AwaitingTeam: true}
	snoozed := Activity{Status: StatusSnoozed, LastMessageAt: t0}
	wokeAfterAWeek := Activity{Status: StatusOpen, LastMessageAt: t0, WokeAt: t0.Add(week)}
	wokeWaiting := Activity{Status: StatusOpen, LastMessageAt: t0, WokeAt: t0.Add(week), AwaitingTeam: true}
	wokeBeforeLastMessage := Activity{Status: StatusOpen, LastMessageAt: t0, WokeAt: t0.Add(-time.Hour)}
	closed := Activity{Status: StatusClosed, LastMessageAt: t0}
	tests := []struct {
		name    string
		a       Activity
		elapsed time.Duration
		want    bool
	}{
		{"team had the last word, fresh", teamHadLastWord, 0, false},
		{"team had the last word, 47:59:59", teamHadLastWord, justShort, false},
		{"team had the last word, one nanosecond short", teamHadLastWord, InactivityLimit - 1, false},
		{"team had the last word, 48:00:00", teamHadLastWord, InactivityLimit, true},
		{"team had the last word, a month", teamHadLastWord, 30 * 24 * time.Hour, true},
		{"waiting on the team, 48:00:00", waitingOnTeam, InactivityLimit, false},
		{"waiting on the team, a month", waitingOnTeam, 30 * 24 * time.Hour, false},
		{"AI conversation, 47:59:59", withAI, justShort, false},
		{"AI conversation, 48:00:00", withAI, InactivityLimit, true},
		{"AI conversation, shopper spoke last, 47:59:59", withAIShopperLast, justShort, false},
		{"AI conversation, shopper spoke last, 48:00:00", withAIShopperLast, InactivityLimit, true},
		{"snoozed, 48:00:00", snoozed, InactivityLimit, false},
		{"snoozed for a month", snoozed, 30 * 24 * time.Hour, false},
		{"woken after a week, at the wake-up", wokeAfterAWeek, week, false},
		{"woken after a week, 47:59:59 after it", wokeAfterAWeek, week + justShort, false},
		{"woken after a week, 48:00:00 after it", wokeAfterAWeek, week + InactivityLimit, true},
		{"woken after a week, waiting on the team", wokeWaiting, week + 30*24*time.Hour, false},
		{"woken, then a message: the message starts the clock", wokeBeforeLastMessage, InactivityLimit, true},
		{"closed stays closed", closed, 100 * time.Hour, false},
		{"clock behind the message", teamHadLastWord, -time.Hour, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ShouldAutoClose(tt.a, t0.Add(tt.elapsed)); got != tt.want {
				t.Errorf("ShouldAutoClose(%+v, t0+%v) = %v, want %v", tt.a, tt.elapsed, got, tt.want)
			}
		})
	}
}

// The sweep's cutoff agrees with the rule at the boundary, for a clock
// started by a message and by a wake-up.
func TestAutoCloseCutoffAgreesWithTheRule(t *testing.T) {
	now := t0.Add(72 * time.Hour)
	cut := AutoCloseCutoff(now)
	for _, a := range []Activity{
		{Status: StatusOpen, LastMessageAt: cut},
		{Status: StatusOpen, LastMessageAt: t0, WokeAt: cut},
	} {
		later := a
		if a.WokeAt.IsZero() {
			later.LastMessageAt = cut.Add(time.Nanosecond)
		} else {
			later.WokeAt = cut.Add(time.Nanosecond)
		}
		if !ShouldAutoClose(a, now) || ShouldAutoClose(later, now) {
			t.Errorf("AutoCloseCutoff(%v) = %v disagrees with ShouldAutoClose for %+v", now, cut, a)
		}
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
