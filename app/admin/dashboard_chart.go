package admin

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// The chart's drawing area, in the SVG's own units: it scales to the card's
// width, and its text with it.
const (
	chartWidth, chartHeight        = 960.0, 280.0
	chartLeft, chartRight          = 56.0, 8.0
	chartTop, chartBottom          = 12.0, 40.0
	chartMaxXLabels                = 8
	chartBarShare                  = 0.72 // of a day's slot; the rest is the gap between bars
	chartMaxBar                    = 64.0
	chartTipLine, chartTipCharWide = 16.0, 6.6
)

// seriesOrder is each dimension's values in a fixed order: a value keeps
// its place, and so its colour, whatever the range shows.
func seriesOrder(dimension string) []string {
	switch dimension {
	case storage.DimensionChannel:
		return []string{storage.ChannelWebChat, storage.ChannelSMS}
	case storage.DimensionTag:
		return append(append([]string{}, storage.Tags...), "")
	}
	return []string{storage.AIStatusResolved, storage.AIStatusUnresolved, storage.AIStatusOpen}
}

// statusColours give SPEC §2.1's statuses the colours their meaning has
// elsewhere in the admin: resolved green, handed off amber, open blue.
var statusColours = map[string]string{storage.AIStatusResolved: "series-2", storage.AIStatusUnresolved: "series-3", storage.AIStatusOpen: "series-0"}

// seriesClass is the colour of the value at place i of its dimension's
// order; a value outside the order gets the last, neutral one.
func seriesClass(dimension, value string, i int) string {
	if c, ok := statusColours[value]; ok && dimension == storage.DimensionStatus {
		return c
	}
	return fmt.Sprintf("series-%d", min(i, 8))
}

func seriesLabel(l i18n.Locale, dimension, value string) string {
	switch dimension {
	case storage.DimensionChannel:
		return channelLabel(l, value)
	case storage.DimensionTag:
		return tagLabel(l, value)
	}
	return statusLabel(l, value)
}

// buildChart draws the conversations started per day, stacked by the
// values of dimension, as the chart's view: bars, axes, legend, and the
// same counts as a table.
func buildChart(l i18n.Locale, cells []storage.DashboardCell, days storage.DashboardDays, dimension string) pages.Chart {
	order := seriesOrder(dimension)
	counts := map[string][]int{} // value → count per day
	dates := days.Dates()
	index := map[string]int{}
	for i, d := range dates {
		index[dateOnly(d)] = i
	}
	for _, c := range cells {
		i, ok := index[dateOnly(c.Day)]
		if c.Dimension != dimension || !ok {
			continue
		}
		if _, known := counts[c.Value]; !known {
			counts[c.Value] = make([]int, len(dates))
			if !slices.Contains(order, c.Value) {
				order = append(order, c.Value)
			}
		}
		counts[c.Value][i] += c.Count
	}
	chart := pages.Chart{Width: chartWidth, Height: chartHeight, Left: chartLeft, Right: chartRight, Title: l.T("dashboard.chart.title." + dimension)}
	for i, value := range order {
		s := pages.ChartSeries{Value: value, Label: seriesLabel(l, dimension, value), Class: seriesClass(dimension, value, i)}
		for _, n := range counts[value] {
			s.Total += n
		}
		chart.Series = append(chart.Series, s)
	}
	totals := make([]int, len(dates))
	for _, per := range counts {
		for i, n := range per {
			totals[i] += n
		}
	}
	top, step := yScale(maxOf(totals))
	chart.YTicks = yTicks(l, top, step)
	chart.Days = chartDays(l, dates, chart.Series, counts, totals, top)
	chart.XTicks = xTicks(l, dates)
	chart.Desc = chartDesc(l, chart, days)
	return chart
}

