package loadtest

import (
	"strings"
	"testing"
	"time"
)

func TestSummariseNearestRank(t *testing.T) {
	var d []time.Duration
	for i := 100; i >= 1; i-- { // 1..100 ms, given out of order
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	got := Summarise(d)
	want := Latencies{Count: 100, P50: 50 * time.Millisecond, P99: 99 * time.Millisecond, Max: 100 * time.Millisecond}
	if got != want {
		t.Fatalf("Summarise(1..100 ms) = %+v, want %+v", got, want)
	}
	// Ranks that are not whole round up: of three, the median is the
	// second and the 99th percentile the third.
	if three := Summarise([]time.Duration{30, 10, 20}); three.P50 != 20 || three.P99 != 30 {
		t.Fatalf("three samples: %+v", three)
	}
	if one := Summarise([]time.Duration{7}); one.P50 != 7 || one.P99 != 7 || one.Max != 7 {
		t.Fatalf("one sample: %+v", one)
	}
	if none := Summarise(nil); none != (Latencies{}) || none.String() != "no samples" {
		t.Fatalf("no samples: %+v %q", none, none.String())
	}
	// 1,000 samples: the 99th percentile is the 990th, not the maximum.
	d = d[:0]
	for i := 1; i <= 1000; i++ {
		d = append(d, time.Duration(i)*time.Microsecond)
	}
	if got := Summarise(d); got.P99 != 990*time.Microsecond || got.P50 != 500*time.Microsecond {
		t.Fatalf("1..1000 µs: %+v", got)
	}
}

func TestLedgerCountsLostDuplicatedAndUnexpected(t *testing.T) {
	l := NewLedger()
	t0 := time.Unix(1000, 0)
	l.Expect("shopper 1", "a", t0)
	l.Expect("shopper 1", "b", t0)
	l.Expect("shopper 2", "a", t0) // the same message to another recipient
	l.Expect("shopper 2", "c", t0)
	// a arrives at shopper 1 twice (a replay), b before its expectation is
	// even recorded (the event beat the POST's answer), c never; shopper 2
	// gets a once, and d, which it was never to receive.
	l.Receive("shopper 1", "a", t0.Add(3*time.Millisecond))
	l.Receive("shopper 1", "a", t0.Add(9*time.Millisecond))
	l.Receive("shopper 2", "a", t0.Add(5*time.Millisecond))
	l.Receive("shopper 2", "d", t0.Add(1*time.Millisecond))
	l.Receive("shopper 1", "b", t0.Add(4*time.Millisecond))
	l.Expect("shopper 1", "b", t0.Add(time.Hour)) // a second Expect keeps the first send time
	if n := l.Outstanding(); n != 1 {
		t.Fatalf("outstanding %d, want 1 (c, to shopper 2)", n)
	}
	got := l.Tally()
	if got.Delivered != 3 || got.Lost != 1 || got.Duplicated != 2 {
		t.Fatalf("delivered %d lost %d duplicated %d, want 3, 1, 2", got.Delivered, got.Lost, got.Duplicated)
	}
	want := Latencies{Count: 3, P50: 4 * time.Millisecond, P99: 5 * time.Millisecond, Max: 5 * time.Millisecond}
	if got.Latencies != want {
		t.Fatalf("latencies %+v, want %+v (from each send to its first receipt)", got.Latencies, want)
	}
}

func TestTallyAllTakesPercentilesOverTheUnion(t *testing.T) {
	a, b := NewLedger(), NewLedger()
	t0 := time.Unix(0, 0)
	for i := range 99 {
		id := string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		a.Expect("r", id, t0)
		a.Receive("r", id, t0.Add(time.Millisecond))
	}
	b.Expect("r", "slow", t0)
	b.Receive("r", "slow", t0.Add(time.Second))
	all := TallyAll(a, b)
	if all.Delivered != 100 || all.Latencies.P99 != time.Millisecond || all.Latencies.Max != time.Second {
		t.Fatalf("%+v: one slow delivery in 100 is the maximum, not the 99th percentile", all)
	}
}

func TestReadEventsParsesFramesAndSkipsComments(t *testing.T) {
	in := ": ping\n\nid: 7\n\nid: 8\nevent: message.created\ndata: {\"id\": 1,\ndata: \"x\": 2}\n\n: ping\n\nevent: message.draft\ndata: {}\n\n"
	var got []Event
	if err := readEvents(strings.NewReader(in), func(e Event) { got = append(got, e) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d events, want 3: %+v", len(got), got)
	}
	if got[0].ID != "7" || got[0].Name != "" {
		t.Fatalf("the first frame is an id alone: %+v", got[0])
	}
	if got[1].ID != "8" || got[1].Name != "message.created" || string(got[1].Data) != "{\"id\": 1,\n\"x\": 2}" {
		t.Fatalf("multi-line data: %+v %q", got[1], got[1].Data)
	}
	if got[2].ID != "" || got[2].Name != "message.draft" {
		t.Fatalf("a draft has no id: %+v", got[2])
	}
}

func TestWebhookPlanCountsUniqueEvents(t *testing.T) {
	sends, unique := webhookPlan(WebhookConfig{Rate: 100, Duration: time.Second, DuplicateEvery: 10, RunID: "r"})
	if len(sends) != 100 {
		t.Fatalf("%d sends, want 100", len(sends))
	}
	events := map[string]bool{}
	webhookIDs := map[string]int{}
	for _, s := range sends {
		events[s.eventID] = true
		webhookIDs[s.webhookID]++
	}
	if int64(len(events)) != unique {
		t.Fatalf("unique %d, but %d distinct events were planned", unique, len(events))
	}
	retries, redeliveries := 0, 0
	for id, n := range webhookIDs {
		if n == 2 {
			retries++
		}
		if strings.HasSuffix(id, "-again") {
			redeliveries++
		}
	}
	if retries == 0 || redeliveries == 0 || int64(len(sends))-unique != int64(retries+redeliveries) {
		t.Fatalf("duplicates: %d retries (same webhook id), %d redeliveries (same event id), %d unique of %d", retries, redeliveries, unique, len(sends))
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkInboxFirstPage/open-2         	     100	   2345678 ns/op	         1.200 p50-ms	         4.500 p99-ms	  12 B/op
BenchmarkInboxFirstPage/search-word-2  	     100	   2345678 ns/op	         3.000 p50-ms	        61.000 p99-ms
BenchmarkShopperPostToAIAnswer-2       	     100	   2345678 ns/op	         3.000 p50-ms	        161.000 p99-ms
BenchmarkAnswer-2   	built-in engine, 10000 documents: index built in 7.2s
     120	   5070618 ns/op	        35.21 MB/index	         2.000 p50-ms	        9.000 p99-ms
PASS`
	b, err := ParseGoBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b["BenchmarkInboxFirstPage/open"]["p99-ms"] != 4.5 || b["BenchmarkInboxFirstPage/open"]["B/op"] != 12 ||
		b["BenchmarkAnswer"]["p50-ms"] != 2 || b["BenchmarkAnswer"]["MB/index"] != 35.21 {
		t.Fatalf("parsed %+v", b)
	}
	rows := goBenchRows(b)
	verdicts := map[string]string{}
	for _, r := range rows {
		verdicts[r.What] = r.Pass
	}
	if verdicts["AI agent answer, built-in, 10,000 documents"] != "pass" || verdicts["AI agent, shopper POST → answer on the stream"] != "FAIL" {
		t.Fatalf("verdicts %v", verdicts)
	}
}

// make eval's row names the least accurate shop and the one most often
// confidently wrong, and fails when either is past its threshold.
func TestEvalRowNamesTheWorstShops(t *testing.T) {
	out := `BenchmarkEval-2   	       1	9000000000 ns/op	        91.00 demo-correct-%	         0 demo-confidently-wrong-%	         6.000 demo-correct-margin-points	         3.000 demo-confidently-wrong-margin-points	        85.50 ember-correct-%	         2.300 ember-confidently-wrong-%	         0.5000 ember-correct-margin-points	         0.7000 ember-confidently-wrong-margin-points	        82.00 casa-correct-%	         2.900 casa-confidently-wrong-%	         2.000 casa-correct-margin-points	         0.1000 casa-confidently-wrong-margin-points	         8.000 p99-ms
PASS`
	b, err := ParseGoBench(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	r := evalRow(b["BenchmarkEval"])
	if r.Pass != "pass" || !strings.Contains(r.Measured, "least accurate ember 85.5 %") || !strings.Contains(r.Measured, "most confidently wrong casa 2.9 %") {
		t.Fatalf("row %+v", r)
	}
	b["BenchmarkEval"]["casa-confidently-wrong-margin-points"] = -0.8
	if r := evalRow(b["BenchmarkEval"]); r.Pass != "FAIL" {
		t.Fatalf("a shop past its threshold: %+v", r)
	}
	if r := evalRow(nil); r.Pass != "n/a" || r.Measured != "not run" {
		t.Fatalf("no eval: %+v", r)
	}
}

func TestLedgerDropForgetsUnaccountableMessages(t *testing.T) {
	l := NewLedger()
	t0 := time.Unix(0, 0)
	l.Expect("agent 0", "12#1", t0)
	l.Receive("agent 0", "12#1", t0.Add(time.Millisecond))
	// Conversation 13's first send failed yet was stored: its receipts are
	// one place ahead of what the sender expected.
	l.Expect("agent 0", "13#2", t0)
	l.Receive("agent 0", "13#1", t0.Add(time.Millisecond))
	l.Receive("agent 0", "13#2", t0.Add(time.Millisecond))
	l.Receive("agent 0", "13#3", t0.Add(time.Millisecond))
	if n := l.Drop(func(m string) bool { return strings.HasPrefix(m, "13#") }); n != 3 {
		t.Fatalf("dropped %d receipts, want 3", n)
	}
	if got := l.Tally(); got.Delivered != 1 || got.Lost != 0 || got.Duplicated != 0 {
		t.Fatalf("after the drop: %+v, want conversation 12 alone", got)
	}
}
