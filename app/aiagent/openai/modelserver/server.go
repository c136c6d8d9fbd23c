// Package modelserver is a local server that speaks the OpenAI Chat
// Completions API (POST {base}/chat/completions), for the tests of the
// generated-answer engine. Like the real API it checks what it is sent —
// the bearer key, a model, known roles, tool messages answering the tool
// calls of the assistant message before them, well-formed tool definitions
// — and refuses a malformed request with a 400 and the API's error body. It
// records every request, and answers each with the next reply a test
// scripted: a text streamed in pieces, tool calls whose arguments arrive in
// pieces, an error status, a slow stream, or a malformed chunk. It sends
// only what the API documents: chat.completion(.chunk) objects, "data:"
// lines ending with "data: [DONE]", and {"error": {...}} bodies.
package modelserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
)

// Server is a model server. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API's base URL, ending in /v1, as a merchant enters it
	// (set by Start).
	URL    string
	apiKey string
	http   *httptest.Server
	// auto answers a request no scripted reply is left for (nil: 500).
	auto func(Request) Reply

	mu       sync.Mutex
	replies  []Reply
	requests []Request
}

// Start starts a server on a loopback port that accepts apiKey as its
// bearer key. Close it when done (t.Cleanup).
func Start(apiKey string) *Server {
	s := New(apiKey, nil)
	s.http = httptest.NewServer(s)
	s.URL = s.http.URL + "/v1"
	return s
}

// New returns a server, to serve as an http.Handler, that accepts apiKey
// as its bearer key and answers with auto the requests no scripted reply
// is left for (nil: with a 500).
func New(apiKey string, auto func(Request) Reply) *Server {
	return &Server{apiKey: apiKey, auto: auto}
}

// Close stops a server Start started, ending any stream still being sent.
func (s *Server) Close() {
	s.http.CloseClientConnections()
	s.http.Close()
}

// ServeHTTP answers the API's requests under /v1.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.serve(w, r) }

// Reply scripts the replies to the next requests, one each, in order. A
// request with no reply left is answered by the server's auto function, or
// else 500, so a test notices.
func (s *Server) Reply(replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, replies...)
}

// Requests returns the well-formed requests received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Request is a chat-completions request as the server read it.
type Request struct {
	Model      string          `json:"model"`
	Messages   []Message       `json:"messages"`
	Tools      []Tool          `json:"tools"`
	ToolChoice json.RawMessage `json:"tool_choice"`
	Stream     bool            `json:"stream"`
}

// Message is one message of a request. Content is a string or an array of
// text parts, as the API accepts; Text gives it as a string.
type Message struct {
	Role       string          `json:"role"`
	Content    json.RawMessage `json:"content"`
	Name       string          `json:"name"`
	ToolCalls  []SentCall      `json:"tool_calls"`
	ToolCallID string          `json:"tool_call_id"`
}

// SentCall is a call of a tool, in an assistant message of a request.
type SentCall struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Function struct {
		Name      string `json:"name"`
		Arguments string `json:"arguments"`
	} `json:"function"`
}

// Tool is a tool a request offers the model.
type Tool struct {
	Type     string `json:"type"`
	Function struct {
		Name        string          `json:"name"`
		Description string          `json:"description"`
		Parameters  json.RawMessage `json:"parameters"`
	} `json:"function"`
}

// Text is the message's content as one string ("" for none).
func (m Message) Text() string {
	text, _ := contentText(m.Content)
	return text
}

// ToolNames are the names of the tools a request offered.
func (r Request) ToolNames() []string {
	var names []string
	for _, t := range r.Tools {
		names = append(names, t.Function.Name)
	}
	return names
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		writeError(w, http.StatusNotFound, "invalid_request_error", "unknown_url",
			fmt.Sprintf("Unknown request URL: %s %s.", r.Method, r.URL.Path))
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.apiKey {
		writeError(w, http.StatusUnauthorized, "invalid_request_error", "invalid_api_key", "the API key is not valid")
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "The request body must be JSON (Content-Type: application/json).")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		return
	}
	var req Request
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", "the request body is not valid JSON")
		return
	}
	if problem := check(req); problem != "" {
		writeError(w, http.StatusBadRequest, "invalid_request_error", "", problem)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	var reply Reply
	ok := len(s.replies) > 0
	if ok {
		reply, s.replies = s.replies[0], s.replies[1:]
	}
	s.mu.Unlock()
	if !ok && s.auto != nil {
		reply, ok = s.auto(req), true
	}
	if !ok {
		writeError(w, http.StatusInternalServerError, "server_error", "", "No reply was scripted for this request.")
		return
	}
	reply.send(w, r, req)
}

