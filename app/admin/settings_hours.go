package admin

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/chat"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// notEntered stands for a time the editor sent empty or malformed. It is
// outside the day, so Validate reports it on save ("the start must be a time
// from 00:00 to 23:59") and the editor shows it empty again.
const notEntered = -1

// midnight is 24:00, the end of a day.
const midnight = 24 * 60

// hoursFromForm reads the editor's fields: for each day the repeated
// oh_<day>_start and oh_<day>_end, in the order of the page. An end of 00:00
// is midnight at the end of the day, since a time input cannot say 24:00.
func hoursFromForm(c *fiber.Ctx) chat.Schedule {
	args := c.Request().PostArgs()
	var s chat.Schedule
	for _, d := range chat.Weekdays() {
		key := chat.DayKey(d)
		starts, ends := args.PeekMulti("oh_"+key+"_start"), args.PeekMulti("oh_"+key+"_end")
		for i := range max(len(starts), len(ends)) {
			r := chat.Range{Start: notEntered, End: notEntered}
			if i < len(starts) {
				if m, ok := chat.ParseClock(string(starts[i])); ok {
					r.Start = m
				}
			}
			if i < len(ends) {
				if m, ok := chat.ParseClock(string(ends[i])); ok {
					r.End = m
				}
				if r.End == 0 {
					r.End = midnight
				}
			}
			s[d] = append(s[d], r)
		}
	}
	return s
}

// editHours applies one of the editor's buttons, named by its oh_action
// value: "add:mon", "duplicate:mon:0", "delete:mon:0" or "copy:mon". The
// result is not validated: the merchant may still be editing other days,
// whose errors show when they save. A button that cannot apply to its day
// (a copy on a day with no free time left) leaves s as it was and says why
// beside that day, in dayErrs; an action the editor does not send is an
// apperr.Invalid error.
func editHours(ctx context.Context, s chat.Schedule, action string) (edited chat.Schedule, dayErrs map[time.Weekday]string, err error) {
	parts := strings.Split(action, ":")
	day, ok := chat.ParseDayKey(parts[len(parts)-1])
	index := -1
	if len(parts) == 3 {
		day, ok = chat.ParseDayKey(parts[1])
		n, err := strconv.Atoi(parts[2])
		if err != nil {
			ok = false
		}
		index = n
	}
	switch {
	case !ok:
	case parts[0] == "add" && len(parts) == 2:
		return addHours(s, day), nil, nil
	case parts[0] == "copy" && len(parts) == 2:
		edited, err = s.CopyToAllDays(day)
		return edited, nil, err
	case parts[0] == "duplicate" && len(parts) == 3 && index >= 0 && index < len(s[day]):
		edited, err = s.DuplicateRange(day, index)
		if apperr.Is(err, apperr.Invalid) {
			return s, map[time.Weekday]string{day: duplicateProblem(ctx, day, index, s[day][index])}, nil
		}
		return edited, nil, err
	case parts[0] == "delete" && len(parts) == 3:
		edited, err = s.DeleteRange(day, index)
		return edited, nil, err
	}
	return s, nil, apperr.New(apperr.Invalid, "%s", i18n.T(ctx, "settings.hours.unknown_action", "action", strconv.Quote(action)))
}

// addHours adds a range to day: 09:00–17:00 on a closed day, else the hour
// after the day's last range, so that the new range does not start out
// overlapping.
func addHours(s chat.Schedule, day time.Weekday) chat.Schedule {
	r := chat.Range{Start: 9 * 60, End: 17 * 60}
	if rs := s[day]; len(rs) > 0 {
		if last := rs[len(rs)-1]; last.End >= 0 && last.End < midnight {
			r = chat.Range{Start: last.End, End: min(last.End+60, midnight)}
		}
	}
	var out chat.Schedule
	for d := range s {
		out[d] = slices.Clone(s[d])
	}
	out[day] = append(out[day], r)
	return out
}

// hoursErrors validates each day on its own, so that every faulty day shows
// its error beside it rather than only the first one of the week.
func hoursErrors(ctx context.Context, s chat.Schedule) map[time.Weekday]string {
	errs := map[time.Weekday]string{}
	for _, d := range chat.Weekdays() {
		var one chat.Schedule
		one[d] = s[d]
		if err := one.Validate(); err != nil {
			errs[d] = cmp.Or(dayProblem(ctx, d, s[d]), apperr.MessageOf(err))
		}
	}
	return errs
}

// hoursView is the editor showing s with its errors.
func hoursView(ctx context.Context, s chat.Schedule, errs map[time.Weekday]string, timezone string) pages.HoursEditor {
	e := pages.HoursEditor{Timezone: timezone, Action: pages.WebChatAction + "/office-hours"}
	for _, d := range chat.Weekdays() {
		day := pages.HoursDay{Key: chat.DayKey(d), Name: dayName(ctx, d), Error: errs[d]}
		for _, r := range s[d] {
			day.Ranges = append(day.Ranges, pages.HoursRange{Start: clock(r.Start), End: clock(r.End)})
		}
		e.Days = append(e.Days, day)
	}
	return e
}

// clock writes minutes for a time input: midnight at the end of the day as
// 00:00, a time not entered as empty.
func clock(m int) string {
	switch {
	case m == midnight:
		return "00:00"
	case m < 0 || m > midnight:
		return ""
	}
	return chat.FormatClock(m)
}

// hoursFormErrors lists the days' errors for the form's summary, in the
// editor's order, each linking to its day.
func hoursFormErrors(errs map[time.Weekday]string) pages.FormErrors {
	var out pages.FormErrors
	for _, d := range chat.Weekdays() {
		if msg, ok := errs[d]; ok {
			out = append(out, pages.FormError{Field: "oh-" + chat.DayKey(d), Message: msg})
		}
	}
	return out
}

// hoursStatus is the status of the editor sent back after a button: 422
// when the button could not apply to its day.
func hoursStatus(dayErrs map[time.Weekday]string) int {
	if len(dayErrs) > 0 {
		return fiber.StatusUnprocessableEntity
	}
	return fiber.StatusOK
}
