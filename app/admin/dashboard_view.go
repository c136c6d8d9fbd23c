package admin

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"hubchat/app/aiagent"
	"hubchat/storage"
	"hubchat/views/pages"
)

// The choices of the dashboard's selectors, in the order they are offered.
var (
	rangeOptions = []pages.Option{{Value: rangeToday, Label: "Today"}, {Value: range7Days, Label: "Last 7 days"},
		{Value: range30Days, Label: "Last 30 days"}, {Value: range90Days, Label: "Last 90 days"}, {Value: rangeCustom, Label: "Custom range"}}
	groupOptions = []pages.Option{{Value: storage.DimensionStatus, Label: "Status"},
		{Value: storage.DimensionChannel, Label: "Channel"}, {Value: storage.DimensionTag, Label: "Tag"}}
	statusOptions = []pages.Option{{Value: "", Label: "All statuses"}, {Value: storage.AIStatusResolved, Label: statusLabels[storage.AIStatusResolved]},
		{Value: storage.AIStatusUnresolved, Label: statusLabels[storage.AIStatusUnresolved]}, {Value: storage.AIStatusOpen, Label: statusLabels[storage.AIStatusOpen]}}
	channelOptions = []pages.Option{{Value: "", Label: "All channels"}, {Value: storage.ChannelWebChat, Label: channelLabels[storage.ChannelWebChat]},
		{Value: storage.ChannelSMS, Label: channelLabels[storage.ChannelSMS]}}
	tagFilterOptions = func() []pages.Option {
		out := []pages.Option{{Value: "", Label: "All tags"}}
		for _, t := range storage.Tags {
			out = append(out, pages.Option{Value: t, Label: tagLabel(t)})
		}
		return out
	}()
)

// statusLabels and channelLabels name SPEC §2.1's statuses and the channels.
var (
	statusLabels = map[string]string{storage.AIStatusResolved: "AI resolved", storage.AIStatusUnresolved: "AI unresolved",
		storage.AIStatusOpen: "Open"}
	channelLabels = map[string]string{storage.ChannelWebChat: "Web chat", storage.ChannelSMS: "SMS"}
)

// tagLabel names a topic; "" is a conversation the agent has not tagged.
func tagLabel(tag string) string {
	if tag == "" {
		return "Not tagged"
	}
	if l, ok := tagLabels[aiagent.Tag(tag)]; ok {
		return l
	}
	return tag
}

func dashboardForm(in dashboardInput) pages.DashboardForm {
	return pages.DashboardForm{Range: in.Range, From: in.From, To: in.To, Group: in.Group, Search: in.Search,
		Status: in.Status, Tag: in.Tag, Channel: in.Channel, Ranges: rangeOptions, Groups: groupOptions,
		Statuses: statusOptions, Tags: tagFilterOptions, Channels: channelOptions}
}

// periodText names the days shown: "Jun 1 – Jun 7, 2026".
func periodText(d storage.DashboardDays) string {
	switch {
	case d.Len() == 1:
		return d.First.Format("Jan 2, 2006")
	case d.First.Year() == d.Last.Year():
		return d.First.Format("Jan 2") + " – " + d.Last.Format("Jan 2, 2006")
	}
	return d.First.Format("Jan 2, 2006") + " – " + d.Last.Format("Jan 2, 2006")
}

