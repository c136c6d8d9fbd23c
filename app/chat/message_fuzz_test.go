package chat

import (
	"strings"
	"testing"
	"unicode/utf8"

	"hubchat/app/apperr"
)

// FuzzValidateBody: a shopper's or agent's text is accepted only as what
// may be stored and shown: valid UTF-8, trimmed, line endings as "\n", no
// control character but newline and tab, at most MaxBodyChars characters,
// and accepted unchanged a second time; anything else is refused as
// Invalid in bounded words.
func FuzzValidateBody(f *testing.F) {
	for _, s := range []string{"Hello", "  a\r\nb\rc  ", "<script>alert(1)</script>", "\x00", "\x7f", "\xff\xfe",
		"\u202egnp.exe", "\u200b", strings.Repeat("é", MaxBodyChars+1), " \t\n ", "a\u2028b", "\U0001F600"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := ValidateBody(in)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) || len(apperr.MessageOf(err)) > 200 {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		switch {
		case !utf8.ValidString(out):
			t.Fatalf("accepted invalid UTF-8 %q", out)
		case out == "" || out != strings.TrimSpace(out) || strings.Contains(out, "\r"):
			t.Fatalf("accepted %q as %q", in, out)
		case strings.ContainsFunc(out, isForbiddenControl):
			t.Fatalf("accepted a control character in %q", out)
		case utf8.RuneCountInString(out) > MaxBodyChars:
			t.Fatalf("accepted %d characters", utf8.RuneCountInString(out))
		}
		if again, err := ValidateBody(out); err != nil || again != out {
			t.Fatalf("%q validated again: %q, %v", out, again, err)
		}
	})
}

// FuzzValidateClientID: a client id is accepted only as a version 4 UUID.
func FuzzValidateClientID(f *testing.F) {
	f.Add("0b7a7e9e-6c1f-4d2a-9b3e-2f1a5c6d7e8f")
	f.Add("0B7A7E9E-6C1F-4D2A-AB3E-2F1A5C6D7E8F")
	f.Add("0b7a7e9e-6c1f-1d2a-9b3e-2f1a5c6d7e8f")
	f.Add("'; DROP TABLE messages; --")
	f.Fuzz(func(t *testing.T, s string) {
		if err := ValidateClientID(s); err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		if len(s) != 36 || strings.Trim(strings.ToLower(s), "0123456789abcdef-") != "" || s[14] != '4' {
			t.Fatalf("accepted %q", s)
		}
	})
}
