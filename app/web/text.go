package web

import (
	"mime"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
)

// RequireValidText is middleware that refuses, with 422, a request carrying
// text that is not valid UTF-8: in its query, its form fields (URL-encoded
// or multipart; files are not text) or any other body, read as JSON, where an escaped half
// of a UTF-16 surrogate pair on its own counts as invalid too. Left to the
// decoders, such text would be stored altered (JSON turns it into U+FFFD)
// or fail deep in the database; refused here, every field of every handler
// behind it is covered at once.
func RequireValidText(c *fiber.Ctx) error {
	if !validText(c) {
		return apperr.New(apperr.Invalid, "Some of the text you sent is not valid UTF-8, so it cannot be saved as it is. Please retype it and try again.")
	}
	return c.Next()
}

func validText(c *fiber.Ctx) bool {
	ok := true
	check := func(key, value []byte) { ok = ok && utf8.Valid(key) && utf8.Valid(value) }
	c.Request().URI().QueryArgs().VisitAll(check)
	media, _, _ := mime.ParseMediaType(string(c.Request().Header.ContentType()))
	switch media {
	case fiber.MIMEApplicationForm:
		c.Request().PostArgs().VisitAll(check)
	case fiber.MIMEMultipartForm:
		// A form that does not parse is the handler's to refuse.
		if form, err := c.MultipartForm(); err == nil {
			for key, values := range form.Value {
				for _, v := range values {
					check([]byte(key), []byte(v))
				}
			}
		}
	default:
		// JSON, whatever type the client names: the handlers decode any
		// body as JSON.
		body := c.Body()
		ok = ok && utf8.Valid(body) && !hasLoneSurrogate(body)
	}
	return ok
}

// hasLoneSurrogate reports whether a JSON text escapes half of a UTF-16
// surrogate pair on its own: a high half (\ud800–\udbff) not followed by a
// low one (\udc00–\udfff), or a low half alone. It names no character.
// Backslashes only occur inside JSON strings, so no parsing is needed.
func hasLoneSurrogate(b []byte) bool {
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '\\' {
			continue
		}
		r, ok := unicodeEscape(b, i)
		switch {
		case !ok:
			i++ // another escape, such as \\ or \n: skip the escaped byte
		case r >= 0xdc00 && r <= 0xdfff:
			return true
		case r >= 0xd800 && r < 0xdc00:
			low, ok := unicodeEscape(b, i+6)
			if !ok || low < 0xdc00 || low > 0xdfff {
				return true
			}
			i += 11
		default:
			i += 5
		}
	}
	return false
}

// unicodeEscape reads the \uXXXX escape at b[i:], if there is one.
func unicodeEscape(b []byte, i int) (rune, bool) {
	if i+6 > len(b) || b[i] != '\\' || b[i+1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[i+2 : i+6] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
