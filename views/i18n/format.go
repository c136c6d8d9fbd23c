package i18n

import (
	"context"
	"strconv"
	"time"

	"golang.org/x/text/number"
)

// Number writes an integer with the language's digit grouping: "5,000" in
// English, "5.000" in German and Italian. Spanish and Polish group only from
// five digits on (CLDR's minimum grouping digits): "5000", "12.345", "12 345".
func (l Locale) Number(n int64) string {
	if groupsFromFiveDigits[l.Lang()] && n > -10000 && n < 10000 {
		return strconv.FormatInt(n, 10)
	}
	return l.printer().Sprint(number.Decimal(n))
}

// groupsFromFiveDigits are the languages whose minimum grouping digits is 2;
// golang.org/x/text does not apply that rule itself.
var groupsFromFiveDigits = map[string]bool{"es": true, "pl": true}

// Decimal writes f with at most digits decimals, grouped as Number groups
// ("1,234.5", "1234,5").
func (l Locale) Decimal(f float64, digits int) string {
	if groupsFromFiveDigits[l.Lang()] && f > -10000 && f < 10000 {
		return l.printer().Sprint(number.Decimal(f, number.MaxFractionDigits(digits), number.NoSeparator()))
	}
	return l.printer().Sprint(number.Decimal(f, number.MaxFractionDigits(digits)))
}

// Percent writes a ratio (0.425) as a percentage with digits decimals:
// "42.5%", "42,5 %", "50.0%".
func (l Locale) Percent(ratio float64, digits int) string {
	return l.printer().Sprint(number.Percent(ratio, number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// Number is Locale.Number in ctx's language.
func Number[N ~int | ~int64](ctx context.Context, n N) string {
	return FromContext(ctx).Number(int64(n))
}

// Decimal is Locale.Decimal in ctx's language.
func Decimal(ctx context.Context, f float64, digits int) string {
	return FromContext(ctx).Decimal(f, digits)
}

// Percent is Locale.Percent in ctx's language.
func Percent(ctx context.Context, ratio float64, digits int) string {
	return FromContext(ctx).Percent(ratio, digits)
}

// Short month and weekday names (CLDR, abbreviated, format context).
var (
	monthNames = map[string][12]string{
		"en": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
		"es": {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		"fr": {"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		"it": {"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
		"pl": {"sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"},
		"de": {"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
	}
	weekdayNames = map[string][7]string{
		"en": {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		"es": {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		"fr": {"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
		"it": {"dom", "lun", "mar", "mer", "gio", "ven", "sab"},
		"pl": {"niedz.", "pon.", "wt.", "śr.", "czw.", "pt.", "sob."},
		"de": {"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."},
	}
)

// Month is t's month, abbreviated: "Jan", "ene", "janv.".
func (l Locale) Month(t time.Time) string { return monthNames[l.Lang()][t.Month()-1] }

// Weekday is t's day of the week, abbreviated: "Mon", "lun", "pon.".
func (l Locale) Weekday(t time.Time) string { return weekdayNames[l.Lang()][t.Weekday()] }

// DayMonth writes t's day and month: "Jan 2", "2 ene", "2. Jan.".
func (l Locale) DayMonth(t time.Time) string {
	return l.T("time.day_month", "day", strconv.Itoa(t.Day()), "month", l.Month(t))
}

// Date writes t's date: "Jan 2, 2026", "2 ene 2026", "2. Jan. 2026".
func (l Locale) Date(t time.Time) string {
	return l.T("time.date", "day", strconv.Itoa(t.Day()), "month", l.Month(t), "year", strconv.Itoa(t.Year()))
}

// Time writes t's time of day: "3:04 PM" in English, "15:04" elsewhere.
func (l Locale) Time(t time.Time) string {
	hour12 := t.Hour() % 12
	if hour12 == 0 {
		hour12 = 12
	}
	return l.T("time.clock", "hour", strconv.Itoa(t.Hour()), "hour2", t.Format("15"),
		"hour12", strconv.Itoa(hour12), "minute", t.Format("04"), "ampm", t.Format("PM"))
}

// DateTime writes t's date and time: "Jan 2, 2026, 3:04 PM", "2 ene 2026, 15:04".
func (l Locale) DateTime(t time.Time) string {
	return l.T("time.date_time", "date", l.Date(t), "time", l.Time(t))
}

// When writes a moment near now, both in the zone to show them in: the
// time today ("3:04 PM"), "Tomorrow 9:00 AM", "Yesterday 5:10 PM", the
// weekday and day within a week ("Mon, Jun 8, 9:00 AM"), else the date
// and time.
func (l Locale) When(t, now time.Time) string {
	day := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, d.Location()) }
	days := int(day(t).Sub(day(now.In(t.Location()))).Round(time.Hour).Hours() / 24)
	switch {
	case days == 0:
		return l.Time(t)
	case days == 1:
		return l.T("time.tomorrow_at", "time", l.Time(t))
	case days == -1:
		return l.T("time.yesterday_at", "time", l.Time(t))
	case days > -7 && days < 7:
		return l.T("time.weekday_day_time", "weekday", l.Weekday(t), "day", l.DayMonth(t), "time", l.Time(t))
	}
	return l.DateTime(t)
}

// Ago writes how long ago something happened, d being the time since:
// "just now", "3 min ago", "2 h ago", "5 days ago" ("hace 3 min").
func (l Locale) Ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return l.T("time.ago.now")
	case d < time.Hour:
		return l.T("time.ago.minutes", "count", int64(d/time.Minute))
	case d < 24*time.Hour:
		return l.T("time.ago.hours", "count", int64(d/time.Hour))
	}
	return l.T("time.ago.days", "count", int64(d/(24*time.Hour)))
}

// Span writes a length of time in its largest whole unit: "45 s", "3 min",
// "2 h", "5 days" ("5 dni").
func (l Locale) Span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return l.T("time.span.seconds", "count", int64(d/time.Second))
	case d < time.Hour:
		return l.T("time.span.minutes", "count", int64(d/time.Minute))
	case d < 24*time.Hour:
		return l.T("time.span.hours", "count", int64(d/time.Hour))
	}
	return l.T("time.span.days", "count", int64(d/(24*time.Hour)))
}

// DayMonth is Locale.DayMonth in ctx's language.
func DayMonth(ctx context.Context, t time.Time) string { return FromContext(ctx).DayMonth(t) }

// Date is Locale.Date in ctx's language.
func Date(ctx context.Context, t time.Time) string { return FromContext(ctx).Date(t) }

// Time is Locale.Time in ctx's language.
func Time(ctx context.Context, t time.Time) string { return FromContext(ctx).Time(t) }

// DateTime is Locale.DateTime in ctx's language.
func DateTime(ctx context.Context, t time.Time) string { return FromContext(ctx).DateTime(t) }

// When is Locale.When in ctx's language.
func When(ctx context.Context, t, now time.Time) string { return FromContext(ctx).When(t, now) }

// Ago is Locale.Ago in ctx's language.
func Ago(ctx context.Context, d time.Duration) string { return FromContext(ctx).Ago(d) }

// Span is Locale.Span in ctx's language.
func Span(ctx context.Context, d time.Duration) string { return FromContext(ctx).Span(d) }