// chartDays lays out each day's stacked bar, its focus area and its tip.
func chartDays(l i18n.Locale, dates []time.Time, series []pages.ChartSeries, counts map[string][]int, totals []int, top int) []pages.ChartDay {
	plotW, plotH := chartWidth-chartLeft-chartRight, chartHeight-chartTop-chartBottom
	slot := plotW / float64(len(dates))
	barW := min(max(slot*chartBarShare, 1), chartMaxBar)
	out := make([]pages.ChartDay, 0, len(dates))
	for i, d := range dates {
		day := pages.ChartDay{Label: l.Date(d), Total: totals[i], X: chartLeft + float64(i)*slot, W: slot,
			Top: chartTop, H: plotH}
		y := chartTop + plotH
		lines := []string{l.T("dashboard.chart.tip_day", "day", l.DayMonth(d), "count", totals[i])}
		for _, s := range series {
			n := 0
			if per := counts[s.Value]; per != nil {
				n = per[i]
			}
			day.Values = append(day.Values, n)
			if n == 0 {
				continue
			}
			h := plotH * float64(n) / float64(top)
			y -= h
			day.Segments = append(day.Segments, pages.ChartSegment{X: day.X + (slot-barW)/2, Y: y, W: barW, H: h, Class: s.Class})
			lines = append(lines, l.T("dashboard.chart.tip_series", "series", s.Label, "count", n))
		}
		day.Tip = chartTip(lines, day.X+slot/2)
		out = append(out, day)
	}
	return out
}

// chartTip is a day's values in a box above the bars, kept inside the
// drawing.
func chartTip(lines []string, centre float64) pages.ChartTip {
	widest := 0
	for _, l := range lines {
		widest = max(widest, len([]rune(l)))
	}
	w := float64(widest)*chartTipCharWide + 16
	x := min(max(centre-w/2, chartLeft), chartWidth-chartRight-w)
	return pages.ChartTip{X: x, Y: chartTop, W: w, H: float64(len(lines))*chartTipLine + 8, Lines: lines}
}

// yScale is the axis's top and step: a step of 1, 2 or 5 times a power of
// ten, at most four steps up to the top, so the ticks are round numbers.
func yScale(highest int) (top, step int) {
	if highest <= 0 {
		return 4, 1
	}
	want := (highest + 3) / 4
	for unit := 1; ; unit *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step = m * unit; step >= want {
				return step * ((highest + step - 1) / step), step
			}
		}
	}
}

func yTicks(l i18n.Locale, top, step int) []pages.ChartTick {
	plotH := chartHeight - chartTop - chartBottom
	var out []pages.ChartTick
	for v := 0; v <= top; v += step {
		out = append(out, pages.ChartTick{Label: l.Number(int64(v)), At: chartTop + plotH - plotH*float64(v)/float64(top)})
	}
	return out
}

// xTicks label at most chartMaxXLabels days, evenly spaced, so that 90
// thin bars keep readable dates.
func xTicks(l i18n.Locale, dates []time.Time) []pages.ChartTick {
	slot := (chartWidth - chartLeft - chartRight) / float64(len(dates))
	every := (len(dates) + chartMaxXLabels - 1) / chartMaxXLabels
	var out []pages.ChartTick
	for i := 0; i < len(dates); i += every {
		out = append(out, pages.ChartTick{Label: l.DayMonth(dates[i]), At: chartLeft + (float64(i)+0.5)*slot})
	}
	return out
}

// chartDesc says in words what the chart shows, for screen readers.
func chartDesc(l i18n.Locale, c pages.Chart, days storage.DashboardDays) string {
	total := 0
	var parts []string
	for _, s := range c.Series {
		total += s.Total
		if s.Total > 0 {
			parts = append(parts, l.T("dashboard.chart.desc_series", "series", s.Label, "count", s.Total))
		}
	}
	if len(parts) == 0 {
		return l.T("dashboard.chart.desc", "period", periodText(l, days), "count", total)
	}
	return l.T("dashboard.chart.desc_by", "period", periodText(l, days), "count", total, "values", strings.Join(parts, ", "))
}

func maxOf(ns []int) int {
	m := 0
	for _, n := range ns {
		m = max(m, n)
	}
	return m
}
