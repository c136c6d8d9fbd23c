package web_test

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/web"
)

// Every text a request carries is checked, files are not, and JSON's
// escapes are read: a lone surrogate names no character.
func TestRequireValidText(t *testing.T) {
	app := fiber.New(fiber.Config{ErrorHandler: func(c *fiber.Ctx, err error) error {
		if e := (*apperr.Error)(nil); errors.As(err, &e) && e.Code == apperr.Invalid {
			return c.SendStatus(fiber.StatusUnprocessableEntity)
		}
		return c.SendStatus(fiber.StatusInternalServerError)
	}})
	app.Use(web.RequireValidText)
	app.All("/*", func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })

	multipartBody := func(field string, file []byte) (string, []byte) {
		var b bytes.Buffer
		w := multipart.NewWriter(&b)
		w.WriteField("body", field)
		part, _ := w.CreateFormFile("image", "photo.png")
		part.Write(file)
		w.Close()
		return w.FormDataContentType(), b.Bytes()
	}
	binaryFile := []byte("\x89PNG\r\n\x1a\n\xff\xfe\x00")
	okForm, okFormBody := multipartBody("Hello 👋", binaryFile)
	badForm, badFormBody := multipartBody("Hello \xff", binaryFile)
	tests := []struct {
		name, target, contentType string
		body                      []byte
		valid                     bool
	}{
		{"JSON", "/", "application/json", []byte(`{"body": "Hello 👋 \ud83d\ude00 \\ud800 \n"}`), true},
		{"JSON with an invalid byte", "/", "application/json", []byte("{\"body\": \"\xff\"}"), false},
		{"JSON with a lone high surrogate", "/", "application/json", []byte(`{"body": "\ud800"}`), false},
		{"JSON with a high surrogate at its end", "/", "application/json", []byte(`"\uD83D`), false},
		{"JSON with a lone low surrogate", "/", "application/json", []byte(`{"body": "\uDC00"}`), false},
		{"JSON with an escaped backslash before a surrogate", "/", "application/json", []byte(`{"body": "\\\ud800"}`), false},
		{"JSON named as text", "/", "text/plain", []byte("{\"body\": \"\xc3\x28\"}"), false},
		{"a form", "/", "application/x-www-form-urlencoded", []byte("name=Caf%C3%A9"), true},
		{"a form with an invalid byte", "/", "application/x-www-form-urlencoded", []byte("name=Caf%E9"), false},
		{"a form with an invalid key", "/", "application/x-www-form-urlencoded", []byte("%FF=1"), false},
		{"a multipart form with a binary file", "/", okForm, okFormBody, true},
		{"a multipart form with an invalid field", "/", badForm, badFormBody, false},
		{"a query", "/?q=caf%C3%A9", "", nil, true},
		{"a query with an invalid byte", "/?q=%FF", "", nil, false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("POST", tt.target, bytes.NewReader(tt.body))
		if tt.contentType != "" {
			req.Header.Set("Content-Type", tt.contentType)
		}
		resp, err := app.Test(req)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 204, false: 422}[tt.valid]; resp.StatusCode != want {
			t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, want)
		}
	}
}
