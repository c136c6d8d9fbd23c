package admin

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// options are the choices of a selector, in the order they are offered,
// named in l: each value's label is the message of prefix+value.
func options(l i18n.Locale, prefix string, values ...string) []pages.Option {
	out := make([]pages.Option, 0, len(values))
	for _, v := range values {
		out = append(out, pages.Option{Value: v, Label: l.T(prefix + cmp.Or(v, "all"))})
	}
	return out
}

// statusLabel names SPEC §2.1's statuses; an unknown one shows as stored.
func statusLabel(l i18n.Locale, status string) string {
	if !slices.Contains([]string{storage.AIStatusResolved, storage.AIStatusUnresolved, storage.AIStatusOpen}, status) {
		return status
	}
	return l.T("common.ai_status." + status)
}

// channelLabel names a channel; an unknown one shows as stored.
func channelLabel(l i18n.Locale, channel string) string {
	if channel != storage.ChannelWebChat && channel != storage.ChannelSMS {
		return channel
	}
	return l.T("common.channel." + channel)
}

// tagLabel names a topic; "" is a conversation the agent has not tagged,
// and a tag the agent no longer knows shows as stored.
func tagLabel(l i18n.Locale, tag string) string {
	if tag == "" {
		return l.T("common.tag.none")
	}
	if knownTag(tag) {
		return l.T("common.tag." + tag)
	}
	return tag
}

func dashboardForm(l i18n.Locale, in dashboardInput) pages.DashboardForm {
	tags := options(l, "common.tag.", append([]string{""}, storage.Tags...)...)
	return pages.DashboardForm{Range: in.Range, From: in.From, To: in.To, Group: in.Group, Search: in.Search,
		Status: in.Status, Tag: in.Tag, Channel: in.Channel,
		Ranges:   options(l, "dashboard.range.", rangeToday, range7Days, range30Days, range90Days, rangeCustom),
		Groups:   options(l, "dashboard.group.", storage.DimensionStatus, storage.DimensionChannel, storage.DimensionTag),
		Statuses: options(l, "common.ai_status.", "", storage.AIStatusResolved, storage.AIStatusUnresolved, storage.AIStatusOpen),
		Tags:     tags, Channels: options(l, "common.channel.", "", storage.ChannelWebChat, storage.ChannelSMS)}
}

// periodText names the days shown: "Jun 1 – Jun 7, 2026".
func periodText(l i18n.Locale, d storage.DashboardDays) string {
	switch {
	case d.Len() == 1:
		return l.Date(d.First)
	case d.First.Year() == d.Last.Year():
		return l.T("dashboard.period_range", "first", l.DayMonth(d.First), "last", l.Date(d.Last))
	}
	return l.T("dashboard.period_range", "first", l.Date(d.First), "last", l.Date(d.Last))
}

// metricCards are SPEC §5's four metrics, each with its change against the
// period of the same length before.
func metricCards(l i18n.Locale, f storage.DashboardFigures, days storage.DashboardDays) []pages.Metric {
	cur, prev := f.Current, f.Previous
	c := changeWords{l: l, days: days.Len()}
	volume := pages.Metric{Key: "volume", Label: l.T("dashboard.metric.volume"), Value: l.Number(int64(cur.Conversations)),
		Help: l.T("dashboard.metric.volume_help")}
	volume.Change, volume.Direction = c.percent(float64(cur.Conversations), float64(prev.Conversations))
	resolved := pages.Metric{Key: "resolution", Label: l.T("dashboard.metric.resolution"), Value: rateText(l, cur.Resolved, cur.Conversations),
		Help: l.T("dashboard.metric.resolution_help", "count", cur.Resolved)}
	resolved.Change, resolved.Direction = c.points(cur.ResolutionRate(), prev.ResolutionRate(), cur.Conversations, prev.Conversations)
	unresolved := pages.Metric{Key: "unresolved", Label: l.T("dashboard.metric.unresolved"), Value: rateText(l, cur.Unresolved, cur.Conversations),
		Help: l.T("dashboard.metric.unresolved_help", "count", cur.Unresolved)}
	unresolved.Change, unresolved.Direction = c.points(cur.UnresolvedRate(), prev.UnresolvedRate(), cur.Conversations, prev.Conversations)
	sales := pages.Metric{Key: "sales", Label: l.T("dashboard.metric.sales"), Value: money(cur.Sales, f.Currency),
		Help: l.T("dashboard.metric.sales_help", "count", cur.SalesOrders)}
	curSales, _ := strconv.ParseFloat(cur.Sales, 64)
	prevSales, _ := strconv.ParseFloat(prev.Sales, 64)
	sales.Change, sales.Direction = c.percent(curSales, prevSales)
	sales.Parts, sales.PartsLabel = salesByChannel(l, f), l.T("smsai.dashboard.by_channel")
	resolved.Tone, unresolved.Tone, sales.Tone = tone(resolved.Direction, true), tone(unresolved.Direction, false), tone(sales.Direction, true)
	return []pages.Metric{volume, resolved, unresolved, sales}
}

