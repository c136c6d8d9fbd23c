package chat

import (
	"testing"
	"time"
)

func TestAutoReply(t *testing.T) {
	const during, outside = "One moment, a member of our team will be with you shortly.", "Our live chat is closed right now."
	ny := mustLoad(t, "America/New_York")
	var weekdays Schedule
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		weekdays[d] = []Range{rng(t, "09:00", "17:00")}
	}
	// Monday 1 June 2026: 14:00 UTC is 10:00 in New York, 22:00 UTC is 18:00.
	inHours := time.Date(2026, 6, 1, 14, 0, 0, 0, time.UTC)
	afterHours := time.Date(2026, 6, 1, 22, 0, 0, 0, time.UTC)
	utcOnly := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC) // 06:00 in New York

	tests := []struct {
		name            string
		s               Schedule
		loc             *time.Location
		now             time.Time
		during, outside string
		want            string
		ok              bool
	}{
		{"during hours", weekdays, ny, inHours, during, outside, during, true},
		{"outside hours", weekdays, ny, afterHours, during, outside, outside, true},
		{"weekend is outside", weekdays, ny, time.Date(2026, 6, 6, 15, 0, 0, 0, time.UTC), during, outside, outside, true},
		{"shop zone decides, not UTC", weekdays, ny, utcOnly, during, outside, outside, true},
		{"same instant in UTC shop is open", weekdays, time.UTC, utcOnly, during, outside, during, true},
		{"empty schedule: no reply when it would be open", Schedule{}, ny, inHours, during, outside, "", false},
		{"empty schedule: no reply when it would be closed", Schedule{}, ny, afterHours, during, outside, "", false},
		{"days present but no ranges: no reply", func() Schedule { var s Schedule; s[1] = []Range{}; return s }(), ny, afterHours, during, outside, "", false},
		{"blank during message: none", weekdays, ny, inHours, "  \n", outside, "", false},
		{"blank outside message: none", weekdays, ny, afterHours, during, "", "", false},
		{"blank other message does not matter", weekdays, ny, inHours, during, "", during, true},
		{"trimmed", weekdays, ny, inHours, "  Hi!\n", outside, "Hi!", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := AutoReply(tt.s, tt.loc, tt.now, tt.during, tt.outside)
			if got != tt.want || ok != tt.ok {
				t.Errorf("AutoReply = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
