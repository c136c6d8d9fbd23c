package twiliotest_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
)

// tinyPNG is a real 2×2 PNG.
func tinyPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mediaServer serves files at paths, each with its Content-Type.
func mediaServer(t *testing.T, files map[string][2]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", f[0])
		_, _ = w.Write([]byte(f[1]))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// final waits for the message's last status as the fake records it.
func final(t *testing.T, tw *twiliotest.Twilio, sid string) twiliotest.Message {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range tw.Messages() {
			if m.SID == sid && (m.Status == "delivered" || m.Status == "failed" || m.Status == "undelivered") {
				return m
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("message %s did not end within 15 s", sid)
	return twiliotest.Message{}
}

// A message with MediaUrl is fetched, delivered as MMS and its picture
// kept; a URL Twilio cannot use fails it with Twilio's code in the status.
func TestMediaURLsAreFetchedOrRefusedAsTwilioDoes(t *testing.T) {
	tw := start(t, "")
	picture := tinyPNG(t)
	srv := mediaServer(t, map[string][2]string{
		"/ok.png":    {"image/png", string(picture)},
		"/lies.png":  {"image/png", "<html>not a picture</html>"},
		"/page.html": {"text/html", "<html></html>"},
		"/pic.webp":  {"image/webp", "RIFF\\x00\\x00\\x00\\x00WEBPVP8 "},
		"/huge.png":  {"image/png", string(picture) + strings.Repeat("x", 5<<20)},
	})
	c := client(t, tw)
	for name, tc := range map[string]struct {
		path string
		code int
	}{
		"a PNG":                     {"/ok.png", 0},
		"a page claiming to be PNG": {"/lies.png", 12300},
		"an HTML page":              {"/page.html", 12300},
		"a WebP (WhatsApp only)":    {"/pic.webp", 12300},
		"a file over 5 MB":          {"/huge.png", 11751},
		"a URL that answers 404":    {"/missing.png", 11200},
	} {
		created, err := c.Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Media: []string{srv.URL + tc.path}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.HasPrefix(created.SID, "MM") {
			t.Errorf("%s: SID %s, want an MMS (MM…)", name, created.SID)
		}
		m := final(t, tw, created.SID)
		switch {
		case tc.code == 0 && (m.Status != "delivered" || len(m.Media) != 1 || m.Media[0].ContentType != "image/png"):
			t.Errorf("%s: %s with media %+v, want delivered with the PNG", name, m.Status, m.Media)
		case tc.code != 0 && (m.Status != "failed" || m.ErrorCode != tc.code || len(m.Media) != 0):
			t.Errorf("%s: %s (error %d), want failed with %d", name, m.Status, m.ErrorCode, tc.code)
		}
	}
}

// Eleven media URLs, or one that is no http URL, are refused at once.
func TestTooManyOrMalformedMediaURLsAreRefused(t *testing.T) {
	tw := start(t, "")
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = "https://example.com/" + string(rune('a'+i)) + ".png"
	}
	for name, tc := range map[string]struct {
		media []string
		code  int
	}{
		"eleven files":   {eleven, 21623},
		"an ftp URL":     {[]string{"ftp://example.com/a.png"}, 21620},
		"a relative URL": {[]string{"/a.png"}, 21620},
	} {
		form := map[string][]string{"To": {customer}, "From": {shopNumber}, "MediaUrl": tc.media}
		status, doc := post(t, tw, account, token, form)
		if status != 400 || doc.Code != tc.code {
			t.Errorf("%s: %d %+v, want 400 with %d", name, status, doc, tc.code)
		}
	}
}

// A media URL of a sent MMS needs the account's credentials and redirects
// to a short-lived URL of the file.
func TestSentMediaNeedCredentials(t *testing.T) {
	tw := start(t, "")
	picture := tinyPNG(t)
	srv := mediaServer(t, map[string][2]string{"/ok.png": {"image/png", string(picture)}})
	created, err := client(t, tw).Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Body: "Here it is", Media: []string{srv.URL + "/ok.png"}})
	if err != nil {
		t.Fatal(err)
	}
	m := final(t, tw, created.SID)
	if status, _ := getMedia(t, m.Media[0].URL, ""); status != http.StatusUnauthorized {
		t.Fatalf("without credentials: %d, want 401", status)
	}
	if status, _ := getMedia(t, m.Media[0].URL, strings.Repeat("0", 32)); status != http.StatusUnauthorized {
		t.Fatalf("with a wrong token: %d, want 401", status)
	}
	if status, got := getMedia(t, m.Media[0].URL, token); status != http.StatusOK || !bytes.Equal(got, picture) {
		t.Fatalf("with credentials: %d, %d bytes", status, len(got))
	}
}

// The client's FetchMedia gets a message's file through Twilio's
// redirect, bounds its size, and sends its credentials to nothing but the
// account's media URLs.
func TestClientFetchesOnlyTheAccountsMedia(t *testing.T) {
	tw := start(t, "")
	picture := tinyPNG(t)
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(picture)
	}))
	defer srv.Close()
	m, err := tw.Text(customer, shopNumber, "", []twiliotest.Upload{{ContentType: "image/png", Data: picture}})
	if err != nil {
		t.Fatal(err)
	}
	c, ctx := client(t, tw), context.Background()
	data, ct, err := c.FetchMedia(ctx, m.SID, m.Media[0].URL, 1<<20)
	if err != nil || !bytes.Equal(data, picture) || ct != "image/png" {
		t.Fatalf("FetchMedia: %d bytes, %q, %v", len(data), ct, err)
	}
	if _, _, err := c.FetchMedia(ctx, m.SID, m.Media[0].URL, int64(len(picture)-1)); !errors.Is(err, twilio.ErrTooLarge) {
		t.Fatalf("over the bound: %v, want ErrTooLarge", err)
	}
	otherMessage := "MM" + strings.Repeat("a", 32)
	for name, args := range map[string][2]string{
		"another host":         {m.SID, srv.URL + "/2010-04-01/Accounts/" + account + "/Messages/" + m.SID + "/Media/ME" + strings.Repeat("1", 32)},
		"another message":      {otherMessage, m.Media[0].URL},
		"an API path, no file": {m.SID, tw.URL() + "/2010-04-01/Accounts/" + account + ".json"},
	} {
		var te *twilio.Error
		if _, _, err := c.FetchMedia(ctx, args[0], args[1], 1<<20); !errors.As(err, &te) || te.Kind != twilio.Invalid {
			t.Errorf("%s: %v, want refused as Invalid", name, err)
		}
	}
	if calls != 0 {
		t.Fatalf("the foreign host was called %d times", calls)
	}
	gone := strings.TrimSuffix(m.Media[0].URL, m.Media[0].SID) + "ME" + strings.Repeat("f", 32)
	var te *twilio.Error
	if _, _, err := c.FetchMedia(ctx, m.SID, gone, 1<<20); !errors.As(err, &te) || te.Kind != twilio.NotFound || te.Temporary() {
		t.Fatalf("a file Twilio does not have: %v, want NotFound", err)
	}
}
