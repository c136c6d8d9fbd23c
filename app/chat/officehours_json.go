package chat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"hubchat/app/apperr"
)

// dayKeys are the JSON keys of the office_hours column, indexed by time.Weekday.
var dayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Weekdays returns the days in the order of the settings editor and of the
// office_hours JSON: Monday first, Sunday last.
func Weekdays() [7]time.Weekday {
	return [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday,
		time.Friday, time.Saturday, time.Sunday}
}

// DayKey returns d's key in the office_hours JSON ("mon" … "sun"), or "" for
// a value that is not a weekday.
func DayKey(d time.Weekday) string {
	if !validDay(d) {
		return ""
	}
	return dayKeys[d]
}

// ParseDayKey returns the weekday of a key of the office_hours JSON ("mon" …
// "sun", lowercase only); ok is false for anything else.
func ParseDayKey(key string) (d time.Weekday, ok bool) {
	i := slices.Index(dayKeys[:], key)
	return time.Weekday(i), i >= 0
}

// ParseClock parses a time of day written "HH:MM" (two digits each, as an
// <input type="time"> sends it) into minutes after midnight. "24:00" is
// accepted and gives 1440, the end of the day; whether it may start a range is
// for Validate to say. ok is false for anything else ("9:00", "12:60", "24:01").
func ParseClock(s string) (minutes int, ok bool) {
	if len(s) != 5 || s[2] != ':' || !isDigits(s[:2]) || !isDigits(s[3:]) {
		return 0, false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

// FormatClock writes minutes after midnight as "HH:MM"; 1440 is "24:00".
// Values outside 0–1440 are written as they are, for error messages only.
func FormatClock(minutes int) string {
	if minutes < 0 || minutes > minutesPerDay {
		return fmt.Sprintf("%d min", minutes)
	}
	return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60)
}

// isDigits reports whether s is ASCII digits only (strconv.Atoi would also take a sign).
func isDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseSchedule decodes the office_hours column (or the editor's JSON) and
// validates it: the result is a Schedule that Validate accepts, or an
// apperr.Invalid error naming the day and range at fault.
func ParseSchedule(data []byte) (Schedule, error) {
	var s Schedule
	if err := json.Unmarshal(data, &s); err != nil {
		// A syntax error is caught by encoding/json before UnmarshalJSON runs.
		var coded *apperr.Error
		if !errors.As(err, &coded) {
			err = apperr.Wrap(apperr.Invalid, err, "Office hours are not in the expected form.")
		}
		return Schedule{}, err
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// MarshalJSON writes s in the form of the office_hours column, every day
// present, Monday first: {"mon":[["09:00","17:00"]],"tue":[],…,"sun":[]}.
// A time outside 00:00–24:00 cannot be written and is an error.
func (s Schedule) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, d := range Weekdays() {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:[", dayKeys[d])
		for j, r := range s[d] {
			for _, m := range [2]int{r.Start, r.End} {
				if m < 0 || m > minutesPerDay {
					return nil, apperr.New(apperr.Invalid, "%s, range %d: %s is not a time of day.", dayName(d), j+1, FormatClock(m))
				}
			}
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%q,%q]", FormatClock(r.Start), FormatClock(r.End))
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the form MarshalJSON writes. Days may be missing (no
// ranges) or null; an unknown key, a range that is not a pair of strings, or a
// time that is not "HH:MM" is an apperr.Invalid error naming the day and range.
// It checks form only; ParseSchedule also validates.
func (s *Schedule) UnmarshalJSON(data []byte) error {
	var raw map[string][]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return apperr.Wrap(apperr.Invalid, err, "Office hours are not in the expected form.")
	}
	// Sorted, so that the error for several unknown keys is always the same.
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		if _, ok := ParseDayKey(k); !ok {
			return apperr.New(apperr.Invalid, "Office hours: %q is not a day (use mon, tue, wed, thu, fri, sat, sun).", k)
		}
	}
	var out Schedule
	for _, d := range Weekdays() {
		for i, rawRange := range raw[dayKeys[d]] {
			r, err := parseRange(rawRange)
			if err != nil {
				return apperr.New(apperr.Invalid, "%s, range %d: %s.", dayName(d), i+1, err.Error())
			}
			out[d] = append(out[d], r)
		}
	}
	*s = out
	return nil
}

// parseRange reads one ["HH:MM","HH:MM"] pair.
func parseRange(data json.RawMessage) (Range, error) {
	var pair []string
	if err := json.Unmarshal(data, &pair); err != nil || len(pair) != 2 {
		return Range{}, fmt.Errorf("expected a start and an end time, like [\"09:00\", \"17:00\"]")
	}
	start, ok := ParseClock(pair[0])
	if !ok {
		return Range{}, fmt.Errorf("%q is not a time (use HH:MM, e.g. 09:00)", pair[0])
	}
	end, ok := ParseClock(pair[1])
	if !ok {
		return Range{}, fmt.Errorf("%q is not a time (use HH:MM, e.g. 17:00)", pair[1])
	}
	return Range{Start: start, End: end}, nil
}
