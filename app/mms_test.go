package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/sms"
	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// picturePNG is a real w×h PNG.
func picturePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, 0, color.RGBA{R: 30, G: 120, B: 200, A: 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// mmsShop is an SMS shop whose number's webhook, on the local Twilio, is
// the app's: texts from the phone reach the app as Twilio posts them, with
// media URLs that need the account's credentials.
func mmsShop(t *testing.T) (*apptest.Env, *twiliotest.Twilio, int64) {
	t.Helper()
	env, tw, shopID, _, _ := smsTicket(t, "+14155550150")
	if err := tw.SetWebhook(smsNumber, env.URL+"/twilio/"+env.Shop()+"/messages"); err != nil {
		t.Fatal(err)
	}
	return env, tw, shopID
}

// shopperMessage is the stored message of a text, by its Twilio SID.
func shopperMessage(t *testing.T, env *apptest.Env, shopID int64, sid string) storage.Message {
	t.Helper()
	var id int64
	if err := env.DB.Get(&id, `SELECT id FROM messages WHERE client_id = $1`, "twilio:"+sid); err != nil {
		t.Fatalf("no message of text %s: %v", sid, err)
	}
	var convID int64
	env.DB.Get(&convID, `SELECT conversation_id FROM messages WHERE id = $1`, id)
	msgs, err := storage.NewConversations(env.DB, time.Now).Messages(context.Background(), shopID, convID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d not in its conversation", id)
	return storage.Message{}
}

func fetchURL(t *testing.T, target string) (*http.Response, []byte) {
	t.Helper()
	res, err := http.Get(target)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// A picture texted with no words, which used to be dropped, is kept: the
// job fetches it from Twilio with the account's credentials and the ticket
// shows it as the web chat's pictures are shown.
func TestPictureOnlyTextIsKept(t *testing.T) {
	t.Parallel()
	env, tw, shopID := mmsShop(t)
	picture := picturePNG(t, 3, 2)
	m, err := tw.Text("+14155550150", smsNumber, "", []twiliotest.Upload{{ContentType: "image/png", Data: picture}})
	if err != nil || m.Webhook == nil || m.Webhook.Status != http.StatusOK {
		t.Fatalf("text: %+v, %v", m.Webhook, err)
	}
	env.WaitForJobs(t)
	got := shopperMessage(t, env, shopID, m.SID)
	if got.Body != "" || len(got.Attachments) != 1 || len(got.MediaRefused) != 0 {
		t.Fatalf("message %q with %+v, refused %+v; want the picture alone", got.Body, got.Attachments, got.MediaRefused)
	}
	a := got.Attachments[0]
	if a.ContentType != "image/png" || a.Width != 3 || a.Height != 2 || !strings.HasPrefix(a.URL, env.URL+"/media/") {
		t.Fatalf("attachment %+v", a)
	}
	if res, body := fetchURL(t, a.URL); res.StatusCode != http.StatusOK || !bytes.Equal(body, picture) {
		t.Fatalf("the kept picture answers %d with %d bytes", res.StatusCode, len(body))
	}
	var preview string
	env.DB.Get(&preview, `SELECT last_message_preview FROM conversations WHERE id = $1`, got.ConversationID)
	if preview == "" {
		t.Fatal("the inbox row has no preview of the picture")
	}
}

// A broken, huge, foreign or unreachable file is refused with its reason
// on the message, which keeps its text and its good picture.
func TestBrokenMediaIsRefusedAndTheRestKept(t *testing.T) {
	t.Parallel()
	env, tw, shopID := mmsShop(t)
	good := picturePNG(t, 4, 4)
	damaged := good[:40] // a PNG's signature and a header cut short
	huge := append(picturePNG(t, 2, 2), bytes.Repeat([]byte{0}, 5<<20)...)
	m, err := tw.Text("+14155550150", smsNumber, "Here are the photos", []twiliotest.Upload{
		{ContentType: "image/png", Data: good},
		{ContentType: "image/png", Data: damaged},
		{ContentType: "video/mp4", Data: []byte("\x00\x00\x00\x18ftypmp42 not a picture")},
		{ContentType: "image/jpeg", Data: []byte("<html>a page, not a JPEG</html>")},
		{ContentType: "image/png", Data: huge},
	})
	if err != nil {
		t.Fatal(err)
	}
	env.WaitForJobs(t)
	got := shopperMessage(t, env, shopID, m.SID)
	if got.Body != "Here are the photos" || len(got.Attachments) != 1 || got.Attachments[0].Width != 4 {
		t.Fatalf("message %q with %+v; want the text and the good picture", got.Body, got.Attachments)
	}
	want := []storage.RefusedMedia{
		{ContentType: "image/png", Reason: sms.RefusedUnreadable},
		{ContentType: "video/mp4", Reason: sms.RefusedNotPicture},
		{ContentType: "image/jpeg", Reason: sms.RefusedNotPicture},
		{ContentType: "image/png", Reason: sms.RefusedTooLarge},
	}
	if gotJSON, wantJSON := jsonOf(got.MediaRefused), jsonOf(want); gotJSON != wantJSON {
		t.Fatalf("refused %s, want %s", gotJSON, wantJSON)
	}
	if n := count(t, env, `SELECT count(*) FROM uploads WHERE shop_id = $1`, shopID); n != 1 {
		t.Fatalf("%d uploads stored, want the good picture only", n)
	}
}

// A media URL that is not the message's own on Twilio is never fetched
// (the credentials go to Twilio only), and one Twilio no longer has is
// noted as unreachable; the text is kept.
func TestForeignOrMissingMediaIsNotedUnreachable(t *testing.T) {
	t.Parallel()
	env, tw, shopID := mmsShop(t)
	foreignCalls := 0
	foreign := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
		foreignCalls++
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(picturePNG(t, 1, 1))
	})
	sid := "MM" + strings.Repeat("4", 32)
	form := textForm(sid, "+14155550150", "two links")
	form.Set("NumMedia", "2")
	form.Set("MediaUrl0", foreign+"/2010-04-01/Accounts/"+smsAccount+"/Messages/"+sid+"/Media/ME"+strings.Repeat("1", 32))
	form.Set("MediaContentType0", "image/png")
	form.Set("MediaUrl1", tw.URL()+"/2010-04-01/Accounts/"+smsAccount+"/Messages/"+sid+"/Media/ME"+strings.Repeat("2", 32))
	form.Set("MediaContentType1", "image/jpeg")
	if res := postText(t, env, form, smsToken); res.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %d", res.StatusCode)
	}
	env.WaitForJobs(t)
	got := shopperMessage(t, env, shopID, sid)
	if got.Body != "two links" || len(got.Attachments) != 0 || len(got.MediaRefused) != 2 ||
		got.MediaRefused[0].Reason != sms.RefusedUnreachable || got.MediaRefused[1].Reason != sms.RefusedUnreachable {
		t.Fatalf("message %q, %+v, refused %+v", got.Body, got.Attachments, got.MediaRefused)
	}
	if foreignCalls != 0 {
		t.Fatalf("the foreign media URL was fetched %d times", foreignCalls)
	}
}

