package storefront_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// photo is a real PNG of w × h pixels.
func photo(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sendImage posts file as a shopper's image and returns the status and the
// decoded answer.
func (e chatEnv) sendImage(token, clientID, name string, file []byte) (int, map[string]any) {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("client_id", clientID)
	f, _ := w.CreateFormFile("image", name)
	f.Write(file)
	w.Close()
	resp, raw := e.apiRaw(token, "POST", "/api/storefront/images", w.FormDataContentType(), body.Bytes())
	var out map[string]any
	json.Unmarshal(raw, &out)
	return resp.StatusCode, out
}

// A shopper's photo is a message of their conversation, stored once however
// often it is retried, and served back only as the image it is; a file that
// is not an image, or one too large to unpack, is refused with a message
// saying why, and stores nothing.
func TestShopperSendsAnImage(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("8201")
	if code, _ := e.send(s.Token, clientID(), "My mug arrived broken"); code != 201 {
		t.Fatalf("first message: %d", code)
	}
	id := clientID()
	code, out := e.sendImage(s.Token, id, "mug.png", photo(t, 64, 48))
	if code != 201 {
		t.Fatalf("image: %d %v", code, out)
	}
	msg := out["message"].(map[string]any)
	files := msg["attachments"].([]any)
	if len(files) != 1 || msg["author"] != "shopper" || msg["body"] != "" {
		t.Fatalf("message = %v", msg)
	}
	file := files[0].(map[string]any)
	if file["content_type"] != "image/png" || file["width"] != 64.0 || file["height"] != 48.0 {
		t.Fatalf("attachment = %v", file)
	}
	// The same client id again: the same message, nothing stored twice.
	if code, again := e.sendImage(s.Token, id, "mug.png", photo(t, 64, 48)); code != 200 || again["message"].(map[string]any)["id"] != msg["id"] {
		t.Fatalf("retry: %d %v", code, again)
	}
	var uploads, conversations int
	e.DB.Get(&uploads, `SELECT count(*) FROM uploads`)
	e.DB.Get(&conversations, `SELECT count(*) FROM conversations`)
	if uploads != 1 || conversations != 1 {
		t.Fatalf("%d uploads in %d conversations, want one in the conversation going on", uploads, conversations)
	}
	var preview string
	e.DB.Get(&preview, `SELECT last_message_preview FROM conversations`)
	if preview != "Sent an image" {
		t.Errorf("inbox preview = %q", preview)
	}

	// Served as the image it is, from hubchat's own origin.
	url := file["url"].(string)
	if !strings.HasPrefix(url, e.URL+"/media/") {
		t.Fatalf("url = %q", url)
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("media: %d %v", resp.StatusCode, resp.Header)
	}

	// A page renamed .png, and a PNG of 50 megapixels: refused, nothing kept.
	for name, tc := range map[string]struct {
		file []byte
		want string
	}{
		"page.png": {[]byte("<html><script>alert(1)</script></html>"), "isn't an image"},
		"huge.png": {photo(t, 10000, 5000), "megapixels"},
	} {
		code, out := e.sendImage(s.Token, clientID(), name, tc.file)
		if msg, _ := out["error"].(string); code != 422 || !strings.Contains(msg, tc.want) {
			t.Errorf("%s: %d %v, want 422 saying %q", name, code, out, tc.want)
		}
	}
	e.DB.Get(&uploads, `SELECT count(*) FROM uploads`)
	if uploads != 1 {
		t.Errorf("%d uploads after the refused files, want 1", uploads)
	}
}

// An image is a message like any other to the conversation core: it wakes a
// snoozed ticket, and after a closed one it starts a new conversation
// rather than reopen the closed one.
func TestShopperImageWakesASnoozedTicketAndReopensNothing(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	_, s := e.session("8202")
	_, out := e.send(s.Token, clientID(), "Hello")
	convID := int64(out["conversation"].(map[string]any)["id"].(float64))
	convs := storage.NewConversations(e.DB, time.Now)
	ctx := context.Background()
	if _, err := convs.Snooze(ctx, e.shopID, convID, time.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if code, _ := e.sendImage(s.Token, clientID(), "a.png", photo(t, 8, 8)); code != 201 {
		t.Fatalf("image to a snoozed ticket: %d", code)
	}
	c, err := convs.Get(ctx, e.shopID, convID)
	if err != nil || c.Status != storage.StatusOpen {
		t.Fatalf("snoozed ticket after the image: %+v %v, want open", c.Status, err)
	}
	if _, err := convs.Close(ctx, e.shopID, convID, "agent"); err != nil {
		t.Fatal(err)
	}
	code, out := e.sendImage(s.Token, clientID(), "b.png", photo(t, 8, 8))
	if code != 201 || int64(out["conversation"].(map[string]any)["id"].(float64)) == convID {
		t.Fatalf("image after the ticket closed: %d %v, want a new conversation", code, out)
	}
	if c, _ := convs.Get(ctx, e.shopID, convID); c.Status != storage.StatusClosed {
		t.Errorf("the closed ticket is %s", c.Status)
	}
}

// Only a signed-in shopper may send images: an anonymous visitor is asked to
// sign in, and nothing is stored.
func TestVisitorsCannotSendImages(t *testing.T) {
	t.Parallel()
	e := startChat(t)
	e.settings(func(cs *storage.ChatSettings) { cs.LoginStatus = "all" })
	_, s := e.session("")
	if code, out := e.sendImage(s.Token, clientID(), "a.png", photo(t, 8, 8)); code != 403 {
		t.Fatalf("an anonymous visitor's image: %d %v, want 403", code, out)
	}
	var uploads int
	e.DB.Get(&uploads, `SELECT count(*) FROM uploads`)
	if uploads != 0 {
		t.Fatalf("%d uploads", uploads)
	}
}
