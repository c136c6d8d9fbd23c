package chat

import (
	"reflect"
	"testing"
	"time"

	"hubchat/app/apperr"
)

func TestScheduleEditing(t *testing.T) {
	var base Schedule
	base[time.Monday] = []Range{rng(t, "09:00", "12:00"), rng(t, "13:00", "17:00")}
	base[time.Friday] = []Range{rng(t, "10:00", "14:00")}

	// Other schedules the duplicate cases start from.
	var evening, late, full, unfinished Schedule
	evening[time.Saturday] = []Range{rng(t, "17:00", "22:00")}
	late[time.Sunday] = []Range{rng(t, "00:00", "01:00"), rng(t, "20:00", "24:00")}
	full[time.Sunday] = []Range{rng(t, "00:00", "24:00")}
	unfinished[time.Sunday] = []Range{{Start: 9 * 60, End: -1}}

	week := func(rs ...Range) Schedule {
		var s Schedule
		for d := range s {
			s[d] = rs
		}
		return s
	}
	tests := []struct {
		name string
		edit func(Schedule) (Schedule, error)
		want Schedule
		code apperr.Code
	}{
		{"duplicate fills the free time up to the next range", func(s Schedule) (Schedule, error) { return s.DuplicateRange(time.Monday, 0) },
			func() Schedule {
				s := base.clone()
				s[time.Monday] = []Range{rng(t, "09:00", "12:00"), rng(t, "12:00", "13:00"), rng(t, "13:00", "17:00")}
				return s
			}(), ""},
		{"duplicate the last range: as long, after it", func(s Schedule) (Schedule, error) { return s.DuplicateRange(time.Monday, 1) },
			func() Schedule {
				s := base.clone()
				s[time.Monday] = []Range{rng(t, "09:00", "12:00"), rng(t, "13:00", "17:00"), rng(t, "17:00", "21:00")}
				return s
			}(), ""},
		{"duplicate the only range", func(s Schedule) (Schedule, error) { return s.DuplicateRange(time.Friday, 0) },
			func() Schedule {
				s := base.clone()
				s[time.Friday] = []Range{rng(t, "10:00", "14:00"), rng(t, "14:00", "18:00")}
				return s
			}(), ""},
		{"duplicate up to midnight", func(s Schedule) (Schedule, error) { return evening.DuplicateRange(time.Saturday, 0) },
			func() Schedule {
				s := evening.clone()
				s[time.Saturday] = []Range{rng(t, "17:00", "22:00"), rng(t, "22:00", "24:00")}
				return s
			}(), ""},
		{"duplicate the day's end: the first free time of the morning", func(s Schedule) (Schedule, error) { return late.DuplicateRange(time.Sunday, 1) },
			func() Schedule {
				s := late.clone()
				s[time.Sunday] = []Range{rng(t, "00:00", "01:00"), rng(t, "20:00", "24:00"), rng(t, "01:00", "05:00")}
				return s
			}(), ""},
		{"duplicate on a full day", func(s Schedule) (Schedule, error) { return full.DuplicateRange(time.Sunday, 0) }, full, apperr.Invalid},
		{"duplicate a range not entered", func(s Schedule) (Schedule, error) { return unfinished.DuplicateRange(time.Sunday, 0) }, unfinished, apperr.Invalid},
		{"duplicate past the end", func(s Schedule) (Schedule, error) { return s.DuplicateRange(time.Monday, 2) }, base, apperr.Invalid},
		{"duplicate on an empty day", func(s Schedule) (Schedule, error) { return s.DuplicateRange(time.Tuesday, 0) }, base, apperr.Invalid},
		{"duplicate on no such day", func(s Schedule) (Schedule, error) { return s.DuplicateRange(7, 0) }, base, apperr.Invalid},
		{"delete the first range", func(s Schedule) (Schedule, error) { return s.DeleteRange(time.Monday, 0) },
			func() Schedule { s := base.clone(); s[time.Monday] = []Range{rng(t, "13:00", "17:00")}; return s }(), ""},
		{"delete the only range", func(s Schedule) (Schedule, error) { return s.DeleteRange(time.Friday, 0) },
			func() Schedule { s := base.clone(); s[time.Friday] = []Range{}; return s }(), ""},
		{"delete a negative index", func(s Schedule) (Schedule, error) { return s.DeleteRange(time.Monday, -1) }, base, apperr.Invalid},
		{"copy monday to all days", func(s Schedule) (Schedule, error) { return s.CopyToAllDays(time.Monday) },
			week(rng(t, "09:00", "12:00"), rng(t, "13:00", "17:00")), ""},
		{"copy an empty day clears the week", func(s Schedule) (Schedule, error) { return s.CopyToAllDays(time.Sunday) }, Schedule{}, ""},
		{"copy from no such day", func(s Schedule) (Schedule, error) { return s.CopyToAllDays(-1) }, base, apperr.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := base.clone()
			got, err := tt.edit(base)
			wantCode(t, err, tt.code)
			if !sameSchedule(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(base, before) {
				t.Errorf("the original changed: %v, was %v", base, before)
			}
		})
	}
}

// TestCopyToAllDaysIndependent checks the days do not share a backing array:
// editing one afterwards must not edit the others.
func TestCopyToAllDaysIndependent(t *testing.T) {
	var s Schedule
	s[time.Monday] = []Range{rng(t, "09:00", "17:00")}
	all, err := s.CopyToAllDays(time.Monday)
	if err != nil {
		t.Fatal(err)
	}
	all[time.Tuesday][0].End = hm(t, "18:00")
	if all[time.Wednesday][0].End != hm(t, "17:00") || s[time.Monday][0].End != hm(t, "17:00") {
		t.Errorf("days share storage: %v / %v", all, s)
	}
}

// sameSchedule compares schedules treating nil and empty days alike.
func sameSchedule(a, b Schedule) bool {
	for d := range a {
		if len(a[d]) != len(b[d]) || (len(a[d]) > 0 && !reflect.DeepEqual(a[d], b[d])) {
			return false
		}
	}
	return true
}
