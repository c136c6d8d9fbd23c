package admin

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"hubchat/storage"
	"hubchat/views/i18n"
)

// The date ranges the dashboard offers (SPEC §5).
const (
	rangeToday  = "today"
	range7Days  = "7d"
	range30Days = "30d"
	range90Days = "90d"
	rangeCustom = "custom"
)

// rangeDays is how many days each preset covers, today included.
var rangeDays = map[string]int{rangeToday: 1, range7Days: 7, range30Days: 30, range90Days: 90}

// defaultRange and defaultGroup are what the page shows when the URL says
// nothing.
const (
	defaultRange = range30Days
	defaultGroup = storage.DimensionStatus
)

// maxCustomDays bounds a custom range: a year and a day, so a leap year's
// full year fits. Longer ranges would make a chart of thin slivers and ask
// the counts for more slots than the page's budget allows.
const maxCustomDays = 366

// dashboardQuery is the dashboard's state as its URL carries it, so that a
// view can be bookmarked and shared: the range and the chart's group-by,
// the table's search and filters, and the table's page.
type dashboardQuery struct {
	Range    string
	From, To string // the custom range's days, "2006-01-02"
	Group    string
	Search   string
	Status   string
	Tag      string
	Channel  string
	After    string // the table's keyset cursor, "micros_id"; "" for the first page
}

// dashboardInput is a query read from a URL: what it asks for, the days it
// covers, and what was wrong with it. A wrong value is reported and
// replaced by its default, so the rest of the page still shows.
type dashboardInput struct {
	dashboardQuery
	Days     storage.DashboardDays
	Problems []string
	l        i18n.Locale // the language of the problems
}

// readDashboardQuery reads the dashboard's query string, with today taken
// at now in the shop's zone; its problems are worded in l.
func readDashboardQuery(l i18n.Locale, get func(key string) string, now time.Time, zone *time.Location) dashboardInput {
	in := dashboardInput{l: l, dashboardQuery: dashboardQuery{
		Range: strings.TrimSpace(get("range")), From: strings.TrimSpace(get("from")), To: strings.TrimSpace(get("to")),
		Group: strings.TrimSpace(get("group")), Search: strings.TrimSpace(get("q")), Status: get("status"),
		Tag: get("tag"), Channel: get("channel"), After: get("after"),
	}}
	in.readRange(now, zone)
	in.Group = in.pick("group_by", in.Group, defaultGroup, storage.DimensionChannel, storage.DimensionStatus, storage.DimensionTag)
	in.Status = in.pick("status", in.Status, "", "", storage.AIStatusOpen, storage.AIStatusResolved, storage.AIStatusUnresolved)
	in.Tag = in.pick("tag", in.Tag, "", append([]string{""}, storage.Tags...)...)
	in.Channel = in.pick("channel", in.Channel, "", "", storage.ChannelWebChat, storage.ChannelSMS)
	if at, _ := parseCursor(in.After); at.IsZero() {
		in.After = "" // an unreadable cursor is the first page
	}
	return in
}

// pick is v when allowed, else fallback with a problem reported ("" is
// never a problem: the parameter was left out).
func (in *dashboardInput) pick(what, v, fallback string, allowed ...string) string {
	if v == "" {
		return fallback
	}
	if slices.Contains(allowed, v) {
		return v
	}
	in.Problems = append(in.Problems, in.l.T("dashboard.problem.no_"+what, "value", clip(v, 40)))
	return fallback
}

// readRange sets Days from the range, or reports why it cannot and shows
// the default range instead.
func (in *dashboardInput) readRange(now time.Time, zone *time.Location) {
	today := now.In(zone)
	if in.Range == "" {
		in.Range = defaultRange
	}
	if n, ok := rangeDays[in.Range]; ok {
		in.Days = presetDays(today, n, zone)
		in.From, in.To = dateOnly(in.Days.First), dateOnly(in.Days.Last)
		return
	}
	if in.Range == rangeCustom {
		days, problem := customDays(in.l, in.From, in.To, zone)
		if problem == "" {
			in.Days = days
			return
		}
		in.Problems = append(in.Problems, problem)
	} else {
		in.Problems = append(in.Problems, in.l.T("dashboard.problem.no_range", "value", clip(in.Range, 40)))
	}
	in.Range = defaultRange
	in.Days = presetDays(today, rangeDays[defaultRange], zone)
	in.From, in.To = dateOnly(in.Days.First), dateOnly(in.Days.Last)
}

// presetDays is the n days ending today, today included: "Last 7 days" on
// 7 June is 1–7 June.
func presetDays(today time.Time, n int, zone *time.Location) storage.DashboardDays {
	first := time.Date(today.Year(), today.Month(), today.Day()-(n-1), 0, 0, 0, 0, zone)
	days, _ := storage.NewDashboardDays(zone, first, today)
	return days
}

// customDays reads a custom range's two days, or says what is wrong.
func customDays(l i18n.Locale, from, to string, zone *time.Location) (storage.DashboardDays, string) {
	first, err1 := time.ParseInLocation(time.DateOnly, from, zone)
	last, err2 := time.ParseInLocation(time.DateOnly, to, zone)
	switch {
	case from == "" || to == "":
		return storage.DashboardDays{}, l.T("dashboard.problem.custom_both_days")
	case err1 != nil || err2 != nil:
		return storage.DashboardDays{}, l.T("dashboard.problem.custom_not_dates")
	case first.Year() < 2000 || last.Year() > 9998:
		return storage.DashboardDays{}, l.T("dashboard.problem.custom_years")
	}
	days, err := storage.NewDashboardDays(zone, first, last)
	if err != nil {
		return storage.DashboardDays{}, l.T("dashboard.problem.custom_backwards")
	}
	if days.Len() > maxCustomDays {
		return storage.DashboardDays{}, l.T("dashboard.problem.custom_too_long", "max", maxCustomDays, "count", days.Len())
	}
	return days, ""
}

func dateOnly(t time.Time) string { return t.Format(time.DateOnly) }

// clip shortens what a merchant typed before it is quoted back.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// values is the query as URL parameters, defaults and empty values left
// out; withPage adds the table's cursor.
func (q dashboardQuery) values(withPage bool) url.Values {
	v := url.Values{"range": {q.Range}, "group": {q.Group}}
	if q.Range == rangeCustom {
		v.Set("from", q.From)
		v.Set("to", q.To)
	}
	for k, s := range map[string]string{"q": q.Search, "status": q.Status, "tag": q.Tag, "channel": q.Channel} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if withPage && q.After != "" {
		v.Set("after", q.After)
	}
	return v
}

// filter is the table's storage filter for days, one page from the
// query's cursor, limit rows.
func (in dashboardInput) filter(limit int) storage.DashboardFilter {
	f := storage.DashboardFilter{Days: in.Days, Status: in.Status, Tag: in.Tag, Channel: in.Channel,
		Search: in.Search, Limit: limit}
	f.AfterAt, f.AfterID = parseCursor(in.After)
	return f
}

// cursorOf is the keyset cursor after row r.
func cursorOf(r storage.DashboardRow) string {
	return strconv.FormatInt(r.StartedAt.UnixMicro(), 10) + "_" + strconv.FormatInt(r.ID, 10)
}