// salesByChannel splits the sales by channel (web chat, SMS), each in the
// shop's currency.
func salesByChannel(l i18n.Locale, f storage.DashboardFigures) []pages.MetricPart {
	parts := make([]pages.MetricPart, 0, len(f.SalesByChannel))
	for _, s := range f.SalesByChannel {
		parts = append(parts, pages.MetricPart{Key: s.Channel, Label: l.T("common.channel." + s.Channel), Value: money(s.Sales, f.Currency)})
	}
	return parts
}

// rateText is a share as a percentage with one decimal, "–" of nothing.
func rateText(l i18n.Locale, n, of int) string {
	if of == 0 {
		return "–"
	}
	return l.Percent(math.Round(1000*float64(n)/float64(of))/1000, 1)
}

// changeWords words a metric's change against the days before, of the
// same length as the days shown.
type changeWords struct {
	l    i18n.Locale
	days int
}

// percent words a count's or an amount's change in percent; with nothing
// before there is no percentage to give.
func (c changeWords) percent(cur, prev float64) (text, direction string) {
	if prev == 0 {
		return c.l.T("dashboard.change.no_earlier"), ""
	}
	change := math.Round(100 * (cur - prev) / prev)
	return c.text(change, c.l.Percent(math.Abs(change)/100, 0))
}

// points words a rate's change in percentage points.
func (c changeWords) points(cur, prev float64, curN, prevN int) (text, direction string) {
	if prevN == 0 {
		return c.l.T("dashboard.change.no_earlier"), ""
	}
	if curN == 0 {
		return c.l.T("dashboard.change.nothing_to_compare"), ""
	}
	change := math.Round(1000*(cur-prev)) / 10
	return c.text(change, c.l.T("dashboard.change.points", "points", c.l.Decimal(math.Abs(change), 1)))
}

// text is the sentence of a change of amount (already written) from the
// days before.
func (c changeWords) text(change float64, amount string) (text, direction string) {
	kind := "days"
	if c.days == 1 {
		kind = "day"
	}
	switch {
	case change > 0:
		return c.l.T("dashboard.change.up_"+kind, "amount", amount, "count", c.days), "up"
	case change < 0:
		return c.l.T("dashboard.change.down_"+kind, "amount", amount, "count", c.days), "down"
	}
	return c.l.T("dashboard.change.none_"+kind, "count", c.days), ""
}

// tone says whether a change is good news: more resolved is, more handed
// off is not. Colour only repeats what the words say.
func tone(direction string, upIsGood bool) string {
	switch {
	case direction == "":
		return ""
	case (direction == "up") == upIsGood:
		return "good"
	}
	return "bad"
}

// tableView is the table's page: at most dashboardPage rows of rows, and
// the way to the next when rows holds one more.
func tableView(l i18n.Locale, rows []storage.DashboardRow, in dashboardInput, loc *time.Location) pages.DashboardTable {
	q := in.dashboardQuery
	v := pages.DashboardTable{Problems: in.Problems, Search: q.Search, Filtered: q.Search != "" || q.Status != "" || q.Tag != "" || q.Channel != "",
		ExportURL: "/app/dashboard/export.csv?" + q.values(false).Encode(), ExportName: exportName(in.Days), Paged: q.After != ""}
	if len(rows) > dashboardPage {
		rows = rows[:dashboardPage]
		next := q
		next.After = cursorOf(rows[len(rows)-1])
		v.NextURL = "/app/dashboard/rows?" + next.values(true).Encode()
	}
	if v.Paged {
		first := q
		first.After = ""
		v.FirstURL = "/app/dashboard/rows?" + first.values(false).Encode()
	}
	for _, r := range rows {
		v.Rows = append(v.Rows, tableRow(l, r, q, loc))
	}
	return v
}

// tableRow is a conversation as the table and the export show it.
func tableRow(l i18n.Locale, r storage.DashboardRow, q dashboardQuery, loc *time.Location) pages.DashboardRow {
	updated := r.UpdatedAt.In(loc)
	row := pages.DashboardRow{ID: r.ID, Href: threadHref(r.ID, q), FirstQuestion: r.FirstQuestion, Profile: r.ProfileName,
		Anonymous: r.ProfileName == "", Status: r.Status, StatusLabel: statusLabel(l, r.Status), Tag: r.Tag, TagLabel: tagLabel(l, r.Tag),
		Messages: r.MessageCount, Updated: l.DateTime(updated), UpdatedISO: updated.Format(time.RFC3339)}
	if row.Anonymous {
		row.Profile = l.T("dashboard.table.anonymous")
	}
	if r.Tag == "" {
		row.TagLabel = "–"
	}
	return row
}

func exportName(d storage.DashboardDays) string {
	return "ai-conversations-" + dateOnly(d.First) + "-to-" + dateOnly(d.Last) + ".csv"
}
