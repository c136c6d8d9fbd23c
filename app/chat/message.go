package chat

import (
	"strings"
	"unicode/utf8"

	"hubchat/app/apperr"
)

// Author is who wrote a message; the values are those of messages.author.
type Author string

// The authors.
const (
	AuthorShopper Author = "shopper"
	AuthorAgent   Author = "agent"
	AuthorAI      Author = "ai"
	AuthorSystem  Author = "system" // automatic messages: office-hours replies, FAQ answers
)

// MaxBodyChars is the most characters (Unicode code points, not bytes) a
// message may hold, after trimming.
const MaxBodyChars = 5000

// ValidateBody returns the text of a message as it is stored, or an
// apperr.Invalid error whose message the shopper can read. It rejects invalid
// UTF-8 and control characters other than newline and tab (NUL and the rest of
// C0, and DEL: nobody types them, and they break logs, previews and exports);
// turns "\r\n" and a lone "\r" into "\n"; trims surrounding whitespace; and
// then rejects an empty text or one over MaxBodyChars code points. Any script,
// right-to-left text and emoji are fine.
func ValidateBody(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", apperr.New(apperr.Invalid, "Your message contains characters we cannot read. Please retype it.")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if strings.ContainsFunc(s, isForbiddenControl) {
		return "", apperr.New(apperr.Invalid, "Your message contains an invisible control character. Please remove it and send again.")
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", apperr.New(apperr.Invalid, "Please type a message.")
	}
	if n := utf8.RuneCountInString(s); n > MaxBodyChars {
		return "", apperr.New(apperr.Invalid, "Your message is too long: at most 5,000 characters (this one has %d).", n)
	}
	return s, nil
}

// isForbiddenControl reports whether r is a C0 control other than newline and
// tab, or DEL.
func isForbiddenControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f
}

// ValidateClientID returns an apperr.Invalid error unless s is a UUID in the
// version 4 form the widget generates (crypto.randomUUID): 8-4-4-4-12
// hexadecimal digits, either case, version digit 4, variant digit 8, 9, a or
// b. The client id is what makes a retried send safe, so a malformed one is
// refused rather than stored.
func ValidateClientID(s string) error {
	if !isUUIDv4(s) {
		return apperr.New(apperr.Invalid, "The message id is not a valid UUID.")
	}
	return nil
}

func isUUIDv4(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		case 14:
			if c != '4' {
				return false
			}
		case 19:
			if !strings.ContainsRune("89abAB", rune(c)) {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