var (
	roles    = map[string]bool{"system": true, "developer": true, "user": true, "assistant": true, "tool": true}
	toolName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)
)

// check says what is wrong with a request, as the API's 400 would; "" for
// nothing.
func check(req Request) string {
	if req.Model == "" {
		return "the request has no model"
	}
	if len(req.Messages) == 0 {
		return "the request has no messages"
	}
	if p := checkTools(req); p != "" {
		return p
	}
	var open map[string]bool // the tool calls of the last assistant message not yet answered
	for i, m := range req.Messages {
		if !roles[m.Role] {
			return fmt.Sprintf("messages[%[2]d].role: unknown role '%[1]s' (system, developer, user, assistant or tool)", m.Role, i)
		}
		if m.Role != "tool" && len(open) > 0 {
			return fmt.Sprintf("messages[%d]: every tool call of the assistant message before must be answered by a tool message first", i)
		}
		switch m.Role {
		case "tool":
			if !open[m.ToolCallID] {
				return fmt.Sprintf("messages[%d]: a tool message must answer a tool call of the assistant message before it (tool_call_id)", i)
			}
			delete(open, m.ToolCallID)
			if _, ok := contentText(m.Content); !ok {
				return fmt.Sprintf("messages[%d].content must be a string or an array of text parts", i)
			}
		case "assistant":
			open = map[string]bool{}
			for j, tc := range m.ToolCalls {
				if tc.ID == "" || tc.Type != "function" || !toolName.MatchString(tc.Function.Name) {
					return fmt.Sprintf("messages[%d].tool_calls[%d] needs an id, type 'function' and a function name", i, j)
				}
				open[tc.ID] = true
			}
			if _, ok := contentText(m.Content); !ok && len(m.ToolCalls) == 0 {
				return fmt.Sprintf("messages[%d]: an assistant message needs content or tool_calls", i)
			}
		default:
			if _, ok := contentText(m.Content); !ok {
				return fmt.Sprintf("messages[%d].content must be a string or an array of text parts", i)
			}
		}
	}
	if len(open) > 0 {
		return "the last assistant message has tool calls no tool message answers"
	}
	return ""
}

// checkTools checks the tool definitions and the tool choice.
func checkTools(req Request) string {
	names := map[string]bool{}
	for i, t := range req.Tools {
		if t.Type != "function" || !toolName.MatchString(t.Function.Name) {
			return fmt.Sprintf("tools[%d] must have type 'function' and a function name of letters, digits, _ and -", i)
		}
		if len(t.Function.Parameters) > 0 {
			var schema map[string]any
			if json.Unmarshal(t.Function.Parameters, &schema) != nil || schema["type"] != "object" {
				return fmt.Sprintf("tool %s: parameters must be a JSON Schema of type object", t.Function.Name)
			}
		}
		names[t.Function.Name] = true
	}
	if len(req.ToolChoice) == 0 || string(req.ToolChoice) == "null" {
		return ""
	}
	if len(req.Tools) == 0 {
		return "tool_choice needs tools"
	}
	var word string
	if json.Unmarshal(req.ToolChoice, &word) == nil {
		if word != "none" && word != "auto" && word != "required" {
			return fmt.Sprintf("tool_choice: unknown value '%s' (none, auto or required)", word)
		}
		return ""
	}
	var named struct {
		Type     string `json:"type"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	}
	if json.Unmarshal(req.ToolChoice, &named) != nil || named.Type != "function" || !names[named.Function.Name] {
		return "tool_choice must name one of the tools"
	}
	return ""
}

// contentText reads a message's content: a string, or an array of text
// parts joined; ok is false for anything else, or none.
func contentText(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var parts []struct {
		Type string  `json:"type"`
		Text *string `json:"text"`
	}
	if json.Unmarshal(raw, &parts) != nil || len(parts) == 0 {
		return "", false
	}
	var b strings.Builder
	for _, p := range parts {
		if p.Type != "text" || p.Text == nil {
			return "", false
		}
		b.WriteString(*p.Text)
	}
	return b.String(), true
}

// writeError writes the API's error body.
func writeError(w http.ResponseWriter, status int, kind, code, message string) {
	body := map[string]any{"message": message, "type": kind, "param": nil, "code": nil}
	if code != "" {
		body["code"] = code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": body})
}
