package admin_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"hubchat/app/sms"
	"hubchat/storage"
)

// smsTicket opens the profile's SMS ticket beside its web chat, with one
// text whose files were partly refused; the env then acts on it.
func smsTicket(e *ticketEnv) {
	e.t.Helper()
	res, err := e.convs.PostFromShopper(context.Background(), e.shopID, e.profile.ID, storage.ShopperPost{
		ClientID: "twilio:MM" + strings.Repeat("5", 32), Channel: storage.ChannelSMS, Body: "Photos of the box", Preview: "Photos of the box",
		MediaRefused: []storage.RefusedMedia{{ContentType: "video/mp4", Reason: sms.RefusedNotPicture}, {ContentType: "image/png", Reason: sms.RefusedTooLarge}}})
	if err != nil {
		e.t.Fatal(err)
	}
	e.convID = res.Conversation.ID
}

// A lossless WebP of 64×60 pixels, whole enough for the image checks.
func webpImage() []byte {
	chunk := append([]byte{0x2f, 0x3f, 0xc0, 0x0e, 0x00}, make([]byte, 9)...)
	b := []byte("RIFF\x00\x00\x00\x00WEBPVP8L")
	b = binary.LittleEndian.AppendUint32(b, uint32(len(chunk)))
	b = append(b, chunk...)
	binary.LittleEndian.PutUint32(b[4:], uint32(len(b)-8))
	return b
}

// An SMS ticket's composer counts characters and segments, keeps to
// Twilio's 1600 characters and takes no WebP, which MMS cannot carry; a
// web chat's composer is as it was.
func TestSMSComposerCountsAndRefusesWhatSMSCannotCarry(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	webChat := e.convID
	smsTicket(&e)
	_, page := e.get(e.path(""))
	for _, want := range []string{`data-sms-count`, `maxlength="1600"`, `accept="image/png,image/jpeg,image/gif"`,
		`aria-describedby="composer-count composer-help"`, `aria-live="polite" data-sms-count-live`, "Characters: {chars} · SMS segments: {segments}"} {
		if !strings.Contains(page, want) {
			t.Errorf("the SMS composer lacks %s", want)
		}
	}
	if _, chat := e.get(fmt.Sprintf("/app/tickets/%d", webChat)); strings.Contains(chat, "data-sms-count") || !strings.Contains(chat, "image/webp") {
		t.Error("the web chat's composer counts SMS segments or refuses WebP")
	}

	resp, body := e.reply(e.path("/messages"), "", "sticker.webp", webpImage())
	wantCode(t, "a WebP on an SMS ticket", resp, body, 422)
	if !strings.Contains(body, "cannot carry WebP") {
		t.Errorf("the WebP refusal does not say why: %s", body)
	}
	resp, body = e.reply(e.path("/messages"), strings.Repeat("a", 1601), "", nil)
	wantCode(t, "1601 characters on an SMS ticket", resp, body, 422)
	if !strings.Contains(body, "at most 1,600 characters") && !strings.Contains(body, "at most 1600 characters") {
		t.Errorf("the length refusal does not say the limit: %s", body)
	}
	var photo bytes.Buffer
	png.Encode(&photo, image.NewGray(image.Rect(0, 0, 4, 3)))
	resp, body = e.reply(e.path("/messages"), strings.Repeat("a", 1600), "photo.png", photo.Bytes())
	wantCode(t, "1600 characters and a PNG", resp, body, 200)
	var n int
	e.DB.Get(&n, `SELECT count(*) FROM messages WHERE conversation_id = $1 AND author = 'agent'`, e.convID)
	if n != 1 {
		t.Fatalf("%d replies stored, want the one SMS can carry", n)
	}
	resp, body = e.replyForm(fmt.Sprintf("/app/tickets/%d/messages", webChat), nil, "sticker.webp", webpImage())
	wantCode(t, "a WebP on a web chat", resp, body, 200)
}

// The files a person texted that were not kept are said under the message,
// with why.
func TestRefusedMediaAreShownWithWhy(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	smsTicket(&e)
	_, thread := e.get(e.path("/thread"))
	if strings.Count(thread, `data-testid="message-media-refused"`) != 2 ||
		!strings.Contains(thread, "(video/mp4) was not kept: only pictures are kept") || !strings.Contains(thread, "larger than 5 MB") {
		t.Fatalf("the thread does not say which files were not kept:\n%s", thread)
	}
}