// While Twilio's media answer 503, the receive job runs again; the picture
// is kept once Twilio answers.
func TestMediaFetchIsRetriedWhileTwilioIsDown(t *testing.T) {
	t.Parallel()
	env, tw, shopID := mmsShop(t)
	picture := picturePNG(t, 2, 2)
	tw.FailNext(1, http.StatusServiceUnavailable)
	m, err := tw.Text("+14155550150", smsNumber, "retry me", []twiliotest.Upload{{ContentType: "image/png", Data: picture}})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 30*time.Second, "the text stored after a retry", func() bool {
		return count(t, env, `SELECT count(*) FROM messages WHERE client_id = $1`, "twilio:"+m.SID) == 1
	})
	got := shopperMessage(t, env, shopID, m.SID)
	if len(got.Attachments) != 1 || len(got.MediaRefused) != 0 {
		t.Fatalf("after the retry: %+v, refused %+v", got.Attachments, got.MediaRefused)
	}
	if n := count(t, env, `SELECT attempts FROM jobs WHERE kind = 'sms.receive'`+
		` AND payload->'message'->>'MessageSID' = $1`, m.SID); n != 2 {
		t.Fatalf("received in %d runs, want 2", n)
	}
}

// An agent's picture goes out as MMS: Twilio fetches it from a link of the
// app's under a random token, and the phone gets the very picture.
func TestAgentPictureGoesOutAsMMS(t *testing.T) {
	t.Parallel()
	env, tw, shopID, convID, agentID := smsTicket(t, "+14155550151")
	picture := picturePNG(t, 5, 3)
	m := replyWithPicture(t, env, shopID, convID, agentID, "Here is the blue one", picture)
	apptest.Eventually(t, 15*time.Second, "the MMS delivered", func() bool {
		status, _ := smsStatus(t, env, m.ID)
		return status == "delivered"
	})
	sent := tw.Messages()
	if len(sent) != 1 || !strings.HasPrefix(sent[0].SID, "MM") || sent[0].Body != "Here is the blue one" || len(sent[0].Media) != 1 {
		t.Fatalf("Twilio got %+v", sent)
	}
	client, _ := twilio.New(twilio.Credentials{AccountSID: smsAccount, AuthToken: smsToken}, twilio.WithBaseURL(tw.URL()))
	data, contentType, err := client.FetchMedia(context.Background(), sent[0].SID, sent[0].Media[0].URL, 1<<20)
	if err != nil || contentType != "image/png" || !bytes.Equal(data, picture) {
		t.Fatalf("the phone got %s, %d bytes: %v", contentType, len(data), err)
	}
	var link struct {
		Hash    []byte    `db:"token_hash"`
		Expires time.Time `db:"expires_at"`
	}
	if err := env.DB.Get(&link, `SELECT token_hash, expires_at FROM sms_media_links WHERE shop_id = $1`, shopID); err != nil {
		t.Fatal(err)
	}
	if len(link.Hash) != 32 || link.Expires.Before(time.Now().Add(3*time.Hour)) || link.Expires.After(time.Now().Add(5*time.Hour)) {
		t.Fatalf("link kept as %d bytes, expiring %s; want a SHA-256 and a few hours", len(link.Hash), link.Expires)
	}
}

