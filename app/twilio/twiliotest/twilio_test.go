package twiliotest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
)

// A person texting the shop's number reaches its webhook as Twilio's
// documented form, signed so that the client's verifier accepts it, with
// the picture at a media URL the fake serves.
func TestTextPostsASignedIncomingWebhook(t *testing.T) {
	tw := start(t, "")
	wh := newWebhook(t)
	if err := tw.SetWebhook(shopNumber, wh.url); err != nil {
		t.Fatal(err)
	}
	picture := []byte("GIF89a tiny")
	m, err := tw.Text(customer, shopNumber, "Is this in blue?", []twiliotest.Upload{{ContentType: "image/gif", Data: picture}})
	if err != nil {
		t.Fatal(err)
	}
	in, err := twilio.ParseIncoming(wh.next(t))
	if err != nil {
		t.Fatal(err)
	}
	if in.MessageSID != m.SID || !strings.HasPrefix(in.MessageSID, "MM") || in.From != customer || in.To != shopNumber ||
		in.AccountSID != account || in.Body != "Is this in blue?" || len(in.Media) != 1 || in.Media[0].ContentType != "image/gif" {
		t.Fatalf("incoming %+v for message %s", in, m.SID)
	}
	if status, _ := getMedia(t, in.Media[0].URL, ""); status != http.StatusUnauthorized {
		t.Fatalf("media URL without credentials answered %d, want 401 (media auth on)", status)
	}
	if status, got := getMedia(t, in.Media[0].URL, token); status != http.StatusOK || !bytes.Equal(got, picture) {
		t.Fatalf("media URL with credentials answered %d %q", status, got)
	}
	if d := tw.Messages()[0].Webhook; d == nil || d.Status != http.StatusOK {
		t.Fatalf("webhook delivery %+v", d)
	}
}

// STOP blocks every message to the person (21610) until START; Twilio
// replies to each keyword itself, still passes it to the webhook, and
// answers HELP only to someone not opted out. "stop please" is not STOP.
func TestStopBlocksSendingUntilStart(t *testing.T) {
	tw := start(t, "")
	wh := newWebhook(t)
	_ = tw.SetWebhook(shopNumber, wh.url)
	c := client(t, tw)
	send := func() error {
		_, err := c.Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Body: "Your order shipped"})
		return err
	}
	text := func(body string) {
		t.Helper()
		if _, err := tw.Text(customer, shopNumber, body, nil); err != nil {
			t.Fatal(err)
		}
		if got := wh.next(t).Get("Body"); got != body {
			t.Fatalf("webhook got %q, want %q", got, body)
		}
	}

	text("stop please")
	if err := send(); err != nil {
		t.Fatalf("after 'stop please': %v", err)
	}
	text("Stop")
	var te *twilio.Error
	if err := send(); !errors.As(err, &te) || te.Kind != twilio.OptedOut || te.Code != 21610 {
		t.Fatalf("after STOP: %v, want opted out (21610)", err)
	}
	text("HELP")
	text(" start ")
	if err := send(); err != nil {
		t.Fatalf("after START: %v", err)
	}
	var replies []string
	for _, m := range tw.Messages() {
		if m.Direction == "outbound-reply" {
			replies = append(replies, m.Body)
		}
	}
	if len(replies) != 2 || !strings.Contains(replies[0], "unsubscribed") || !strings.Contains(replies[1], "subscribed again") {
		t.Fatalf("automatic replies %q: want the opt-out and opt-in ones, none to HELP while opted out", replies)
	}
}

// With a Messaging Service, an opt-out covers the whole service.
func TestStopThroughAServiceBlocksTheService(t *testing.T) {
	service := "MG0123456789abcdef0123456789abcdef"
	tw := start(t, service)
	if _, err := tw.Text(customer, shopNumber, "UNSUBSCRIBE", nil); err != nil {
		t.Fatal(err)
	}
	_, err := client(t, tw).Send(context.Background(), twilio.Outgoing{To: customer, ServiceSID: service, Body: "Hi"})
	var te *twilio.Error
	if !errors.As(err, &te) || te.Code != 21610 {
		t.Fatalf("send through the service after UNSUBSCRIBE: %v", err)
	}
}

// The API refuses what Twilio refuses, with its status, code and document.
func TestAPIRefusesAsTwilioDoes(t *testing.T) {
	tw := start(t, "MG0123456789abcdef0123456789abcdef")
	long := strings.Repeat("a", 1601)
	for name, tc := range map[string]struct {
		form   url.Values
		status int
		code   int
	}{
		"no To":                {url.Values{"From": {shopNumber}, "Body": {"x"}}, 400, 21604},
		"a To not in E.164":    {url.Values{"To": {"555-0123"}, "From": {shopNumber}, "Body": {"x"}}, 400, 21211},
		"no From nor service":  {url.Values{"To": {customer}, "Body": {"x"}}, 400, 21603},
		"a foreign From":       {url.Values{"To": {customer}, "From": {"+15005550001"}, "Body": {"x"}}, 400, 21606},
		"a malformed service":  {url.Values{"To": {customer}, "MessagingServiceSid": {"MG12"}, "Body": {"x"}}, 400, 21705},
		"an unknown service":   {url.Values{"To": {customer}, "MessagingServiceSid": {"MG" + strings.Repeat("9", 32)}, "Body": {"x"}}, 400, 21701},
		"no body nor media":    {url.Values{"To": {customer}, "From": {shopNumber}}, 400, 21602},
		"a body over 1600":     {url.Values{"To": {customer}, "From": {shopNumber}, "Body": {long}}, 400, 21617},
		"the accepted message": {url.Values{"To": {customer}, "From": {shopNumber}, "Body": {"x"}}, 201, 0},
	} {
		status, doc := post(t, tw, account, token, tc.form)
		if status != tc.status || tc.code != 0 && (doc.Code != tc.code || doc.Status != tc.status || !strings.HasSuffix(doc.MoreInfo, "/"+strconv.Itoa(tc.code))) {
			t.Errorf("%s: %d %+v, want %d with code %d", name, status, doc, tc.status, tc.code)
		}
	}
	for name, creds := range map[string][2]string{
		"a wrong token":         {account, strings.Repeat("0", 32)},
		"another account's SID": {"AC" + strings.Repeat("1", 32), token},
	} {
		if status, doc := post(t, tw, creds[0], creds[1], url.Values{"To": {customer}, "From": {shopNumber}, "Body": {"x"}}); status != 401 || doc.Code != 20003 {
			t.Errorf("%s: %d %+v, want 401 with 20003", name, status, doc)
		}
	}
}

type errorDocument struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func post(t *testing.T, tw *twiliotest.Twilio, user, pass string, form url.Values) (int, errorDocument) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, tw.URL()+"/2010-04-01/Accounts/"+user+"/Messages.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(user, pass)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc errorDocument
	_ = json.NewDecoder(res.Body).Decode(&doc)
	return res.StatusCode, doc
}

// getMedia fetches a media URL as the app does, with the account's
// credentials unless authToken is "", following Twilio's redirect.
func getMedia(t *testing.T, mediaURL, authToken string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, mediaURL, nil)
	if authToken != "" {
		req.SetBasicAuth(account, authToken)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}
