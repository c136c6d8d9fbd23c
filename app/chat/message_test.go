package chat

import (
	"strings"
	"testing"

	"hubchat/app/apperr"
)

func TestValidateBody(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // the stored text; ignored on error
		err  string // part of the error message; "" for success
	}{
		{"plain", "Where is my order?", "Where is my order?", ""},
		{"trimmed", "  \n\tHello \n", "Hello", ""},
		{"emoji", "Love it 😍👩‍💻🇫🇷", "Love it 😍👩‍💻🇫🇷", ""},
		{"RTL text", "مرحبا، أين طلبي؟", "مرحبا، أين طلبي؟", ""},
		{"Hebrew and CJK", "שלום 你好 こんにちは", "שלום 你好 こんにちは", ""},
		{"tabs and newlines kept inside", "line 1\n\tline 2", "line 1\n\tline 2", ""},
		{"CRLF normalised", "a\r\nb\r\n", "a\nb", ""},
		{"lone CR normalised", "a\rb", "a\nb", ""},
		{"exactly 5000 code points", strings.Repeat("é", 5000), strings.Repeat("é", 5000), ""},
		{"5000 emoji (20000 bytes)", strings.Repeat("😀", 5000), strings.Repeat("😀", 5000), ""},
		{"5000 after trimming", "  " + strings.Repeat("a", 5000) + "\n\n", strings.Repeat("a", 5000), ""},
		{"5001 code points", strings.Repeat("é", 5001), "", "too long: at most 5,000 characters (this one has 5001)"},
		{"5001 emoji", strings.Repeat("😀", 5001), "", "too long"},
		{"empty", "", "", "Please type a message."},
		{"only whitespace", " \n\t\r\n ", "", "Please type a message."},
		{"unicode spaces only", "\u00a0\u3000", "", "Please type a message."},
		{"NUL", "hi\x00there", "", "control character"},
		{"bell", "hi\athere", "", "control character"},
		{"escape", "\x1b[31mred", "", "control character"},
		{"DEL", "hi\x7f", "", "control character"},
		{"control at the edge is not trimmed away", "hi\x00", "", "control character"},
		{"invalid UTF-8", "caf\xe9", "", "cannot read"},
		{"truncated sequence", "ok \xf0\x9f\x98", "", "cannot read"},
		{"surrogate half", "a\xed\xa0\x80b", "", "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ValidateBody(tt.in)
			if tt.err != "" {
				wantCode(t, err, apperr.Invalid)
				if !strings.Contains(apperr.MessageOf(err), tt.err) {
					t.Errorf("message %q does not contain %q", apperr.MessageOf(err), tt.err)
				}
				return
			}
			wantCode(t, err, "")
			if got != tt.want {
				t.Errorf("ValidateBody = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValidateClientID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c", true},
		{"3F1C2A9E-8B7D-4C6E-AA5B-1D2E3F4A5B6C", true},
		{"3f1c2a9e-8b7d-4c6e-ba5b-1D2E3F4A5B6C", true},
		{"3f1c2a9e-8b7d-1c6e-9a5b-1d2e3f4a5b6c", false}, // version 1
		{"3f1c2a9e-8b7d-4c6e-7a5b-1d2e3f4a5b6c", false}, // wrong variant
		{"3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6", false},  // short
		{"3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6cc", false},
		{"3f1c2a9e8b7d4c6e9a5b1d2e3f4a5b6c", false}, // no dashes
		{"{3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c}", false},
		{"3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5g6c", false}, // g
		{"3f1c2a9e_8b7d-4c6e-9a5b-1d2e3f4a5b6c", false},
		{"00000000-0000-0000-0000-000000000000", false},
		{"", false},
		{"' OR 1=1 --", false},
	}
	for _, tt := range tests {
		err := ValidateClientID(tt.in)
		if tt.ok {
			wantCode(t, err, "")
		} else {
			wantCode(t, err, apperr.Invalid)
		}
	}
}
