package twiliotest_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hubchat/app/apptest"
	"hubchat/app/twilio"
)

// A person on the phone page sets the number's webhook as in the Twilio
// Console, texts the shop, and the webhook receives a request signed as
// Twilio signs; the shop's reply with a picture then appears on the phone,
// delivered.
func TestPhonePageTextsTheWebhookAndShowsReplies(t *testing.T) {
	tw := start(t, "")
	wh := newWebhook(t)
	ctx := apptest.Browser(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(tw.PhoneURL()),
		chromedp.WaitReady(chromedp.CSS(`[data-testid=with] option`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=webhook]`), wh.url),
		chromedp.Click(chromedp.CSS(`#webhook-form button`)),
		chromedp.WaitVisible(`//p[@id="webhook-saved"][text()="Saved."]`),
		chromedp.SetValue(chromedp.CSS(`[data-testid=me]`), customer),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=body]`), "Do you ship to Canada?"),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
	); err != nil {
		t.Fatal(err)
	}
	in, err := twilio.ParseIncoming(wh.next(t)) // the webhook verified the signature
	if err != nil || in.From != customer || in.To != shopNumber || in.Body != "Do you ship to Canada?" {
		t.Fatalf("incoming %+v, %v", in, err)
	}

	picture := pngOf(t)
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(picture)
	}))
	defer files.Close()
	if _, err := client(t, tw).Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber,
		Body: "Yes, in 3 to 5 days.", Media: []string{files.URL + "/box.png"}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible(`//div[@data-testid="received"][contains(., "Yes, in 3 to 5 days.")]`),
		chromedp.Poll[chromedp.Void](`(() => { const i = document.querySelector('[data-testid=received] img'); return !!i && i.complete && i.naturalWidth === 4; })()`,
			chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.WaitVisible(`//div[@data-testid="received"]/following-sibling::div[1][text()="delivered"]`),
	); err != nil {
		t.Fatal(err)
	}
	meta, err := chromedp.Run(ctx, chromedp.Text(`//div[@data-testid="sent"]/following-sibling::div[1]`))
	if err != nil {
		t.Fatal(err)
	}
	if meta != "received by the app" {
		t.Errorf("the sent message's note says %q", meta)
	}
	apptest.Screenshot(t, ctx, "twilio-phone")
}

// pngOf is a 4×4 picture.
func pngOf(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range 16 {
		img.Set(i%4, i/4, color.RGBA{R: 200, G: 80, B: 40, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
