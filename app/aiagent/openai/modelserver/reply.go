package modelserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Reply is what the server answers one request with.
type Reply struct {
	// Text is the assistant's answer, sent in Chunks when given (their
	// concatenation should be Text), else in pieces of a few characters.
	Text   string
	Chunks []string
	// ToolCalls are tools the model calls; their arguments are streamed in
	// two pieces each, as a model writes them.
	ToolCalls []Call
	// FinishReason overrides the finish reason ("stop", or "tool_calls"
	// with tool calls): "length" or "content_filter".
	FinishReason string
	// Delay is waited before each chunk (a slow model); FirstDelay before
	// the response starts.
	Delay, FirstDelay time.Duration

	// Status, when set, answers with that HTTP status and the API's error
	// body (ErrorType, ErrorCode), and RetryAfter as Retry-After.
	Status     int
	ErrorType  string
	ErrorCode  string
	RetryAfter string
	// Malformed sends a chunk that is not JSON after the text.
	Malformed bool
}

// Call is a tool call a reply makes.
type Call struct {
	ID, Name  string
	Arguments string // JSON, as the model wrote it (it may be malformed)
}

// Text replies with text.
func Text(text string) Reply { return Reply{Text: text} }

// ToolCall replies with one call of tool name with arguments.
func ToolCall(name, arguments string) Reply {
	return Reply{ToolCalls: []Call{{Name: name, Arguments: arguments}}}
}

// Error replies with an HTTP error status.
func Error(status int, kind, code string) Reply {
	return Reply{Status: status, ErrorType: kind, ErrorCode: code}
}

var completionIDs atomic.Int64

// send writes the reply, streamed when req asked for a stream.
func (rep Reply) send(w http.ResponseWriter, r *http.Request, req Request) {
	if !wait(r, rep.FirstDelay) {
		return
	}
	if rep.Status != 0 {
		if rep.RetryAfter != "" {
			w.Header().Set("Retry-After", rep.RetryAfter)
		}
		writeError(w, rep.Status, rep.ErrorType, rep.ErrorCode, "The scripted error "+strconv.Itoa(rep.Status)+".")
		return
	}
	c := completion{id: fmt.Sprintf("chatcmpl-%d", completionIDs.Add(1)), created: time.Now().Unix(), model: req.Model}
	if !req.Stream {
		writeJSON(w, c.whole(rep))
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	send := func(line string) bool {
		if !wait(r, rep.Delay) {
			return false
		}
		if _, err := fmt.Fprintf(w, "data: %s\n\n", line); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	for _, chunk := range c.chunks(rep) {
		if !send(chunk) {
			return
		}
	}
	if rep.Malformed && !send(`{"id": "`+c.id+`", "choices": [{"delta": {"content": "x"`) {
		return
	}
	send("[DONE]")
}

// wait waits d, or until the client goes away (false).
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return r.Context().Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// completion builds one answer's objects.
type completion struct {
	id      string
	created int64
	model   string
}

func (rep Reply) finishReason() string {
	switch {
	case rep.FinishReason != "":
		return rep.FinishReason
	case len(rep.ToolCalls) > 0:
		return "tool_calls"
	}
	return "stop"
}

func (rep Reply) pieces() []string {
	if rep.Chunks != nil {
		return rep.Chunks
	}
	var out []string
	runes := []rune(rep.Text)
	for i := 0; i < len(runes); i += 4 {
		out = append(out, string(runes[i:min(i+4, len(runes))]))
	}
	return out
}

func (c completion) callID(i int, call Call) string {
	if call.ID != "" {
		return call.ID
	}
	return fmt.Sprintf("call_%s_%d", c.id, i)
}

// chunks are the stream's chat.completion.chunk objects: the role, the
// text in pieces, each tool call (its id and name first, then its
// arguments in two pieces), then the finish reason.
func (c completion) chunks(rep Reply) []string {
	var out []string
	add := func(delta map[string]any, finish any) {
		out = append(out, mustJSON(map[string]any{"id": c.id, "object": "chat.completion.chunk", "created": c.created,
			"model": c.model, "choices": []any{map[string]any{"index": 0, "delta": delta, "logprobs": nil, "finish_reason": finish}}}))
	}
	add(map[string]any{"role": "assistant", "content": ""}, nil)
	for _, p := range rep.pieces() {
		add(map[string]any{"content": p}, nil)
	}
	for i, call := range rep.ToolCalls {
		add(map[string]any{"tool_calls": []any{map[string]any{"index": i, "id": c.callID(i, call), "type": "function",
			"function": map[string]any{"name": call.Name, "arguments": ""}}}}, nil)
		half := len(call.Arguments) / 2
		for _, part := range []string{call.Arguments[:half], call.Arguments[half:]} {
			add(map[string]any{"tool_calls": []any{map[string]any{"index": i, "function": map[string]any{"arguments": part}}}}, nil)
		}
	}
	add(map[string]any{}, rep.finishReason())
	return out
}

// whole is the chat.completion object of a request that did not stream.
func (c completion) whole(rep Reply) map[string]any {
	msg := map[string]any{"role": "assistant", "content": rep.Text}
	if len(rep.ToolCalls) > 0 {
		var calls []any
		for i, call := range rep.ToolCalls {
			calls = append(calls, map[string]any{"id": c.callID(i, call), "type": "function",
				"function": map[string]any{"name": call.Name, "arguments": call.Arguments}})
		}
		msg["content"], msg["tool_calls"] = nil, calls
	}
	return map[string]any{"id": c.id, "object": "chat.completion", "created": c.created, "model": c.model,
		"choices": []any{map[string]any{"index": 0, "message": msg, "logprobs": nil, "finish_reason": rep.finishReason()}}}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only maps of strings and numbers are marshalled here
	}
	return string(b)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(mustJSON(v)))
}
