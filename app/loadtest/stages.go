package loadtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"hubchat/storage/stages"
)

// stageOrder is how the delivery path's stages are printed: in the order a
// message passes them, with what each covers.
var stageOrder = []struct{ name, what string }{
	{"post_queued", "shopper's post handed to its lane → its batch begun"},
	{"post_to_append", "shopper's post handed to its lane → events appended"},
	{"reply_to_append", "agent's reply begun → events appended"},
	{"append_to_notify", "events appended → waker's NOTIFY sent"},
	{"commit_to_notify", "appender's transaction ended → NOTIFY sent"},
	{"notify_to_read", "NOTIFY received → log read, published to the hub"},
	{"appenders_wait", "listener's wait for appenders after a gap (each)"},
	{"gap_held", "a gap in the ids met → the listener past it"},
	{"publish_to_flush", "published → written and flushed by a stream"},
}

// stageWatch reads the instances' stage figures (their debug server's
// /debug/stages) before a scenario, so done can tell what it recorded.
type stageWatch struct {
	instances []*Instance
	before    []stages.Figures
}

// watchStages takes the instances' figures now.
func watchStages(instances []*Instance) *stageWatch {
	w := &stageWatch{instances: instances}
	for _, in := range instances {
		f, _ := readStages(in)
		w.before = append(w.before, f)
	}
	return w
}

// done returns the stages' split since watchStages, every instance
// together, as lines to print; nil when no instance serves its figures.
func (w *stageWatch) done() []string {
	var sum stages.Figures
	read := false
	for i, in := range w.instances {
		f, err := readStages(in)
		if err != nil {
			continue
		}
		sum, read = sum.Add(f.Sub(w.before[i])), true
	}
	if !read {
		return nil
	}
	return splitLines(sum)
}

// splitLines is one line per stage (p50, p99, count) and the listener's and
// streams' counters.
func splitLines(f stages.Figures) []string {
	var lines []string
	for _, st := range stageOrder {
		p50, n := stages.Quantile(f.Histograms[st.name], 0.50)
		p99, _ := stages.Quantile(f.Histograms[st.name], 0.99)
		if n == 0 {
			lines = append(lines, fmt.Sprintf("%-18s %-52s —", st.name, st.what))
			continue
		}
		lines = append(lines, fmt.Sprintf("%-18s %-52s p50 ≤ %s, p99 ≤ %s (n=%d)", st.name, st.what, ms(p50), ms(p99), n))
	}
	c := f.Counters
	lines = append(lines, fmt.Sprintf("listener reads %d, with a gap %d (%.1f%%); stream flushes %d for %d events (%.2f a flush); streams dropped for falling behind %d",
		c["reads"], c["gap_reads"], percentOf(c["gap_reads"], c["reads"]), c["flushes"], c["flushed_events"],
		perFlush(c["flushed_events"], c["flushes"]), c["dropped"]))
	return lines
}

func percentOf(n, of int64) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

func perFlush(events, flushes int64) float64 {
	if flushes == 0 {
		return 0
	}
	return float64(events) / float64(flushes)
}

// readStages fetches an instance's stage figures.
func readStages(in *Instance) (stages.Figures, error) {
	if in == nil || in.DebugAddr == "" {
		return stages.Figures{}, fmt.Errorf("no debug address")
	}
	c := http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + in.DebugAddr + "/debug/stages")
	if err != nil {
		return stages.Figures{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return stages.Figures{}, fmt.Errorf("stages of %s: %s", in.DebugAddr, resp.Status)
	}
	var f stages.Figures
	if err := json.NewDecoder(resp.Body).Decode(&f); err != nil {
		return stages.Figures{}, fmt.Errorf("stages of %s: %w", in.DebugAddr, err)
	}
	return f, nil
}

// printStages prints each chat scenario's stage split (the servers' own
// figures, bucketed about 12% wide: a p50 is the bucket's upper bound).
func printStages(out io.Writer, split map[string][]string, order []string) {
	if len(split) == 0 {
		return
	}
	fmt.Fprintln(out, "\nThe delivery path's stages, from the servers' figures (upper bounds of ~12% buckets)")
	for _, scenario := range order {
		if lines := split[scenario]; len(lines) > 0 {
			fmt.Fprintf(out, "  %s\n    %s\n", scenario, strings.Join(lines, "\n    "))
		}
	}
}

// recordStages keeps a scenario's stage split.
func (m *Results) recordStages(scenario string, lines []string) {
	if lines == nil {
		return
	}
	if m.Stages == nil {
		m.Stages = map[string][]string{}
	}
	m.Stages[scenario] = lines
	m.stageOrder = append(m.stageOrder, scenario)
}
