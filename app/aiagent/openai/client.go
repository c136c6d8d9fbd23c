package openai

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Endpoint is where a shop's model answers: any server that speaks the
// Chat Completions API, hosted or self-hosted.
type Endpoint struct {
	// BaseURL is the API's base ("https://api.openai.com/v1"); requests go
	// to BaseURL + "/chat/completions".
	BaseURL string
	Model   string
	// APIKey is sent as a bearer token; never logged.
	APIKey string
}

// message is one message of a chat-completions request.
type message struct {
	Role       string     `json:"role"`
	Content    *string    `json:"content"` // null only beside tool calls
	ToolCalls  []toolCall `json:"tool_calls,omitempty"`
	ToolCallID string     `json:"tool_call_id,omitempty"`
}

type toolCall struct {
	ID       string       `json:"id"`
	Type     string       `json:"type"`
	Function functionCall `json:"function"`
}

type functionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

type tool struct {
	Type     string      `json:"type"`
	Function toolDefined `json:"function"`
}

type toolDefined struct {
	Name        string         `json:"name"`
	Description string         `json:"description"`
	Parameters  map[string]any `json:"parameters"`
}

type chatRequest struct {
	Model      string    `json:"model"`
	Messages   []message `json:"messages"`
	Tools      []tool    `json:"tools,omitempty"`
	ToolChoice string    `json:"tool_choice,omitempty"`
	Stream     bool      `json:"stream"`
}

// turn is what the model said in one response: text, or tool calls.
type turn struct {
	text         string
	calls        []toolCall
	finishReason string
}

// chunk is a chat.completion.chunk as far as the engine reads it.
type chunk struct {
	Choices []struct {
		Index int `json:"index"`
		Delta struct {
			Content   *string `json:"content"`
			ToolCalls []struct {
				Index    int    `json:"index"`
				ID       string `json:"id"`
				Type     string `json:"type"`
				Function struct {
					Name      string `json:"name"`
					Arguments string `json:"arguments"`
				} `json:"function"`
			} `json:"tool_calls"`
		} `json:"delta"`
		FinishReason *string `json:"finish_reason"`
	} `json:"choices"`
}

// APIError is an answer of the API other than 200: its status and the type
// and code of its error body. The body's message is not kept: providers may
// quote the request, the key masked or not.
type APIError struct {
	Status     int
	Type, Code string
	RetryAfter string
}

func (e *APIError) Error() string {
	s := "model endpoint answered " + strconv.Itoa(e.Status)
	if e.Type != "" || e.Code != "" {
		s += " (" + strings.Trim(e.Type+" "+e.Code, " ") + ")"
	}
	return s
}

// errMalformed is a response that does not follow the API.
var errMalformed = errors.New("the model endpoint's answer does not follow the API")

// maxErrorBody bounds how much of an error body is read.
const maxErrorBody = 64 << 10

// maxStreamed bounds the data one response may stream, in bytes: far over
// any answer used (maxAnswer, a chunk's JSON around each piece included),
// it keeps an endpoint that never stops from filling the memory before the
// timeout.
const maxStreamed = 256 << 10

// complete sends one streamed request and reads the response; onText gets
// the text so far after each piece. firstPiece, when set, is called once
// the first data line arrives.
func complete(ctx context.Context, client *http.Client, ep Endpoint, req chatRequest, onText func(string), firstPiece func()) (turn, error) {
	req.Stream = true
	body, err := json.Marshal(req)
	if err != nil {
		return turn{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimRight(ep.BaseURL, "/")+"/chat/completions", bytes.NewReader(body))
	if err != nil {
		return turn{}, err
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "text/event-stream")
	hreq.Header.Set("Authorization", "Bearer "+ep.APIKey)
	resp, err := client.Do(hreq)
	if err != nil {
		return turn{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return turn{}, apiError(resp)
	}
	return readStream(resp.Body, onText, firstPiece)
}

func apiError(resp *http.Response) error {
	e := &APIError{Status: resp.StatusCode, RetryAfter: resp.Header.Get("Retry-After")}
	var body struct {
		Error struct {
			Type string `json:"type"`
			Code any    `json:"code"` // a string, or null; some servers send a number
		} `json:"error"`
	}
	if json.NewDecoder(io.LimitReader(resp.Body, maxErrorBody)).Decode(&body) == nil {
		e.Type = body.Error.Type
		if body.Error.Code != nil {
			e.Code = fmt.Sprint(body.Error.Code)
		}
	}
	return e
}

// readStream reads the "data:" lines of a streamed answer up to "[DONE]":
// the text of choice 0, and its tool calls assembled by index (id and name
// first, arguments in pieces). A stream that ends before "[DONE]", or a
// line that is not a chunk, is errMalformed.
func readStream(r io.Reader, onText func(string), firstPiece func()) (turn, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	var t turn
	var text strings.Builder
	var calls []toolCall
	first, streamed := true, 0
	for sc.Scan() {
		line := sc.Text()
		data, ok := strings.CutPrefix(line, "data:")
		if !ok {
			continue // blank lines, comments and other fields
		}
		data = strings.TrimSpace(data)
		if first && firstPiece != nil {
			firstPiece()
		}
		first = false
		if data == "[DONE]" {
			t.text, t.calls = text.String(), calls
			return t, nil
		}
		var c chunk
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return turn{}, fmt.Errorf("%w: a chunk is not JSON", errMalformed)
		}
		if streamed += len(data); streamed > maxStreamed {
			return turn{}, invalid("the model's answer went on past %d bytes", maxStreamed)
		}
		for _, ch := range c.Choices {
			if ch.Index != 0 {
				continue
			}
			if ch.FinishReason != nil {
				t.finishReason = *ch.FinishReason
			}
			if p := ch.Delta.Content; p != nil && *p != "" {
				text.WriteString(*p)
				if onText != nil {
					onText(text.String())
				}
			}
			for _, d := range ch.Delta.ToolCalls {
				if d.Index < 0 || d.Index > len(calls) || d.Index >= maxToolCalls {
					return turn{}, fmt.Errorf("%w: tool call index %d out of order", errMalformed, d.Index)
				}
				if d.Index == len(calls) {
					calls = append(calls, toolCall{Type: "function"})
				}
				c := &calls[d.Index]
				c.ID += d.ID
				c.Function.Name += d.Function.Name
				c.Function.Arguments += d.Function.Arguments
			}
		}
	}
	if err := sc.Err(); err != nil {
		return turn{}, err
	}
	return turn{}, fmt.Errorf("%w: the stream ended before [DONE]", errMalformed)
}
