package chat

import (
	"fmt"
	"slices"
	"time"

	"hubchat/app/apperr"
)

// minutesPerDay is 24:00, the largest End a Range can have.
const minutesPerDay = 24 * 60

// Range is one span of office hours within one day, in minutes after that
// day's midnight on the shop's wall clock: open from Start (inclusive) to End
// (exclusive). A valid Range has 0 <= Start < End <= 1440; End 1440 is
// "24:00", the end of the day.
//
// A Range never crosses midnight. Hours that run past it, such as 22:00–02:00,
// are written as two ranges: "22:00"–"24:00" on the first day and
// "00:00"–"02:00" on the next (the editor's "until 24:00" and "from 00:00").
// Ranges are half-open, so the two leave no gap at midnight. We chose this over
// letting End < Start mean "continues into the next day" because then a day's
// hours would depend on the previous day's ranges and overlaps would cross
// days, while the settings editor shows, and merchants think of, one day a row.
type Range struct {
	Start int
	End   int
}

// String formats r as the editor's time inputs show it, "09:00–17:00", with
// midnight at the end of the day as 00:00 ("22:00–00:00"): a time input
// cannot hold 24:00, so that is how merchants enter it.
func (r Range) String() string { return FormatClock(r.Start) + "–" + editorClock(r.End) }

// editorClock writes minutes as a time input shows them: 24:00 as 00:00.
func editorClock(m int) string { return FormatClock(m % minutesPerDay) }

// contains reports whether the minute of day m falls inside r.
func (r Range) contains(m int) bool { return r.Start <= m && m < r.End }

// overlaps reports whether r and o share a minute. Touching ranges
// (09:00–12:00 and 12:00–17:00) do not.
func (r Range) overlaps(o Range) bool { return r.Start < o.End && o.Start < r.End }

// Schedule is a week of office hours in the shop's time zone: for each day,
// indexed by time.Weekday (Sunday is 0), zero or more Ranges in the order the
// merchant entered them. The zero Schedule has no hours at all.
//
// Schedule is a value: the editing methods return a changed copy and never
// modify the Schedule they are called on, so a handler can keep the original.
type Schedule [7][]Range

// Empty reports whether s has no range on any day. An empty schedule means the
// merchant set no office hours, so no automatic replies are sent (SPEC §1.3).
func (s Schedule) Empty() bool {
	for _, rs := range s {
		if len(rs) > 0 {
			return false
		}
	}
	return true
}

// Open reports whether t falls inside office hours, judged by the wall clock
// of t in loc (the shop's time zone; nil means UTC): the weekday, hour and
// minute a clock on the shop's wall shows at t.
//
// Judging by wall clock settles daylight saving time: on the day clocks spring
// forward the skipped hour never shows, so a range inside it (02:00–02:30 in
// New York on 8 March 2026) is never open; on the day they fall back the
// repeated hour shows twice, so a range covering it (01:30–02:30 on 1 November
// 2026) is open during both occurrences of 01:30–02:00. A range's real length
// can therefore be an hour shorter or longer on those days.
func (s Schedule) Open(t time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = time.UTC
	}
	wall := t.In(loc)
	m := wall.Hour()*60 + wall.Minute()
	for _, r := range s[wall.Weekday()] {
		if r.contains(m) {
			return true
		}
	}
	return false
}

// Validate checks every range of s and returns an apperr.Invalid error naming
// the first faulty day and range (numbered from 1, as the editor shows them):
// a time outside 00:00–24:00, a range whose end is not after its start, or two
// ranges of one day that overlap. Ranges that only touch are fine, and ranges
// need not be sorted.
func (s Schedule) Validate() error {
	for _, d := range Weekdays() {
		rs := s[d]
		for i, r := range rs {
			if msg := r.problem(d); msg != "" {
				return apperr.New(apperr.Invalid, "%s, range %d: %s", dayName(d), i+1, msg)
			}
		}
		// A day holds a handful of ranges, so comparing every pair is cheap and
		// names the pair in the merchant's own order.
		for j := range rs {
			for i := range j {
				if rs[i].overlaps(rs[j]) {
					return apperr.New(apperr.Invalid, "%s, range %d (%s) overlaps range %d (%s).",
						dayName(d), j+1, rs[j], i+1, rs[i])
				}
			}
		}
	}
	return nil
}

