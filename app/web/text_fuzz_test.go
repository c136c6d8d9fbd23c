package web

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHasLoneSurrogate: a JSON text the guard lets through decodes with no
// U+FFFD the sender did not write (literally or as \ufffd): the decoders
// put one in for every lone surrogate, which would store a changed text.
func FuzzHasLoneSurrogate(f *testing.F) {
	for _, s := range []string{`{"body":"hi"}`, `{"body":"\ud83d\ude00"}`, `{"body":"\ud83d"}`, `{"body":"\ude00x"}`,
		`{"body":"\\ud83d"}`, `{"body":"\ud83d\u0041"}`, `{"body":"\uD83D\uDE00\uDE00"}`, `"\ufffd"`, `"\\\ud800"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if !utf8.Valid(b) || hasLoneSurrogate(b) {
			return
		}
		var v any
		if json.Unmarshal(b, &v) != nil {
			return
		}
		written := strings.Count(string(b), "\ufffd") + strings.Count(strings.ToLower(string(b)), `\ufffd`)
		if decoded := countReplacement(v); decoded > written {
			t.Fatalf("%q decodes with %d U+FFFD, %d written", b, decoded, written)
		}
	})
}

// countReplacement counts U+FFFD in every string of a decoded JSON value,
// keys included.
func countReplacement(v any) int {
	switch v := v.(type) {
	case string:
		return strings.Count(v, "\ufffd")
	case []any:
		n := 0
		for _, e := range v {
			n += countReplacement(e)
		}
		return n
	case map[string]any:
		n := 0
		for k, e := range v {
			n += strings.Count(k, "\ufffd") + countReplacement(e)
		}
		return n
	}
	return 0
}
