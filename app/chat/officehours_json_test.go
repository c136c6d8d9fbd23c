package chat

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
)

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"00:00", 0, true}, {"09:05", 545, true}, {"23:59", 1439, true}, {"24:00", 1440, true},
		{"24:01", 0, false}, {"25:00", 0, false}, {"12:60", 0, false}, {"9:00", 0, false},
		{"09:0", 0, false}, {"0900", 0, false}, {"09-00", 0, false}, {"+9:00", 0, false},
		{"-1:00", 0, false}, {"ab:cd", 0, false}, {"", 0, false}, {"09:00 ", 0, false}, {"０９:００", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseClock(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseClock(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	if FormatClock(545) != "09:05" || FormatClock(1440) != "24:00" || FormatClock(0) != "00:00" {
		t.Errorf("FormatClock: %q %q %q", FormatClock(545), FormatClock(1440), FormatClock(0))
	}
}

func TestDayKeys(t *testing.T) {
	for _, d := range Weekdays() {
		got, ok := ParseDayKey(DayKey(d))
		if !ok || got != d {
			t.Errorf("ParseDayKey(DayKey(%v)) = %v, %v", d, got, ok)
		}
	}
	if Weekdays()[0] != time.Monday || Weekdays()[6] != time.Sunday {
		t.Errorf("Weekdays() = %v, want Monday first", Weekdays())
	}
	for _, k := range []string{"Mon", "monday", "", "xyz"} {
		if _, ok := ParseDayKey(k); ok {
			t.Errorf("ParseDayKey(%q) accepted", k)
		}
	}
	if DayKey(7) != "" {
		t.Errorf("DayKey(7) = %q", DayKey(7))
	}
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[time.Weekday][]Range // nil with err
		err  string                   // part of the message; "" for success
	}{
		{"the column's default", `{}`, map[time.Weekday][]Range{}, ""},
		{"null", `null`, map[time.Weekday][]Range{}, ""},
		{"the documented form", `{"mon": [["09:00","17:00"], ["18:00","20:00"]], "sun": []}`,
			map[time.Weekday][]Range{time.Monday: {{540, 1020}, {1080, 1200}}}, ""},
		{"24:00 end and null day", `{"fri": [["22:00","24:00"]], "sat": [["00:00","02:00"]], "tue": null}`,
			map[time.Weekday][]Range{time.Friday: {{1320, 1440}}, time.Saturday: {{0, 120}}}, ""},
		{"not json", `{"mon": [`, nil, "not in the expected form"},
		{"not an object", `[1,2]`, nil, "not in the expected form"},
		{"day not a list", `{"mon": "09:00-17:00"}`, nil, "not in the expected form"},
		{"unknown day", `{"monday": [["09:00","17:00"]]}`, nil, `"monday" is not a day`},
		{"range not a pair", `{"wed": [["09:00","12:00"], ["13:00"]]}`, nil, "Wednesday, range 2: expected a start and an end time"},
		{"range of numbers", `{"wed": [[9, 17]]}`, nil, "Wednesday, range 1: expected a start and an end time"},
		{"malformed start", `{"thu": [["9:00","17:00"]]}`, nil, `Thursday, range 1: "9:00" is not a time`},
		{"malformed end", `{"thu": [["09:00","17:60"]]}`, nil, `Thursday, range 1: "17:60" is not a time`},
		{"inverted", `{"sat": [["22:00","02:00"]]}`, nil, "Saturday, range 1: 22:00–02:00 ends before it starts"},
		{"overlap", `{"sun": [["09:00","13:00"],["12:00","15:00"]]}`, nil, "Sunday, range 2 (12:00–15:00) overlaps range 1 (09:00–13:00)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseSchedule([]byte(tt.in))
			if tt.err != "" {
				wantCode(t, err, apperr.Invalid)
				if !strings.Contains(apperr.MessageOf(err), tt.err) {
					t.Errorf("message %q does not contain %q", apperr.MessageOf(err), tt.err)
				}
				return
			}
			wantCode(t, err, "")
			var want Schedule
			for d, rs := range tt.want {
				want[d] = rs
			}
			if !sameSchedule(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}
}

func TestScheduleJSONRoundTrip(t *testing.T) {
	var s Schedule
	s[time.Monday] = []Range{rng(t, "09:00", "17:00"), rng(t, "18:00", "20:00")}
	s[time.Sunday] = []Range{rng(t, "22:00", "24:00")}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"mon":[["09:00","17:00"],["18:00","20:00"]],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[["22:00","24:00"]]}`
	if string(b) != want {
		t.Errorf("Marshal = %s\nwant      %s", b, want)
	}
	back, err := ParseSchedule(b)
	if err != nil || !sameSchedule(back, s) {
		t.Errorf("round trip = %v, %v; want %v", back, err, s)
	}
	// A schedule embedded in settings marshals through the same method.
	nested, err := json.Marshal(struct{ Hours Schedule }{s})
	if err != nil || !strings.Contains(string(nested), `"Hours":{"mon":[["09:00"`) {
		t.Errorf("nested = %s, %v", nested, err)
	}
	var bad Schedule
	bad[time.Tuesday] = []Range{{Start: -1, End: 60}}
	if _, err := json.Marshal(bad); err == nil {
		t.Error("marshalled a time before 00:00")
	}
}