// A reply whose picture was deleted before its send (a data request, the
// retention clean-up) fails at once with the reason, and nothing goes to
// Twilio: the text alone is not what the agent sent. It does not wait out
// the job's retries as "sending", nor read as "may have reached them".
func TestReplyWhosePictureIsGoneFailsWithTheReason(t *testing.T) {
	t.Parallel()
	env, tw, shopID, convID, agentID := smsTicket(t, "+14155550152")
	// The reply names an upload that is no longer there, as one deleted
	// between the agent's send and the job's run.
	m, err := storage.NewConversations(env.DB, time.Now).PostFromAgent(context.Background(), shopID, convID, agentID, storage.AgentReply{
		ClientID: "d0000000-0000-4000-8000-000000000002", Body: "Here is the green one", Preview: "Here is the green one",
		Attachments: []storage.Attachment{{URL: env.URL + "/media/" + strings.Repeat("Q", 43), ContentType: "image/png"}}})
	if err != nil {
		t.Fatal(err)
	}
	apptest.Eventually(t, 15*time.Second, "the reply to fail", func() bool {
		status, failure := smsStatus(t, env, m.ID)
		return status == storage.SMSFailed && failure == sms.FailureMediaGone
	})
	for _, sent := range tw.Messages() {
		if sent.Body == "Here is the green one" {
			t.Fatalf("Twilio got the reply without its picture: %+v", sent)
		}
	}
}

