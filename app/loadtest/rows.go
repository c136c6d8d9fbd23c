package loadtest

import (
	"fmt"
	"os"
	"time"
)

// Results is everything one run measured; Rows is its budget table.
type Results struct {
	NotifyFloor, StreamFloor Latencies
	Chat1, Chat2             ChatResult
	Ran1, Ran2, RanIdle      bool
	Admin                    Latencies
	Writes                   WriteResult
	Webhooks                 WebhookResult
	Idle                     IdleResult
	AI                       AIResult
	RanAI                    bool
	BigData                  BigDataResult
	RanBigData               bool
	Rows                     []Row
	// Waits are PostgreSQL's busiest states per scenario (with a database).
	Waits     map[string][]WaitCount
	waitOrder []string
	// Stages are the chat scenarios' delivery stages, as printed.
	Stages     map[string][]string
	stageOrder []string
}

// record keeps a scenario's database states.
func (m *Results) record(scenario string, waits []WaitCount) {
	if waits == nil {
		return
	}
	if m.Waits == nil {
		m.Waits = map[string][]WaitCount{}
	}
	m.Waits[scenario] = waits
	m.waitOrder = append(m.waitOrder, scenario)
}

// rows turns the Results into the budget table (DESIGN §7).
func (m *Results) rows(o Options) []Row {
	floor := m.NotifyFloor.P50
	rows := []Row{
		{What: "floor: INSERT; NOTIFY → LISTEN, same PostgreSQL", Budget: "(reference)", Measured: m.NotifyFloor.String(), Pass: "—"},
		{What: "floor: empty stream round trip, same server", Budget: "(reference)", Measured: m.StreamFloor.String(),
			Floor: ratio(m.StreamFloor.P50, floor), Pass: "—"},
	}
	rows = append(rows, chatRows(fmt.Sprintf("delivery, %d shoppers + %d agents, one instance", o.Shoppers, o.Agents), m.Chat1, m.Ran1, 5*time.Millisecond, 25*time.Millisecond, floor)...)
	rows = append(rows, chatRows(fmt.Sprintf("delivery, %d shoppers + %d agents, two instances", o.Shoppers, o.Agents), m.Chat2, m.Ran2, 0, 40*time.Millisecond, floor)...)
	rows = append(rows, m.idleRow(), m.writesRow(), m.webhookAckRow(), m.webhookProcessedRow(),
		Row{What: "admin page render (inbox page, loopback)", Budget: "p99 ≤ 30 ms", Measured: m.Admin.String(),
			Pass: verdictIf(m.Admin.Count > 0, m.Admin.P99 <= 30*time.Millisecond)})
	rows = append(rows, Row{What: "AI agent, shopper POST → answer on the stream (20 shoppers at once)", Budget: "p99 ≤ 100 ms, every question answered",
		Measured: m.AI.String(), Pass: verdictIf(m.RanAI && m.AI.Asked > 0, m.AI.Answer.P99 <= 100*time.Millisecond && m.AI.Unanswered == 0 && m.AI.Errors == 0)})
	rows = append(rows, m.bigDataRows()...)
	if o.GoBench != "" {
		rows = append(rows, goBenchFileRows(o.GoBench)...)
	}
	if o.Widget != "" {
		rows = append(rows, widgetRow(o.Widget))
	}
	return rows
}

// verdictIf is "n/a" when nothing was measured.
func verdictIf(measured, ok bool) string {
	if !measured {
		return "n/a"
	}
	return verdict(ok)
}

// chatRows are a chat scenario's delivery row (every recipient, agents'
// and shoppers' streams together) and its loss row.
func chatRows(what string, c ChatResult, ran bool, p50, p99, floor time.Duration) []Row {
	all := c.All
	budget := fmt.Sprintf("p99 ≤ %s", ms(p99))
	ok := all.Latencies.P99 <= p99
	if p50 > 0 {
		budget = fmt.Sprintf("p50 ≤ %s, p99 ≤ %s", ms(p50), ms(p99))
		ok = ok && all.Latencies.P50 <= p50
	}
	measured := fmt.Sprintf("all %s; to shoppers p50 %s p99 %s; %s", all.Latencies, ms(c.ToShoppers.Latencies.P50), ms(c.ToShoppers.Latencies.P99), c)
	if c.FirstError != "" {
		measured += "; first error: " + c.FirstError
	}
	ran = ran && all.Latencies.Count > 0
	return []Row{
		{What: what, Budget: budget, Measured: measured,
			Floor: ratio(all.Latencies.P50, floor) + " p50, " + ratio(all.Latencies.P99, floor) + " p99", Pass: verdictIf(ran, ok && c.Errors == 0)},
		{What: what + ": lost / duplicated", Budget: "0 / 0", Measured: fmt.Sprintf("%d lost, %d duplicated of %d deliveries; %d conversations with a failed send left out at agents", all.Lost, all.Duplicated, all.Delivered+all.Lost, c.Tainted),
			Pass: verdictIf(ran, all.Lost == 0 && all.Duplicated == 0)},
	}
}

