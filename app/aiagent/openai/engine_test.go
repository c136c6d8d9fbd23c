package openai_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/openai"
	"hubchat/app/aiagent/openai/modelserver"
)

// The request carries the rules, the retrieved passages, the history and
// the question, and offers an anonymous shopper product search and
// handoff only; the model's text is the answer, its sources the passages.
func TestSendsGroundedPromptAndTools(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(modelserver.Text("Standard shipping takes 3 to 5 business days."))
	a, r := f.askAs(t, aiagent.Question{Text: "how long does shipping take", Language: "es",
		History: []aiagent.Turn{{Author: "shopper", Text: "hi"}, {Author: "ai", Text: "Hello!"}, {Author: "system", Text: "x"}}})
	if r.By != openai.ByModel || r.FellBack {
		t.Fatalf("report %+v", r)
	}
	reqs := f.model.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	req := reqs[0]
	if req.Model != "test-model-1" || !req.Stream || string(req.ToolChoice) != `"auto"` {
		t.Fatalf("model %q stream %v tool_choice %s", req.Model, req.Stream, req.ToolChoice)
	}
	if got := req.ToolNames(); !reflect.DeepEqual(got, []string{"product_search", "handoff"}) {
		t.Fatalf("tools offered to an anonymous shopper: %v", got)
	}
	var roles []string
	for _, m := range req.Messages {
		roles = append(roles, m.Role)
	}
	if !reflect.DeepEqual(roles, []string{"system", "user", "assistant", "user"}) {
		t.Fatalf("roles %v", roles)
	}
	system := req.Messages[0].Text()
	for _, want := range []string{"Answer only from the MATERIAL", "Spanish", "Standard shipping takes 3 to 5 business days.",
		"call the handoff tool", "not signed in"} {
		if !strings.Contains(system, want) {
			t.Errorf("system prompt lacks %q:\n%s", want, system)
		}
	}
	if last := req.Messages[3].Text(); last != "how long does shipping take" {
		t.Fatalf("question sent as %q", last)
	}
	if a.Text != "Standard shipping takes 3 to 5 business days." || a.Handoff || len(a.Sources) == 0 ||
		a.Sources[0].Title != "How long does shipping take?" || a.Confidence < 0.5 {
		t.Fatalf("answer %+v", a)
	}
}

// Of the passages sent, those that matched little of the question are not
// named as the answer's sources.
func TestWeakPassagesAreNotSources(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(modelserver.Text("We ship to the United States, Canada and the United Kingdom."))
	a, _ := f.ask(t, "do you ship internationally, say to canada")
	system := f.model.Requests()[0].Messages[0].Text()
	if n := strings.Count(system, "\n["); n < 2 || len(a.Sources) >= n || a.Sources[0].Title != "Do you ship internationally?" {
		t.Fatalf("%d passages sent, sources %+v", n, a.Sources)
	}
}

// A tool-call round trip: the model searches products, the engine runs the
// search and sends the result back under the call's id, the model answers,
// and the products found are the answer's cards.
func TestProductSearchRoundTrip(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(
		modelserver.Reply{ToolCalls: []modelserver.Call{{ID: "call_1", Name: "product_search", Arguments: `{"query": "merino hoodie"}`}}},
		modelserver.Text("The Trailhead Merino Hoodie is a midweight merino hoodie for $89."))
	a, r := f.ask(t, "do you have a warm wool hoodie?")
	if r.By != openai.ByModel {
		t.Fatalf("report %+v", r)
	}
	reqs := f.model.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	msgs := reqs[1].Messages
	call, result := msgs[len(msgs)-2], msgs[len(msgs)-1]
	if call.Role != "assistant" || len(call.ToolCalls) != 1 || call.ToolCalls[0].ID != "call_1" ||
		call.ToolCalls[0].Function.Name != "product_search" || call.ToolCalls[0].Function.Arguments != `{"query": "merino hoodie"}` {
		t.Fatalf("the call sent back: %+v", call)
	}
	var found struct {
		Products []struct{ Title, Facts string }
	}
	if result.Role != "tool" || result.ToolCallID != "call_1" || json.Unmarshal([]byte(result.Text()), &found) != nil ||
		len(found.Products) == 0 || found.Products[0].Title != "Trailhead Merino Hoodie" || !strings.Contains(found.Products[0].Facts, "89.00 USD") {
		t.Fatalf("the tool result: %+v", result)
	}
	if len(a.Cards) != 1 || a.Cards[0].ProductID != 8001 || a.Cards[0].Currency != "USD" || a.Intent != aiagent.IntentProducts ||
		a.Tag != aiagent.TagProduct || !strings.Contains(a.Text, "Trailhead") {
		t.Fatalf("answer %+v", a)
	}
}