// replyWithPicture posts an agent's reply with a picture, as the composer
// does.
func replyWithPicture(t *testing.T, env *apptest.Env, shopID, convID, agentID int64, body string, picture []byte) storage.Message {
	t.Helper()
	u, err := storage.NewUpload("image/png", picture)
	if err != nil {
		t.Fatal(err)
	}
	m, err := storage.NewConversations(env.DB, time.Now).PostFromAgent(context.Background(), shopID, convID, agentID, storage.AgentReply{
		ClientID: "d0000000-0000-4000-8000-000000000001", Body: body, Preview: body, Uploads: []storage.Upload{u},
		Attachments: []storage.Attachment{{URL: env.URL + "/media/" + u.ID, ContentType: "image/png"}}})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// A picture's link is a long random token that names nothing of the shop,
// opens the picture (GET and HEAD, as Twilio checks it) until it expires,
// is never cached nor logged, and no other token opens anything.
func TestMediaLinksAreUnguessableAndExpire(t *testing.T) {
	t.Parallel()
	env, _, shopID, convID, agentID := smsTicket(t, "+14155550152")
	picture := picturePNG(t, 2, 2)
	m := replyWithPicture(t, env, shopID, convID, agentID, "", picture)
	uploadID := strings.TrimPrefix(m.Attachments[0].URL, env.URL+"/media/")
	now := time.Now()
	clock := func() time.Time { return now }
	links := storage.NewSMSMediaLinks(env.DB, clock)
	tokens, err := links.Create(context.Background(), shopID, []string{uploadID, uploadID}, 4*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens[0]) != storage.MediaLinkTokenLength || tokens[0] == tokens[1] || strings.Contains(tokens[0], uploadID) {
		t.Fatalf("tokens %q for upload %s: want two different 256-bit tokens", tokens, uploadID)
	}
	target := env.URL + sms.MediaLinkPath + tokens[0]
	res, body := fetchURL(t, target)
	if res.StatusCode != http.StatusOK || !bytes.Equal(body, picture) || res.Header.Get("Content-Type") != "image/png" ||
		!strings.Contains(res.Header.Get("Cache-Control"), "no-store") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("link answered %d %v", res.StatusCode, res.Header)
	}
	if head, err := http.Head(target); err != nil || head.StatusCode != http.StatusOK || head.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("HEAD of the link: %v %v", head, err)
	}
	for name, other := range map[string]string{
		"a guessed token":     strings.Repeat("A", storage.MediaLinkTokenLength),
		"the upload's token":  uploadID,
		"a token cut short":   tokens[0][:42],
		"a token made longer": tokens[0] + "A",
	} {
		if res, _ := fetchURL(t, env.URL+sms.MediaLinkPath+other); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", name, res.StatusCode)
		}
	}
	if _, err := links.Open(context.Background(), tokens[1]); err != nil {
		t.Fatalf("the link before it expires: %v", err)
	}
	now = now.Add(4*time.Hour + time.Second)
	if _, err := links.Open(context.Background(), tokens[1]); err == nil {
		t.Fatal("the link still opens after it expired")
	}
	env.DB.MustExec(`UPDATE sms_media_links SET expires_at = now() - interval '1 second'`)
	if res, _ := fetchURL(t, target); res.StatusCode != http.StatusNotFound {
		t.Fatalf("an expired link answered %d, want 404", res.StatusCode)
	}
	if logs := env.Logs.String(); strings.Contains(logs, tokens[0]) || !strings.Contains(logs, sms.MediaLinkPath+"…") {
		t.Fatal("a link's token reached the logs, or its request was not logged redacted")
	}
	if _, err := links.Create(context.Background(), shopID+1, []string{uploadID}, time.Hour); err == nil {
		t.Fatal("another shop made a link to this shop's picture")
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// httpServer serves h until the test ends and returns its URL.
func httpServer(t *testing.T, h http.HandlerFunc) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
