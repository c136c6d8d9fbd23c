package eval_test

import (
	"fmt"
	"os"
	"testing"

	"hubchat/app/aiagent/eval"
	"hubchat/storage/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// The acceptance thresholds of issue [8/13], per shop: accuracy at least,
// confidently wrong at most, in percent.
var thresholds = map[string]struct{ accuracy, confidentlyWrong float64 }{
	"en": {85, 3},
	"es": {80, 3},
}

// Environment variables of the eval (make eval sets them from its own).
const (
	// EVAL_PART=dev runs the dev sets only.
	envPart = "EVAL_PART"
	// EVAL_FAILURES=dev prints the dev sets' failed questions with what
	// the engine said; =all the holdout sets' too.
	envFailures = "EVAL_FAILURES"
	// EVAL_ENFORCE=1 fails the test when a shop is below its thresholds.
	envEnforce = "EVAL_ENFORCE"
	// EVAL_REPORT=1 prints the figures without -v.
	envReport = "EVAL_REPORT"
)

// loadSets reads the question sets, the dev ones only when EVAL_PART=dev.
func loadSets(t testing.TB) []eval.Set {
	t.Helper()
	sets, err := eval.LoadSets(setsDir)
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv(envPart) == string(eval.Dev) {
		var dev []eval.Set
		for _, s := range sets {
			if s.Part == eval.Dev {
				dev = append(dev, s)
			}
		}
		sets = dev
	}
	return sets
}

// TestEval asks the built-in engine every question of the sets, over each
// shop installed into the app as make dev installs it, prints the figures
// and, with EVAL_ENFORCE=1, fails when a shop is below the thresholds of
// its language.
func TestEval(t *testing.T) {
	sets := loadSets(t)
	shops := install(t, sets)
	report := ask(t, sets, shops)
	if testing.Verbose() || os.Getenv(envReport) != "" {
		fmt.Println()
		report.Print(os.Stdout)
	}
	switch os.Getenv(envFailures) {
	case "all":
		report.PrintFailures(os.Stdout, eval.Dev, eval.Holdout)
	case "dev", "1":
		report.PrintFailures(os.Stdout, eval.Dev)
	}
	for _, name := range report.Shops() {
		f, want := report.Shop(name), thresholds[shops[name].locale]
		if f.Accuracy() >= want.accuracy && f.ConfidentlyWrongRate() <= want.confidentlyWrong {
			continue
		}
		msg := fmt.Sprintf("%s (%s): accuracy %.1f %% (want at least %.0f %%), confidently wrong %.1f %% (want at most %.0f %%)",
			name, shops[name].locale, f.Accuracy(), want.accuracy, f.ConfidentlyWrongRate(), want.confidentlyWrong)
		if os.Getenv(envEnforce) != "" {
			t.Error(msg)
		} else {
			t.Log("below the thresholds (EVAL_ENFORCE=1 fails on it): " + msg)
		}
	}
}

// BenchmarkEval reports the eval's figures per shop (accuracy and
// confidently wrong in percent, and their margins to the thresholds in
// points) and the first answers' p99 in ms.
func BenchmarkEval(b *testing.B) {
	sets := loadSets(b)
	shops := install(b, sets)
	var report eval.Report
	for b.Loop() {
		report = ask(b, sets, shops)
	}
	for _, name := range report.Shops() {
		f, want := report.Shop(name), thresholds[shops[name].locale]
		b.ReportMetric(f.Accuracy(), name+"-correct-%")
		b.ReportMetric(f.ConfidentlyWrongRate(), name+"-confidently-wrong-%")
		// Accuracy above its threshold, and confidently wrong below its,
		// in points: both at least 0 when the shop meets them (make
		// bench's row of the eval).
		b.ReportMetric(f.Accuracy()-want.accuracy, name+"-correct-margin-points")
		b.ReportMetric(want.confidentlyWrong-f.ConfidentlyWrongRate(), name+"-confidently-wrong-margin-points")
	}
	all := report.Where(func(eval.Result) bool { return true })
	b.ReportMetric(float64(all.Latency(0.99).Microseconds())/1000, "p99-ms")
}
