package openai_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/openai"
	"hubchat/app/aiagent/openai/modelserver"
)

// Whatever goes wrong with the model, the shopper gets the built-in
// engine's answer, the report says why, and the log names no key.
func TestFallsBackToTheBuiltinEngine(t *testing.T) {
	slow := make([]string, 20)
	for i := range slow {
		slow[i] = "word "
	}
	cases := []struct {
		name   string
		reply  modelserver.Reply
		reason string
	}{
		{"server error", modelserver.Error(http.StatusInternalServerError, "server_error", ""), "answered 500 (server_error)"},
		{"rate limited", modelserver.Reply{Status: http.StatusTooManyRequests, ErrorType: "requests", ErrorCode: "rate_limit_exceeded", RetryAfter: "20"},
			"answered 429 (requests rate_limit_exceeded)"},
		{"key refused", modelserver.Error(http.StatusUnauthorized, "invalid_request_error", "invalid_api_key"), "answered 401"},
		{"slow stream", modelserver.Reply{Chunks: slow, Delay: 60 * time.Millisecond}, "did not finish answering in time"},
		{"no first token", modelserver.Reply{Text: "late", FirstDelay: 700 * time.Millisecond}, "did not start answering in time"},
		{"malformed chunk", modelserver.Reply{Text: "Standard shipping", Malformed: true}, "did not follow the API"},
		{"arguments not JSON", modelserver.ToolCall("product_search", `{"query": "hood`), "arguments are not valid"},
		{"arguments of another tool", modelserver.ToolCall("product_search", `{"order_number": "1"}`), "arguments are not valid"},
		{"tool not offered", modelserver.ToolCall("refund_order", `{}`), "not offered"},
		{"cut short", modelserver.Reply{Text: "Standard shipping takes", FinishReason: "length"}, `stopped for "length"`},
		{"empty", modelserver.Text("   "), "empty"},
	}
	f := newFixture(t, openai.Options{Timeout: 600 * time.Millisecond, FirstToken: 300 * time.Millisecond})
	q := aiagent.Question{Text: "how long does shipping take", Language: "en"}
	want := f.builtinAnswer(t, q)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f.model.Reply(c.reply)
			a, r := f.askAs(t, q)
			if !reflect.DeepEqual(a, want) || r.By != openai.ByBuiltin || !r.FellBack || !strings.Contains(r.Reason, c.reason) {
				t.Fatalf("answer %+v, report %+v; want the built-in answer and a reason with %q", a, r, c.reason)
			}
		})
	}
	if logs := f.logs.String(); strings.Contains(logs, testKey) || !strings.Contains(logs, "reason=") {
		t.Fatalf("logs:\n%s", logs)
	}
}

// A transport error (nothing listens) falls back too.
func TestFallsBackWhenUnreachable(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Close()
	_, r := f.ask(t, "how long does shipping take")
	if r.By != openai.ByBuiltin || !r.FellBack || r.Reason != "the endpoint could not be reached" {
		t.Fatalf("report %+v", r)
	}
}

// A model that answers though nothing in the shop's data matched has made
// its answer up: the built-in engine's handoff is given instead.
func TestNoMaterialNoGeneratedAnswer(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(modelserver.Text("Yes, we offer a 15% student discount."))
	a, r := f.ask(t, "student discount?")
	if !a.Handoff || !r.FellBack || !strings.Contains(r.Reason, "no material") {
		t.Fatalf("answer %+v report %+v", a, r)
	}
	if !strings.Contains(f.model.Requests()[0].Messages[0].Text(), "MATERIAL:\n(none)") {
		t.Fatalf("prompt:\n%s", f.model.Requests()[0].Messages[0].Text())
	}
}

// Without the private-network allowance, the client refuses the model
// server on 127.0.0.1 when it dials: nothing reaches it.
func TestRefusesPrivateAddresses(t *testing.T) {
	f := newFixture(t, openai.Options{HTTP: openai.NewHTTPClient(false)})
	f.model.Reply(modelserver.Text("Standard shipping takes 3 to 5 business days."))
	_, r := f.ask(t, "how long does shipping take")
	if !r.FellBack || r.Reason != "the endpoint is on a private address" || len(f.model.Requests()) != 0 {
		t.Fatalf("report %+v, %d requests", r, len(f.model.Requests()))
	}
}

func TestCheckBaseURL(t *testing.T) {
	cases := []struct {
		raw          string
		allowPrivate bool
		want, err    string
	}{
		{"https://api.openai.com/v1/", false, "https://api.openai.com/v1", ""},
		{" https://models.example.com/openai/v1 ", false, "https://models.example.com/openai/v1", ""},
		{"api.openai.com/v1", false, "", "absolute URL"},
		{"ftp://models.example.com", false, "", "https://"},
		{"http://models.example.com/v1", false, "", "https://"},
		{"https://user:pw@models.example.com/v1", false, "", "user name"},
		{"https://127.0.0.1:8080/v1", false, "", "private or local"},
		{"https://[::1]/v1", false, "", "private or local"},
		{"https://169.254.169.254/latest", false, "", "private or local"},
		{"https://10.0.0.5/v1", false, "", "private or local"},
		{"https://localhost/v1", false, "", "private or local"},
		{"http://127.0.0.1:11434/v1", true, "http://127.0.0.1:11434/v1", ""},
	}
	for _, c := range cases {
		got, err := openai.CheckBaseURL(c.raw, c.allowPrivate)
		if c.err == "" && (err != nil || got != c.want) || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("CheckBaseURL(%q, %v) = %q, %v", c.raw, c.allowPrivate, got, err)
		}
	}
}

// An endpoint that streams on and on is cut off, well before the timeout.
func TestRunawayStreamIsCut(t *testing.T) {
	f := newFixture(t, openai.Options{Timeout: time.Minute})
	huge := make([]string, 3000)
	for i := range huge {
		huge[i] = strings.Repeat("shipping ", 20)
	}
	f.model.Reply(modelserver.Reply{Chunks: huge})
	_, r := f.ask(t, "how long does shipping take")
	if !r.FellBack || !strings.Contains(r.Reason, "went on past") {
		t.Fatalf("report %+v", r)
	}
}