// A signed-in shopper's orders are in the prompt and order_status is
// offered; its call reads only that customer's orders.
func TestOrderStatusToolForSignedInShopper(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(modelserver.ToolCall("order_status", `{"order_number": "#1001"}`),
		modelserver.Text("Order #1001 has shipped with UPS."))
	a, r := f.askAs(t, aiagent.Question{Text: "has my hoodie left yet? order 1001", Language: "en", CustomerID: customerID})
	if r.By != openai.ByModel {
		t.Fatalf("report %+v", r)
	}
	reqs := f.model.Requests()
	if !slices.Contains(reqs[0].ToolNames(), "order_status") || !strings.Contains(reqs[0].Messages[0].Text(), "#1001: ") {
		t.Fatalf("tools %v, prompt:\n%s", reqs[0].ToolNames(), reqs[0].Messages[0].Text())
	}
	result := reqs[1].Messages[len(reqs[1].Messages)-1]
	if !strings.Contains(result.Text(), `"order":"#1001"`) || !strings.Contains(result.Text(), "https://ups.example/track/1Z999") {
		t.Fatalf("tool result %s", result.Text())
	}
	if a.Intent != aiagent.IntentOrderStatus || a.Tag != aiagent.TagOrderStatus || !slices.ContainsFunc(a.Sources,
		func(s aiagent.Source) bool { return s.Kind == aiagent.SourceOrder && s.ID == "#1001" }) {
		t.Fatalf("answer %+v", a)
	}
}

// An anonymous shopper's order question is the built-in engine's (sign in
// first): the model is not asked. And a model that calls order_status for
// an anonymous shopper anyway (not offered) is not obeyed.
func TestOrderStatusRefusedForAnonymousShopper(t *testing.T) {
	f := newFixture(t, openai.Options{})
	a, r := f.ask(t, "where is my order?")
	if !a.SignIn || r.By != openai.ByBuiltin || r.FellBack || len(f.model.Requests()) != 0 {
		t.Fatalf("answer %+v report %+v, %d requests", a, r, len(f.model.Requests()))
	}
	f.model.Reply(modelserver.ToolCall("order_status", `{}`))
	a, r = f.ask(t, "tell me about the merino hoodie")
	if r.By != openai.ByBuiltin || !r.FellBack || !strings.Contains(r.Reason, "not signed in") || slices.ContainsFunc(a.Sources,
		func(s aiagent.Source) bool { return s.Kind == aiagent.SourceOrder }) {
		t.Fatalf("answer %+v report %+v", a, r)
	}
}

// The model's handoff is the answer's.
func TestHandoffTool(t *testing.T) {
	f := newFixture(t, openai.Options{})
	f.model.Reply(modelserver.ToolCall("handoff", `{"reason": "asks about a wholesale account"}`))
	a, r := f.ask(t, "can I open a wholesale account for my shipping business")
	if !a.Handoff || r.By != openai.ByModel || !strings.Contains(a.HandoffReason, "wholesale account") {
		t.Fatalf("answer %+v report %+v", a, r)
	}
}

// Rules the model must not change are the built-in engine's: a shopper
// who asks for a person is handed off without asking the model.
func TestRulesDecideBeforeTheModel(t *testing.T) {
	f := newFixture(t, openai.Options{})
	a, r := f.ask(t, "I want to talk to a human")
	if !a.Handoff || a.Intent != aiagent.IntentHuman || r.By != openai.ByBuiltin || r.FellBack || len(f.model.Requests()) != 0 {
		t.Fatalf("answer %+v report %+v", a, r)
	}
}

// OnText gets the text as it streams, growing piece by piece, and the
// answer is all of it.
func TestStreamsTextAsItComes(t *testing.T) {
	f := newFixture(t, openai.Options{})
	pieces := []string{"Standard ", "shipping ", "takes 3 ", "to 5 ", "business days."}
	f.model.Reply(modelserver.Reply{Chunks: pieces})
	var seen []string
	a, r := f.askAs(t, aiagent.Question{Text: "how long is shipping", Language: "en", OnText: func(s string) { seen = append(seen, s) }})
	if r.By != openai.ByModel {
		t.Fatalf("report %+v", r)
	}
	var want []string
	for i := range pieces {
		want = append(want, strings.Join(pieces[:i+1], ""))
	}
	if !reflect.DeepEqual(seen, want) || a.Text != strings.Join(pieces, "") {
		t.Fatalf("streamed %q, answer %q", seen, a.Text)
	}
}