func (m *Results) idleRow() Row {
	i := m.Idle
	r := Row{What: "idle shopper streams on one instance", Budget: "10,000, ≤ 30 KB each"}
	if !m.RanIdle {
		r.Measured, r.Pass = "not run", "n/a"
		return r
	}
	r.Measured = fmt.Sprintf("%d open (%d failed); RSS %.1f KB/stream (%.0f → %.0f MiB); Go heap+stacks %.1f KB/stream",
		i.Streams, i.Failed, i.RSSPerStream/1000, float64(i.RSSBefore)/(1<<20), float64(i.RSSAfter)/(1<<20), i.GoPerStream/1000)
	if i.FirstError != "" {
		r.Measured += "; first error: " + i.FirstError
	}
	r.Pass = verdict(i.Streams >= 10_000 && i.Failed == 0 && i.RSSPerStream <= 30_000)
	return r
}

func (m *Results) writesRow() Row {
	w := m.Writes
	r := Row{What: "durable message writes", Budget: "≥ 2,000 messages/s",
		Measured: fmt.Sprintf("%.0f messages/s (%d in %s, 64 clients, POST %s), errors %d", w.PerSecond(), w.Accepted, w.Elapsed.Round(time.Millisecond), w.Latencies, w.Errors)}
	if w.FirstError != "" {
		r.Measured += "; first error: " + w.FirstError
	}
	r.Pass = verdictIf(w.Accepted > 0, w.PerSecond() >= 2000 && w.Errors == 0)
	return r
}

func (m *Results) webhookAckRow() Row {
	w := m.Webhooks
	rate := 0.0
	if w.SendElapsed > 0 {
		rate = float64(w.Acked) / w.SendElapsed.Seconds()
	}
	r := Row{What: "webhook intake, orders/create", Budget: "≥ 1,000/s acknowledged, p99 < 100 ms",
		Measured: fmt.Sprintf("%.0f/s acknowledged (%d of %d sent), %s, errors %d", rate, w.Acked, w.Sent, w.Ack, w.Errors)}
	if w.FirstError != "" {
		r.Measured += "; first error: " + w.FirstError
	}
	r.Pass = verdictIf(w.Sent > 0, rate >= 990 && w.Ack.P99 < 100*time.Millisecond && w.Errors == 0)
	return r
}

func (m *Results) webhookProcessedRow() Row {
	w := m.Webhooks
	r := Row{What: "webhooks processed: none lost, duplicates ignored", Budget: "all processed, 0 lost, 0 duplicates kept"}
	if w.Stored == 0 && !w.Complete {
		r.Measured, r.Pass = "no database to read", "n/a"
		return r
	}
	done := "all processed"
	if !w.Complete {
		done = "not all processed within a minute of the last ack"
	}
	r.Measured = fmt.Sprintf("%d unique events (%d duplicates sent): %d stored, %d processed, %d orders; %s, the last %s after the last ack; %.0f processed/s",
		w.Unique, w.Sent-w.Unique, w.Stored, w.Processed, w.Orders, done, w.Lag.Round(time.Millisecond), w.ProcessedPerSecond)
	r.Pass = verdict(w.Complete && w.Stored == w.Unique && w.Orders == w.Unique)
	return r
}

// goBenchFileRows reads the Go benchmarks' output file.
func goBenchFileRows(path string) []Row {
	f, err := os.Open(path)
	if err != nil {
		return []Row{{What: "Go benchmarks", Measured: err.Error(), Pass: "n/a"}}
	}
	defer f.Close()
	b, err := ParseGoBench(f)
	if err != nil {
		return []Row{{What: "Go benchmarks", Measured: err.Error(), Pass: "n/a"}}
	}
	return goBenchRows(b)
}

// bigDataRows are the large shops' budgets.
func (m *Results) bigDataRows() []Row {
	b := m.BigData
	row := func(what, budget string, l Latencies, limit time.Duration, worst string) Row {
		r := Row{What: what, Budget: budget, Measured: l.String(), Pass: verdictIf(m.RanBigData && l.Count > 0, l.P99 <= limit)}
		if worst != "" {
			r.Measured += " (worst: " + worst + ")"
		}
		if !m.RanBigData {
			r.Measured = "not run"
		}
		return r
	}
	return []Row{
		row("inbox first page, 1M tickets / 5M messages", "p99 ≤ 50 ms", b.InboxOpen, 50*time.Millisecond, ""),
		row("inbox search, 1M tickets / 5M messages (worst of 2)", "p99 ≤ 50 ms", b.InboxSearch, 50*time.Millisecond, b.WorstSearch),
		row("dashboard, 90 days over 1M conversations", "≤ 300 ms (p99)", b.DashboardDays, 300*time.Millisecond, ""),
		row("dashboard table and searches, 1M (worst of 5)", "p99 ≤ 50 ms", b.DashboardRow, 50*time.Millisecond, b.WorstTable),
	}
}
