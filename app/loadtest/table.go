package loadtest

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Row is one line of the budget table.
type Row struct {
	What, Budget, Measured, Floor string
	// Pass is "pass", "FAIL" or "n/a" (not measured in this run).
	Pass string
}

// verdict is "pass" or "FAIL".
func verdict(ok bool) string {
	if ok {
		return "pass"
	}
	return "FAIL"
}

// PrintTable writes the rows under the machine's description.
func PrintTable(w io.Writer, machine string, rows []Row) {
	fmt.Fprintf(w, "\nmachine: %s\n\n", machine)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "what\tbudget\tmeasured\tto the floor\tresult")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.What, r.Budget, r.Measured, r.Floor, r.Pass)
	}
	tw.Flush()
}

// Machine describes the CPU, cores, memory and, with db, PostgreSQL.
func Machine(ctx context.Context, db *sql.DB) string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
				mem = fmt.Sprintf(", %.1f GiB memory", float64(kb)/(1<<20))
			}
		}
	}
	pg := ""
	if db != nil {
		var v string
		if db.QueryRowContext(ctx, `SHOW server_version`).Scan(&v) == nil {
			pg = ", PostgreSQL " + v
		}
	}
	return fmt.Sprintf("%s, %d cores%s%s", model, runtime.NumCPU(), mem, pg)
}

// GoBench is the custom metrics of `go test -bench` results by benchmark
// name (without the -N GOMAXPROCS suffix): "p99-ms" and the like.
type GoBench map[string]map[string]float64

var (
	benchLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+\s+.*)$`)
	benchName = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?(?:\s|$)`)
	benchRest = regexp.MustCompile(`^\s*(\d+\s+.*ns/op.*)$`)
)

// ParseGoBench reads `go test -bench` output. A benchmark that prints
// while it runs has its figures on a line of their own after its name.
func ParseGoBench(r io.Reader) (GoBench, error) {
	out := GoBench{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	pending := ""
	for sc.Scan() {
		line := sc.Text()
		if m := benchLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			out[m[1]], pending = benchMetrics(m[2]), ""
		} else if m := benchName.FindStringSubmatch(line); m != nil {
			pending = m[1]
		} else if m := benchRest.FindStringSubmatch(line); m != nil && pending != "" {
			out[pending], pending = benchMetrics(m[1]), ""
		}
	}
	return out, sc.Err()
}

// benchMetrics reads "N ns/op v unit v unit…" (N, the iterations, first).
func benchMetrics(s string) map[string]float64 {
	metrics := map[string]float64{}
	fields := strings.Fields(s)
	for i := 1; i+1 < len(fields); i += 2 {
		if v, err := strconv.ParseFloat(fields[i], 64); err == nil {
			metrics[fields[i+1]] = v
		}
	}
	return metrics
}

// goBenchRows are the budgets only the Go benchmarks measure (the AI
// agent's, which need its engine in process): the worst p99 among each
// budget's benchmarks, in milliseconds.
func goBenchRows(b GoBench) []Row {
	specs := []struct {
		what, budget string
		limit        float64
		names        []string
	}{
		{"AI agent answer, built-in, 10,000 documents", "p99 ≤ 50 ms", 50, []string{"BenchmarkAnswer"}},
		{"AI agent, shopper POST → answer on the stream", "p99 ≤ 100 ms", 100, []string{"BenchmarkShopperPostToAIAnswer"}},
	}
	var rows []Row
	for _, s := range specs {
		worst, found := 0.0, 0
		for _, n := range s.names {
			if m, ok := b[n]; ok {
				found++
				worst = max(worst, m["p99-ms"])
			}
		}
		if found == 0 {
			rows = append(rows, Row{What: s.what, Budget: s.budget, Measured: "not run", Pass: "n/a"})
			continue
		}
		rows = append(rows, Row{What: s.what, Budget: s.budget, Measured: fmt.Sprintf("p99 %.2f ms", worst), Pass: verdict(worst <= s.limit)})
	}
	return append(rows, evalRow(b["BenchmarkEval"]))
}

// evalRow summarises make eval's figures (BenchmarkEval): the shop with
// the least accuracy and the one with the most answers confidently
// wrong, each to its language's threshold (the margins in points).
func evalRow(m map[string]float64) Row {
	r := Row{What: "AI agent's answers, make eval (every shop)",
		Budget: "accuracy ≥ 85 % (Spanish ≥ 80 %), confidently wrong ≤ 3 %"}
	least, most := "", ""
	for k := range m {
		shop, ok := strings.CutSuffix(k, "-correct-margin-points")
		if ok && (least == "" || m[k] < m[least+"-correct-margin-points"]) {
			least = shop
		}
		if shop, ok := strings.CutSuffix(k, "-confidently-wrong-margin-points"); ok &&
			(most == "" || m[k] < m[most+"-confidently-wrong-margin-points"]) {
			most = shop
		}
	}
	if least == "" || most == "" {
		r.Measured, r.Pass = "not run", "n/a"
		return r
	}
	r.Measured = fmt.Sprintf("least accurate %s %.1f %%; most confidently wrong %s %.1f %%",
		least, m[least+"-correct-%"], most, m[most+"-confidently-wrong-%"])
	r.Pass = verdict(m[least+"-correct-margin-points"] >= 0 && m[most+"-confidently-wrong-margin-points"] >= 0)
	return r
}

// widgetRow checks the embed's own script against theme-check's app limit.
func widgetRow(path string) Row {
	r := Row{What: "storefront widget: the embed's own JS file", Budget: "≤ 10,000 bytes"}
	st, err := os.Stat(path)
	if err != nil {
		r.Measured, r.Pass = "not found: "+path, "n/a"
		return r
	}
	r.Measured, r.Pass = fmt.Sprintf("%d bytes", st.Size()), verdict(st.Size() <= 10_000)
	return r
}
