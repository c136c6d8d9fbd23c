package eval

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"hubchat/app/aiagent"
)

// Figures sum up a group of results.
type Figures struct {
	Questions, Correct, Clarified, ConfidentlyWrong, Handoffs int
	latencies                                                 []time.Duration
}

// Add counts r.
func (f *Figures) Add(r Result) {
	f.Questions++
	if r.Verdict.IsCorrect() {
		f.Correct++
	}
	if r.Verdict == Clarified {
		f.Clarified++
	}
	if r.Verdict == ConfidentlyWrong {
		f.ConfidentlyWrong++
	}
	if r.Answer.Handoff {
		f.Handoffs++
	}
	f.latencies = append(f.latencies, r.Latency)
}

// Accuracy is the share of correct answers, in percent.
func (f Figures) Accuracy() float64 { return percent(f.Correct, f.Questions) }

// ConfidentlyWrongRate is the share of confidently wrong answers, in percent.
func (f Figures) ConfidentlyWrongRate() float64 { return percent(f.ConfidentlyWrong, f.Questions) }

// HandoffRate is the share of answers that hand off, in percent.
func (f Figures) HandoffRate() float64 { return percent(f.Handoffs, f.Questions) }

// Latency is the q-quantile (0.5, 0.99) of the first answers' times.
func (f Figures) Latency(q float64) time.Duration {
	if len(f.latencies) == 0 {
		return 0
	}
	sorted := slices.Clone(f.latencies)
	slices.Sort(sorted)
	i := int(q*float64(len(sorted))+0.999999) - 1 // nearest rank
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return 100 * float64(n) / float64(of)
}

// Report is the results of a run.
type Report struct {
	Results []Result
}

// Where picks results.
func (r Report) Where(keep func(Result) bool) Figures {
	var f Figures
	for _, res := range r.Results {
		if keep(res) {
			f.Add(res)
		}
	}
	return f
}

// Shop sums up a shop's results, both parts.
func (r Report) Shop(shop string) Figures {
	return r.Where(func(res Result) bool { return res.Shop == shop })
}

// Shops lists the shops in the order they were run.
func (r Report) Shops() []string {
	var shops []string
	for _, res := range r.Results {
		if !slices.Contains(shops, res.Shop) {
			shops = append(shops, res.Shop)
		}
	}
	return shops
}

// Print writes the figures per shop and part, then per category.
func (r Report) Print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "shop\tpart\tquestions\taccuracy\tclarified\tconf. wrong\thandoffs\tp50\tp99\t")
	row := func(shop, part string, f Figures) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%.1f %%\t%d\t%.1f %%\t%.1f %%\t%s\t%s\t\n", shop, part, f.Questions, f.Accuracy(),
			f.Clarified, f.ConfidentlyWrongRate(), f.HandoffRate(), ms(f.Latency(0.5)), ms(f.Latency(0.99)))
	}
	for _, shop := range r.Shops() {
		for _, part := range []Part{Dev, Holdout} {
			f := r.Where(func(res Result) bool { return res.Shop == shop && res.Part == part })
			if f.Questions > 0 {
				row(shop, string(part), f)
			}
		}
		row(shop, "all", r.Shop(shop))
	}
	fmt.Fprintln(tw, "\t\t\t\t\t\t\t\t\t")
	fmt.Fprintln(tw, "category\t\tquestions\taccuracy\tclarified\tconf. wrong\thandoffs\tp50\tp99\t")
	for _, c := range Categories {
		f := r.Where(func(res Result) bool { return res.Question.Category == c })
		if f.Questions > 0 {
			row(c, "", f)
		}
	}
	tw.Flush()
}

// PrintFailures writes each question of the parts given that was not
// answered right, with what the engine said.
func (r Report) PrintFailures(w io.Writer, parts ...Part) {
	for _, res := range r.Results {
		if res.Verdict.IsCorrect() || !slices.Contains(parts, res.Part) {
			continue
		}
		q, a := res.Question, res.Answer
		fmt.Fprintf(w, "\n%s [%s, %s] %s: %q", res.Verdict, res.Shop, q.Category, q.ID, q.Text)
		if q.CustomerID != 0 {
			fmt.Fprintf(w, " (signed in as %d)", q.CustomerID)
		}
		fmt.Fprintf(w, "\n  expected: %s\n  lacks:    %s\n  answered: %s\n", describeExpectation(q.Expect), res.Missing, describeAnswer(a))
	}
}

func describeExpectation(e Expectation) string {
	switch {
	case e.Handoff:
		return "handoff"
	case e.SignIn:
		return "sign-in"
	}
	var parts []string
	if len(e.Facts) > 0 {
		parts = append(parts, "facts "+strings.Join(e.Facts, "; "))
	}
	if len(e.Cards) > 0 {
		parts = append(parts, "cards "+strings.Join(e.Cards, ", "))
	}
	return strings.Join(parts, " and ")
}

func describeAnswer(a aiagent.Answer) string {
	var parts []string
	if a.Text != "" {
		parts = append(parts, fmt.Sprintf("%q", oneLine(a.Text, 300)))
	}
	if len(a.Cards) > 0 {
		handles := make([]string, len(a.Cards))
		for i, c := range a.Cards {
			handles[i] = c.Handle
		}
		parts = append(parts, "cards "+strings.Join(handles, ", "))
	}
	if len(a.Choices) > 0 {
		parts = append(parts, "choices "+strings.Join(a.Choices, " / "))
	}
	if a.Handoff {
		parts = append(parts, "handoff ("+a.HandoffReason+")")
	}
	if a.SignIn {
		parts = append(parts, "sign-in")
	}
	if len(a.Sources) > 0 {
		parts = append(parts, fmt.Sprintf("from %s %q (%.2f)", a.Sources[0].Kind, a.Sources[0].Title, a.Sources[0].Score))
	}
	parts = append(parts, fmt.Sprintf("confidence %.2f", a.Confidence))
	return strings.Join(parts, "; ")
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
