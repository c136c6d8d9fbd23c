package chat

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
)

func TestScheduleOpen(t *testing.T) {
	// 22:00–02:00 from Sunday into Monday, written as two ranges, plus a
	// weekday day split by lunch.
	var s Schedule
	s[time.Sunday] = []Range{rng(t, "22:00", "24:00")}
	s[time.Monday] = []Range{rng(t, "00:00", "02:00"), rng(t, "09:00", "12:00"), rng(t, "13:00", "17:00")}
	s[time.Saturday] = []Range{rng(t, "10:00", "14:00")}

	berlin := mustLoad(t, "Europe/Berlin")
	at := func(loc *time.Location, y int, mo time.Month, d, h, mi, sec int) time.Time {
		return time.Date(y, mo, d, h, mi, sec, 0, loc)
	}
	// 31 May 2026 is a Sunday, 1 June a Monday, 30 May a Saturday.
	tests := []struct {
		name string
		t    time.Time
		loc  *time.Location
		want bool
	}{
		{"sunday before the late range", at(time.UTC, 2026, 5, 31, 21, 59, 59), time.UTC, false},
		{"sunday range starts", at(time.UTC, 2026, 5, 31, 22, 0, 0), time.UTC, true},
		{"sunday last second", at(time.UTC, 2026, 5, 31, 23, 59, 59), time.UTC, true},
		{"monday midnight continues it", at(time.UTC, 2026, 6, 1, 0, 0, 0), time.UTC, true},
		{"monday 01:59:59", at(time.UTC, 2026, 6, 1, 1, 59, 59), time.UTC, true},
		{"monday 02:00 end is exclusive", at(time.UTC, 2026, 6, 1, 2, 0, 0), time.UTC, false},
		{"monday morning opens", at(time.UTC, 2026, 6, 1, 9, 0, 0), time.UTC, true},
		{"monday lunch closed", at(time.UTC, 2026, 6, 1, 12, 30, 0), time.UTC, false},
		{"monday 16:59:59", at(time.UTC, 2026, 6, 1, 16, 59, 59), time.UTC, true},
		{"monday 17:00", at(time.UTC, 2026, 6, 1, 17, 0, 0), time.UTC, false},
		{"tuesday has no hours", at(time.UTC, 2026, 6, 2, 10, 0, 0), time.UTC, false},
		{"saturday late: no spill into sunday", at(time.UTC, 2026, 5, 30, 23, 0, 0), time.UTC, false},
		{"nil location is UTC", at(time.UTC, 2026, 6, 1, 10, 0, 0), nil, true},
		// 23:30 UTC on Monday is 01:30 on Tuesday in Berlin (CEST): closed.
		{"judged on the shop's wall clock", at(time.UTC, 2026, 6, 1, 23, 30, 0), berlin, false},
		// 22:30 UTC on Sunday is 00:30 on Monday in Berlin: open.
		{"weekday of the shop, not of UTC", at(time.UTC, 2026, 5, 31, 22, 30, 0), berlin, true},
		// 07:30 UTC on Monday is 09:30 in Berlin: open; 16:30 UTC is 18:30: closed.
		{"berlin morning", at(time.UTC, 2026, 6, 1, 7, 30, 0), berlin, true},
		{"berlin evening", at(time.UTC, 2026, 6, 1, 16, 30, 0), berlin, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := s.Open(tt.t, tt.loc); got != tt.want {
				t.Errorf("Open(%s) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

// openMinutes counts the minutes of the local day y-mo-d in loc (measured in
// real, elapsed minutes) during which s is open, and lists the first few
// open instants in UTC.
func openMinutes(s Schedule, loc *time.Location, y int, mo time.Month, d int) (n int, starts []string) {
	from := time.Date(y, mo, d, 0, 0, 0, 0, loc)
	to := time.Date(y, mo, d+1, 0, 0, 0, 0, loc)
	prev := false
	for t := from; t.Before(to); t = t.Add(time.Minute) {
		open := s.Open(t, loc)
		if open {
			n++
			if !prev {
				starts = append(starts, t.UTC().Format("15:04"))
			}
		}
		prev = open
	}
	return n, starts
}

func TestScheduleOpenDST(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	berlin := mustLoad(t, "Europe/Berlin")
	sunday := func(rs ...Range) Schedule { var s Schedule; s[time.Sunday] = rs; return s }

	tests := []struct {
		name   string
		s      Schedule
		loc    *time.Location
		mo     time.Month
		d      int
		want   int      // real minutes open that day
		starts []string // UTC times at which an open stretch begins
	}{
		// US: 8 March 2026, 02:00 EST jumps to 03:00 EDT.
		{"NY spring: skipped half hour never opens", sunday(rng(t, "02:00", "02:30")), ny, time.March, 8, 0, nil},
		{"NY spring: 01:00-03:00 lasts an hour", sunday(rng(t, "01:00", "03:00")), ny, time.March, 8, 60, []string{"06:00"}},
		{"NY spring: 01:30-03:30 skips the gap", sunday(rng(t, "01:30", "03:30")), ny, time.March, 8, 60, []string{"06:30"}},
		// US: 1 November 2026, 02:00 EDT falls back to 01:00 EST.
		{"NY fall: 01:30-02:30 covers both 01:30s", sunday(rng(t, "01:30", "02:30")), ny, time.November, 1, 90, []string{"05:30", "06:30"}},
		{"NY fall: 09:00-17:00 unaffected", sunday(rng(t, "09:00", "17:00")), ny, time.November, 1, 480, []string{"14:00"}},
		// EU: 29 March 2026, 02:00 CET jumps to 03:00 CEST.
		{"Berlin spring: skipped half hour never opens", sunday(rng(t, "02:00", "02:30")), berlin, time.March, 29, 0, nil},
		{"Berlin spring: 00:00-24:00 lasts 23 hours", sunday(rng(t, "00:00", "24:00")), berlin, time.March, 29, 23 * 60, []string{"23:00"}},
		// EU: 25 October 2026, 03:00 CEST falls back to 02:00 CET.
		{"Berlin fall: 02:15-02:45 happens twice", sunday(rng(t, "02:15", "02:45")), berlin, time.October, 25, 60, []string{"00:15", "01:15"}},
		{"Berlin fall: 00:00-24:00 lasts 25 hours", sunday(rng(t, "00:00", "24:00")), berlin, time.October, 25, 25 * 60, []string{"22:00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, starts := openMinutes(tt.s, tt.loc, 2026, tt.mo, tt.d)
			if n != tt.want || strings.Join(starts, ",") != strings.Join(tt.starts, ",") {
				t.Errorf("open %d minutes starting %v, want %d starting %v", n, starts, tt.want, tt.starts)
			}
		})
	}
}

func TestScheduleEmpty(t *testing.T) {
	var s Schedule
	if !s.Empty() {
		t.Error("zero schedule is not empty")
	}
	s[time.Wednesday] = []Range{}
	if !s.Empty() {
		t.Error("days with empty lists should still be empty")
	}
	s[time.Saturday] = []Range{rng(t, "10:00", "11:00")}
	if s.Empty() {
		t.Error("a schedule with a Saturday range is empty")
	}
}

func TestScheduleValidate(t *testing.T) {
	day := func(d time.Weekday, rs ...Range) Schedule { var s Schedule; s[d] = rs; return s }
	tests := []struct {
		name string
		s    Schedule
		want string // "" valid; else a part of the message
	}{
		{"empty", Schedule{}, ""},
		{"whole day", day(time.Monday, rng(t, "00:00", "24:00")), ""},
		{"touching ranges", day(time.Monday, rng(t, "09:00", "12:00"), rng(t, "12:00", "17:00")), ""},
		{"unsorted, apart", day(time.Friday, rng(t, "13:00", "17:00"), rng(t, "09:00", "12:00")), ""},
		{"midnight as two ranges", func() Schedule {
			s := day(time.Sunday, rng(t, "22:00", "24:00"))
			s[time.Monday] = []Range{rng(t, "00:00", "02:00")}
			return s
		}(), ""},
		{"inverted names day and range", day(time.Tuesday, rng(t, "09:00", "17:00"), rng(t, "22:00", "02:00")),
			"Tuesday, range 2: 22:00–02:00 ends before it starts. For hours past midnight, end at 00:00 and add a range from 00:00 on Wednesday."},
		{"saturday spill hint names sunday", day(time.Saturday, rng(t, "23:00", "01:00")), "from 00:00 on Sunday"},
		{"zero length", day(time.Monday, rng(t, "09:00", "09:00")), "Monday, range 1: 09:00–09:00 ends before it starts"},
		{"start at 24:00", day(time.Monday, Range{Start: 1440, End: 1440}), "Monday, range 1: the start must be a time from 00:00 to 23:59."},
		{"negative start", day(time.Monday, Range{Start: -5, End: 60}), "Monday, range 1: the start"},
		{"end past 24:00", day(time.Thursday, Range{Start: 60, End: 1441}), "Thursday, range 1: the end must be a time from 00:01 to 00:00 (midnight, the end of the day)."},
		{"overlap", day(time.Wednesday, rng(t, "09:00", "17:00"), rng(t, "16:00", "18:00")),
			"Wednesday, range 2 (16:00–18:00) overlaps range 1 (09:00–17:00)."},
		{"contained", day(time.Wednesday, rng(t, "09:00", "17:00"), rng(t, "08:00", "10:00"), rng(t, "10:00", "11:00")),
			"Wednesday, range 2 (08:00–10:00) overlaps range 1"},
		{"duplicate", day(time.Sunday, rng(t, "09:00", "17:00"), rng(t, "09:00", "17:00")), "Sunday, range 2 (09:00–17:00) overlaps range 1"},
		{"first bad day in editor order (Monday before Sunday)", func() Schedule {
			s := day(time.Sunday, rng(t, "10:00", "09:00"))
			s[time.Monday] = []Range{rng(t, "10:00", "09:00")}
			return s
		}(), "Monday, range 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.want == "" {
				wantCode(t, err, "")
				return
			}
			wantCode(t, err, apperr.Invalid)
			if msg := apperr.MessageOf(err); !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not contain %q", msg, tt.want)
			}
		})
	}
}
