package modelserver_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"hubchat/app/aiagent/openai/modelserver"
)

func post(t *testing.T, s *modelserver.Server, key, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+"/chat/completions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// The server refuses what the API refuses, with its error body, and
// records only the requests it accepted.
func TestRefusesMalformedRequests(t *testing.T) {
	s := modelserver.Start("sk-good")
	defer s.Close()
	const sys = `{"role": "system", "content": "rules"}`
	call := `{"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "handoff", "arguments": "{}"}}]}`
	tools := `"tools": [{"type": "function", "function": {"name": "handoff", "parameters": {"type": "object", "properties": {}}}}]`
	cases := []struct {
		name, key, body string
		status          int
		says            string
	}{
		{"wrong key", "sk-bad", `{"model": "m", "messages": [` + sys + `]}`, 401, "API key"},
		{"not JSON", "sk-good", `{"model": `, 400, "not valid JSON"},
		{"no model", "sk-good", `{"messages": [` + sys + `]}`, 400, "no model"},
		{"no messages", "sk-good", `{"model": "m", "messages": []}`, 400, "no messages"},
		{"unknown role", "sk-good", `{"model": "m", "messages": [{"role": "robot", "content": "x"}]}`, 400, "unknown role"},
		{"tool without its call", "sk-good", `{"model": "m", "messages": [` + sys + `, {"role": "tool", "tool_call_id": "call_9", "content": "{}"}]}`, 400, "must answer a tool call"},
		{"call never answered", "sk-good", `{"model": "m", ` + tools + `, "messages": [` + sys + `, ` + call + `, {"role": "user", "content": "hi"}]}`, 400, "answered by a tool message"},
		{"tool choice without tools", "sk-good", `{"model": "m", "tool_choice": "auto", "messages": [` + sys + `]}`, 400, "needs tools"},
		{"tool without a name", "sk-good", `{"model": "m", "tools": [{"type": "function", "function": {"name": "bad name"}}], "messages": [` + sys + `]}`, 400, "function name"},
		{"user without content", "sk-good", `{"model": "m", "messages": [{"role": "user"}]}`, 400, "content"},
	}
	for _, c := range cases {
		resp := post(t, s, c.key, c.body)
		var body struct {
			Error struct {
				Message string  `json:"message"`
				Type    string  `json:"type"`
				Code    *string `json:"code"`
			} `json:"error"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != c.status ||
			body.Error.Type != "invalid_request_error" || !strings.Contains(body.Error.Message, c.says) {
			t.Errorf("%s: %d %+v (%v)", c.name, resp.StatusCode, body, err)
		}
	}
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d malformed requests recorded", n)
	}
}

// A tool call streams its id and name first, then its arguments in
// pieces, then the finish reason and [DONE].
func TestStreamsToolCallsInPieces(t *testing.T) {
	s := modelserver.Start("sk-good")
	defer s.Close()
	s.Reply(modelserver.ToolCall("handoff", `{"reason": "refund"}`))
	resp := post(t, s, "sk-good", `{"model": "m", "stream": true, "tools": [{"type": "function", "function": {"name": "handoff"}}], "messages": [{"role": "user", "content": "x"}]}`)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var args, finish, last string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		last = data
		if data == "[DONE]" {
			break
		}
		var c struct {
			Object  string `json:"object"`
			Choices []struct {
				Delta struct {
					ToolCalls []struct {
						Index    int    `json:"index"`
						ID       string `json:"id"`
						Function struct{ Name, Arguments string }
					} `json:"tool_calls"`
				} `json:"delta"`
				FinishReason *string `json:"finish_reason"`
			} `json:"choices"`
		}
		if err := json.Unmarshal([]byte(data), &c); err != nil || c.Object != "chat.completion.chunk" {
			t.Fatalf("chunk %s: %v", data, err)
		}
		for _, tc := range c.Choices[0].Delta.ToolCalls {
			if tc.ID != "" && tc.Function.Name != "handoff" {
				t.Fatalf("first piece %s", data)
			}
			args += tc.Function.Arguments
		}
		if c.Choices[0].FinishReason != nil {
			finish = *c.Choices[0].FinishReason
		}
	}
	if args != `{"reason": "refund"}` || finish != "tool_calls" || last != "[DONE]" {
		t.Fatalf("arguments %q, finish %q, last %q", args, finish, last)
	}
}

// The stand-in model quotes the first passage of the material it is sent,
// a word at a time, and hands off when there is none.
func TestQuoteQuotesTheMaterial(t *testing.T) {
	system := func(material string) modelserver.Request {
		content, _ := json.Marshal("Rules…\n\nMATERIAL:\n" + material + "\nThe shopper is not signed in.")
		req := modelserver.Request{Model: "demo", Messages: []modelserver.Message{{Role: "system", Content: content},
			{Role: "user", Content: json.RawMessage(`"how long is shipping"`)}}}
		req.Tools = make([]modelserver.Tool, 1)
		req.Tools[0].Type, req.Tools[0].Function.Name = "function", "handoff"
		return req
	}
	r := modelserver.Quote(system("[1] faq: How long does shipping take?\nStandard shipping takes 3 to 5 days.\n[2] article: Returns\nWithin 30 days.\n"))
	if r.Text != "Standard shipping takes 3 to 5 days." || len(r.Chunks) != 7 || strings.Join(r.Chunks, "") != r.Text {
		t.Fatalf("reply %+v", r)
	}
	if r := modelserver.Quote(system("(none)\n")); len(r.ToolCalls) != 1 || r.ToolCalls[0].Name != "handoff" {
		t.Fatalf("with nothing to quote: %+v", r)
	}
	req := system("(none)\n")
	req.Messages = append(req.Messages, modelserver.Message{Role: "tool", Content: json.RawMessage(`"{\"products\":[{\"title\":\"Wool Hat\"}]}"`)})
	if r := modelserver.Quote(req); r.Text != "Here is what I found: Wool Hat." {
		t.Fatalf("after a product search: %+v", r)
	}
}
