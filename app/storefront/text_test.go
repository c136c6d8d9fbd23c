package storefront_test

import (
	"encoding/json"
	"testing"
)

// Text that is not valid UTF-8, raw or as a lone escaped surrogate, is
// refused with 422 and nothing is stored, whatever content type the body
// claims; an escaped surrogate pair is a character like any other.
func TestInvalidUTF8MessageIsRefused(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("7001")
	for _, tt := range []struct {
		name, contentType, body string
	}{
		{"a raw invalid byte", "application/json", "\"Hello \xff there\""},
		{"a lone high surrogate", "application/json", `"Hello \ud800 there"`},
		{"a lone low surrogate", "application/json", `"Hello \udc00"`},
		{"a high surrogate before a non-surrogate", "application/json", `"\ud83d\u0041"`},
		{"a raw invalid byte as text", "text/plain", "\"Hello \xc3\x28\""},
	} {
		raw := []byte(`{"client_id": "` + clientID() + `", "body": ` + tt.body + `}`)
		resp, out := e.apiRaw(s.Token, "POST", "/api/storefront/messages", tt.contentType, raw)
		if resp.StatusCode != 422 {
			t.Errorf("%s: %d %s, want 422", tt.name, resp.StatusCode, out)
		}
	}
	var n int
	e.DB.Get(&n, `SELECT count(*) FROM messages`)
	if n != 0 {
		t.Fatalf("%d messages stored from invalid text", n)
	}
	raw := []byte(`{"client_id": "` + clientID() + `", "body": "Thanks \ud83d\ude00 \\ud800 is just text"}`)
	resp, out := e.apiRaw(s.Token, "POST", "/api/storefront/messages", "application/json", raw)
	var answer struct {
		Message struct{ Body string } `json:"message"`
	}
	json.Unmarshal(out, &answer)
	if resp.StatusCode != 201 || answer.Message.Body != `Thanks 😀 \ud800 is just text` {
		t.Fatalf("a surrogate pair and an escaped backslash: %d %s", resp.StatusCode, out)
	}
}