// problem says what is wrong with r on day d, or "" when nothing is.
func (r Range) problem(d time.Weekday) string {
	switch {
	case r.Start < 0 || r.Start >= minutesPerDay:
		return "the start must be a time from 00:00 to 23:59."
	case r.End <= 0 || r.End > minutesPerDay:
		return "the end must be a time from 00:01 to 00:00 (midnight, the end of the day)."
	case r.End <= r.Start:
		return fmt.Sprintf("%s ends before it starts. For hours past midnight, end at 00:00 and add a range from 00:00 on %s.",
			r, dayName((d+1)%7))
	}
	return ""
}

// DuplicateRange returns a copy of s with a copy of range i of day placed
// at the day's next free time, inserted right after range i: it starts
// where the first free time after range i starts (else the day's first free
// time before it) and lasts as long as range i, or until the next range or
// midnight if that comes sooner. So a copy never starts out overlapping,
// and 09:00–17:00 becomes 09:00–17:00 and 17:00–00:00. A day with no free
// time left, a range without both of its times, or an unknown day or index
// is an apperr.Invalid error.
func (s Schedule) DuplicateRange(day time.Weekday, i int) (Schedule, error) {
	if err := s.checkIndex(day, i); err != nil {
		return s, err
	}
	r := s[day][i]
	if r.problem(day) != "" {
		return s, apperr.New(apperr.Invalid, "%s, range %d: enter both of its times, the end after the start, before duplicating it.", dayName(day), i+1)
	}
	free, ok := s.freeAfter(day, r.End)
	if !ok {
		free, ok = s.freeAfter(day, 0)
	}
	if !ok {
		return s, apperr.New(apperr.Invalid, "%s has no free time left for another range.", dayName(day))
	}
	free.End = min(free.End, free.Start+r.End-r.Start)
	c := s.clone()
	c[day] = slices.Insert(c[day], i+1, free)
	return c, nil
}

// freeAfter is the first span of day from minute from onwards that no valid
// range of the day covers, up to the next range or midnight; false when
// the day is taken from there to midnight. Ranges with a problem, which the
// merchant has yet to fix, take no time.
func (s Schedule) freeAfter(day time.Weekday, from int) (Range, bool) {
	var taken []Range
	for _, r := range s[day] {
		if r.problem(day) == "" {
			taken = append(taken, r)
		}
	}
	slices.SortFunc(taken, func(a, b Range) int { return a.Start - b.Start })
	start := from
	for _, r := range taken {
		if r.contains(start) {
			start = r.End
		}
	}
	if start >= minutesPerDay {
		return Range{}, false
	}
	end := minutesPerDay
	for _, r := range taken {
		if r.Start > start {
			end = min(end, r.Start)
		}
	}
	return Range{Start: start, End: end}, true
}

// DeleteRange returns a copy of s without range i of day (the trash icon).
// An unknown day or index is an apperr.Invalid error.
func (s Schedule) DeleteRange(day time.Weekday, i int) (Schedule, error) {
	if err := s.checkIndex(day, i); err != nil {
		return s, err
	}
	c := s.clone()
	c[day] = slices.Delete(c[day], i, i+1)
	return c, nil
}

// CopyToAllDays returns a copy of s in which every day has the ranges of day,
// replacing what the other days had; copying a day with no ranges clears the
// week. An unknown day is an apperr.Invalid error.
func (s Schedule) CopyToAllDays(day time.Weekday) (Schedule, error) {
	if !validDay(day) {
		return s, apperr.New(apperr.Invalid, "There is no such day.")
	}
	var c Schedule
	for d := range c {
		c[d] = slices.Clone(s[day])
	}
	return c, nil
}

// checkIndex returns an apperr.Invalid error unless day has a range i.
func (s Schedule) checkIndex(day time.Weekday, i int) error {
	if !validDay(day) {
		return apperr.New(apperr.Invalid, "There is no such day.")
	}
	if i < 0 || i >= len(s[day]) {
		return apperr.New(apperr.Invalid, "%s has no range %d.", dayName(day), i+1)
	}
	return nil
}

// clone copies the day slices too, since copying a Schedule shares them.
func (s Schedule) clone() Schedule {
	var c Schedule
	for d := range s {
		c[d] = slices.Clone(s[d])
	}
	return c
}

func validDay(d time.Weekday) bool { return d >= time.Sunday && d <= time.Saturday }

// dayName is the day as the merchant reads it in an error message.
func dayName(d time.Weekday) string { return d.String() }
