package admin

import (
	"context"
	"strconv"
	"time"

	"hubchat/app/chat"
	"hubchat/views/i18n"
)

// The office hours' errors in the staff member's language. chat.Schedule
// decides whether a week is valid (its Validate and DuplicateRange are the
// rule); these functions only put the reason into words, naming the day and
// range as the editor shows them (ranges numbered from 1).

// dayName is the full name of d in ctx's language: "Monday", "lunes".
func dayName(ctx context.Context, d time.Weekday) string {
	return i18n.T(ctx, "settings.hours.day."+chat.DayKey(d))
}

// dayProblem says what is wrong with the day d's ranges: the first range
// with a time outside the day or an end not after its start, else the
// first pair that overlaps; "" when chat.Schedule.Validate would accept them.
func dayProblem(ctx context.Context, d time.Weekday, ranges []chat.Range) string {
	for i, r := range ranges {
		if msg := rangeProblem(ctx, d, i, r); msg != "" {
			return msg
		}
	}
	for j := range ranges {
		for i := range j {
			if a, b := ranges[i], ranges[j]; a.Start < b.End && b.Start < a.End {
				return i18n.T(ctx, "settings.hours.error.overlaps", "day", dayName(ctx, d),
					"number", strconv.Itoa(j+1), "range", b.String(), "other", strconv.Itoa(i+1), "other_range", a.String())
			}
		}
	}
	return ""
}

// rangeProblem says what is wrong with range i of day d on its own, or "".
func rangeProblem(ctx context.Context, d time.Weekday, i int, r chat.Range) string {
	day, number := dayName(ctx, d), strconv.Itoa(i+1)
	switch {
	case r.Start < 0 || r.Start >= midnight:
		return i18n.T(ctx, "settings.hours.error.start", "day", day, "number", number)
	case r.End <= 0 || r.End > midnight:
		return i18n.T(ctx, "settings.hours.error.end", "day", day, "number", number)
	case r.End <= r.Start:
		return i18n.T(ctx, "settings.hours.error.ends_before_start", "day", day, "number", number,
			"range", r.String(), "next_day", dayName(ctx, (d+1)%7))
	}
	return ""
}

// duplicateProblem says why range i of day, r, could not be duplicated:
// its times are not both entered (or not in order), or the day has no free
// time left.
func duplicateProblem(ctx context.Context, day time.Weekday, i int, r chat.Range) string {
	if rangeProblem(ctx, day, i, r) != "" {
		return i18n.T(ctx, "settings.hours.error.duplicate_incomplete", "day", dayName(ctx, day), "number", strconv.Itoa(i+1))
	}
	return i18n.T(ctx, "settings.hours.error.day_full", "day", dayName(ctx, day))
}