// metricCards are SPEC §5's four metrics, each with its change against the
// period of the same length before.
func metricCards(f storage.DashboardFigures, days storage.DashboardDays) []pages.Metric {
	cur, prev := f.Current, f.Previous
	than := "the previous " + strconv.Itoa(days.Len()) + " days"
	if days.Len() == 1 {
		than = "the day before"
	}
	volume := pages.Metric{Key: "volume", Label: "Total volume", Value: pages.Count(cur.Conversations),
		Help: "Conversations started with the AI agent"}
	volume.Change, volume.Direction = percentChange(float64(cur.Conversations), float64(prev.Conversations), than)
	resolved := pages.Metric{Key: "resolution", Label: "AI resolution rate", Value: rateText(cur.Resolved, cur.Conversations),
		Help: fmt.Sprintf("%d resolved by the AI agent", cur.Resolved)}
	resolved.Change, resolved.Direction = pointsChange(cur.ResolutionRate(), prev.ResolutionRate(), cur.Conversations, prev.Conversations, than)
	unresolved := pages.Metric{Key: "unresolved", Label: "AI unresolved rate", Value: rateText(cur.Unresolved, cur.Conversations),
		Help: fmt.Sprintf("%d handed off", cur.Unresolved)}
	unresolved.Change, unresolved.Direction = pointsChange(cur.UnresolvedRate(), prev.UnresolvedRate(), cur.Conversations, prev.Conversations, than)
	sales := pages.Metric{Key: "sales", Label: "AI-generated sales", Value: money(cur.Sales, f.Currency),
		Help: ordersText(cur.SalesOrders)}
	curSales, _ := strconv.ParseFloat(cur.Sales, 64)
	prevSales, _ := strconv.ParseFloat(prev.Sales, 64)
	sales.Change, sales.Direction = percentChange(curSales, prevSales, than)
	resolved.Tone, unresolved.Tone, sales.Tone = tone(resolved.Direction, true), tone(unresolved.Direction, false), tone(sales.Direction, true)
	return []pages.Metric{volume, resolved, unresolved, sales}
}

func ordersText(n int) string {
	if n == 1 {
		return "From 1 attributed order"
	}
	return fmt.Sprintf("From %d attributed orders", n)
}

// rateText is a share as a percentage with one decimal, "–" of nothing.
func rateText(n, of int) string {
	if of == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(n)/float64(of), 'f', 1, 64) + "%"
}

// percentChange words a count's or an amount's change in percent; with
// nothing before there is no percentage to give.
func percentChange(cur, prev float64, than string) (text, direction string) {
	if prev == 0 {
		return "No earlier data to compare with", ""
	}
	change := math.Round(100 * (cur - prev) / prev)
	return changeText(change, "%", than)
}

// pointsChange words a rate's change in percentage points.
func pointsChange(cur, prev float64, curN, prevN int, than string) (text, direction string) {
	if prevN == 0 {
		return "No earlier data to compare with", ""
	}
	if curN == 0 {
		return "No conversations to compare", ""
	}
	return changeText(math.Round(1000*(cur-prev))/10, " pts", than)
}

func changeText(change float64, unit, than string) (text, direction string) {
	n := strconv.FormatFloat(math.Abs(change), 'f', -1, 64)
	switch {
	case change > 0:
		return "Up " + n + unit + " from " + than, "up"
	case change < 0:
		return "Down " + n + unit + " from " + than, "down"
	}
	return "No change from " + than, ""
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
func tableView(rows []storage.DashboardRow, in dashboardInput, loc *time.Location) pages.DashboardTable {
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
		v.Rows = append(v.Rows, tableRow(r, q, loc))
	}
	return v
}

// tableRow is a conversation as the table and the export show it.
func tableRow(r storage.DashboardRow, q dashboardQuery, loc *time.Location) pages.DashboardRow {
	updated := r.UpdatedAt.In(loc)
	row := pages.DashboardRow{ID: r.ID, Href: threadHref(r.ID, q), FirstQuestion: r.FirstQuestion, Profile: r.ProfileName,
		Anonymous: r.ProfileName == "", Status: r.Status, StatusLabel: statusLabels[r.Status], Tag: r.Tag, TagLabel: tagLabel(r.Tag),
		Messages: r.MessageCount, Updated: updated.Format("Jan 2, 2006, 3:04 PM"), UpdatedISO: updated.Format(time.RFC3339)}
	if row.Anonymous {
		row.Profile = "Anonymous"
	}
	if r.Tag == "" {
		row.TagLabel = "–"
	}
	return row
}

func exportName(d storage.DashboardDays) string {
	return "ai-conversations-" + dateOnly(d.First) + "-to-" + dateOnly(d.Last) + ".csv"
}
