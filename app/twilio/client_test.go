package twilio_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
)

// A message sent through the Messages API is created queued, then its
// status callbacks arrive signed and readable: sent, then delivered.
func TestSendReportsStatusesThroughSignedCallbacks(t *testing.T) {
	tw := startFake(t)
	c := newClient(t, tw, testToken)
	if err := c.CheckCredentials(context.Background()); err != nil {
		t.Fatalf("check credentials: %v", err)
	}
	callback, got := appEndpoint(t, testToken)
	sent, err := c.Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Body: "Your order shipped", StatusCallback: callback})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sent.SID, "SM") || sent.Status != twilio.Queued {
		t.Fatalf("created %+v, want an SM… message, queued", sent)
	}
	for _, want := range []twilio.Status{twilio.Sent, twilio.Delivered} {
		r := next(t, got)
		if r.signature != nil {
			t.Fatalf("%s callback: %v", want, r.signature)
		}
		u, err := twilio.ParseStatus(r.form)
		if err != nil || u.MessageSID != sent.SID || u.Status != want || u.ErrorCode != 0 {
			t.Fatalf("callback %+v (%v), want %s for %s", u, err, want, sent.SID)
		}
	}
}

// A recipient's handset that cannot be reached ends the message
// undelivered, with Twilio's error code in the callback.
func TestUndeliveredCarriesTheErrorCode(t *testing.T) {
	tw := startFake(t)
	tw.SetOutcome(customer, twiliotest.Outcome{Status: "undelivered", ErrorCode: 30003})
	callback, got := appEndpoint(t, testToken)
	sent, err := newClient(t, tw, testToken).Send(context.Background(), twilio.Outgoing{To: customer, ServiceSID: testService, Body: "Hi", StatusCallback: callback})
	if err != nil || sent.Status != twilio.Accepted {
		t.Fatalf("created %+v (%v), want accepted", sent, err)
	}
	// Through a Messaging Service the message is created accepted; the
	// callbacks report each change after that.
	for _, want := range []twilio.Status{twilio.Queued, twilio.Sent, twilio.Undelivered} {
		u, err := twilio.ParseStatus(next(t, got).form)
		if err != nil || u.Status != want {
			t.Fatalf("callback %+v (%v), want %s", u, err, want)
		}
		if want == twilio.Undelivered && (u.ErrorCode != 30003 || !u.Status.Final()) {
			t.Fatalf("final callback %+v, want undelivered with 30003", u)
		}
	}
}

// Pictures go as MMS: Twilio fetches each MediaUrl when it sends and keeps
// a copy; a URL it cannot fetch fails the message with 11200.
func TestMediaIsFetchedAndAMissingOneFailsTheMessage(t *testing.T) {
	tw := startFake(t)
	png := []byte("\x89PNG\r\n\x1a\n fake picture")
	files := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/shirt.png" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png)
	}))
	defer files.Close()
	c := newClient(t, tw, testToken)
	callback, got := appEndpoint(t, testToken)

	sent, err := c.Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Media: []string{files.URL + "/shirt.png"}, StatusCallback: callback})
	if err != nil || !strings.HasPrefix(sent.SID, "MM") {
		t.Fatalf("send MMS: %+v, %v", sent, err)
	}
	next(t, got)
	if u, _ := twilio.ParseStatus(next(t, got).form); u.Status != twilio.Delivered {
		t.Fatalf("MMS ended %s", u.Status)
	}
	var media []twiliotest.MediaItem
	for _, m := range tw.Messages() {
		if m.SID == sent.SID {
			media = m.Media
		}
	}
	if len(media) != 1 || !strings.HasPrefix(media[0].URL, tw.URL()) {
		t.Fatalf("kept media %+v, want one copy on the local Twilio", media)
	}
	body, contentType, err := c.FetchMedia(context.Background(), sent.SID, media[0].URL, 1<<20)
	if err != nil || contentType != "image/png" || !bytes.Equal(body, png) {
		t.Fatalf("media served as %s, %d bytes: %v", contentType, len(body), err)
	}

	if _, err := c.Send(context.Background(), twilio.Outgoing{To: customer, From: shopNumber, Media: []string{files.URL + "/gone.png"}, StatusCallback: callback}); err != nil {
		t.Fatal(err)
	}
	if u, _ := twilio.ParseStatus(next(t, got).form); u.Status != twilio.Failed || u.ErrorCode != 11200 {
		t.Fatalf("missing media: %+v, want failed with 11200", u)
	}
}

// Each refusal comes back with its kind, Twilio's code, and whether it is
// worth a retry: the job's decision.
func TestRefusalsAreClassified(t *testing.T) {
	tw := startFake(t)
	good := newClient(t, tw, testToken)
	cases := []struct {
		name      string
		client    *twilio.Client
		msg       twilio.Outgoing
		kind      twilio.Kind
		code      int
		temporary bool
		app       apperr.Code
	}{
		{"wrong auth token", newClient(t, tw, strings.Repeat("f", 32)), twilio.Outgoing{To: customer, From: shopNumber, Body: "x"}, twilio.BadCredentials, 20003, false, apperr.Invalid},
		{"number not of the account", good, twilio.Outgoing{To: customer, From: "+15005550001", Body: "x"}, twilio.InvalidSender, 21606, false, apperr.Invalid},
		{"unknown messaging service", good, twilio.Outgoing{To: customer, ServiceSID: "MG" + strings.Repeat("9", 32), Body: "x"}, twilio.InvalidSender, 21701, false, apperr.Invalid},
		{"not a phone number (refused before sending)", good, twilio.Outgoing{To: "5555", From: shopNumber, Body: "x"}, twilio.InvalidRecipient, 0, false, apperr.Invalid},
		{"nothing to send (refused before sending)", good, twilio.Outgoing{To: customer, From: shopNumber}, twilio.Invalid, 0, false, apperr.Invalid},
	}
	for _, tc := range cases {
		_, err := tc.client.Send(context.Background(), tc.msg)
		checkKind(t, tc.name, err, tc.kind, tc.code, tc.temporary, tc.app)
	}
	wrongAccount, _ := twilio.New(twilio.Credentials{AccountSID: "AC" + strings.Repeat("e", 32), AuthToken: testToken}, twilio.WithBaseURL(tw.URL()))
	checkKind(t, "another account's SID", wrongAccount.CheckCredentials(context.Background()), twilio.BadCredentials, 20003, false, apperr.Invalid)
}

// Rate limits, Twilio's own failures and silence are temporary: a retry
// later succeeds.
func TestTemporaryFailuresAreWorthARetry(t *testing.T) {
	tw := startFake(t)
	c := newClient(t, tw, testToken)
	msg := twilio.Outgoing{To: customer, From: shopNumber, Body: "Back in stock"}
	tw.FailNext(1, http.StatusTooManyRequests)
	tw.FailNext(1, http.StatusServiceUnavailable)
	_, err := c.Send(context.Background(), msg)
	checkKind(t, "429", err, twilio.RateLimited, 20429, true, apperr.TooMany)
	_, err = c.Send(context.Background(), msg)
	checkKind(t, "503", err, twilio.Unavailable, 20500, true, apperr.Unavailable)
	if _, err := c.Send(context.Background(), msg); err != nil {
		t.Fatalf("the retry: %v", err)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	ln.Close()
	gone, _ := twilio.New(twilio.Credentials{AccountSID: testAccount, AuthToken: testToken}, twilio.WithBaseURL(closed))
	_, err = gone.Send(context.Background(), msg)
	checkKind(t, "nobody listening", err, twilio.Unreachable, 0, true, apperr.Unavailable)

	hang := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-hang }))
	defer slow.Close()
	defer close(hang)
	late, _ := twilio.New(twilio.Credentials{AccountSID: testAccount, AuthToken: testToken}, twilio.WithBaseURL(slow.URL))
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = late.Send(ctx, msg)
	checkKind(t, "past the deadline", err, twilio.Unreachable, 0, true, apperr.Unavailable)
	if !strings.Contains(err.Error(), "did not answer in time") {
		t.Errorf("deadline error says %q", err)
	}
}

func checkKind(t *testing.T, name string, err error, kind twilio.Kind, code int, temporary bool, app apperr.Code) {
	t.Helper()
	var te *twilio.Error
	if !errors.As(err, &te) {
		t.Errorf("%s: error %v is not a *twilio.Error", name, err)
		return
	}
	if te.Kind != kind || te.Code != code || te.Temporary() != temporary || apperr.CodeOf(err) != app {
		t.Errorf("%s: kind %s code %d temporary %v app %s; want %s %d %v %s (%v)",
			name, te.Kind, te.Code, te.Temporary(), apperr.CodeOf(err), kind, code, temporary, app, err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("%s: the error reveals the auth token: %v", name, err)
	}
}

// The auth token never prints, whatever the verb.
func TestAuthTokenNeverPrints(t *testing.T) {
	creds := twilio.Credentials{AccountSID: testAccount, AuthToken: testToken}
	for _, s := range []string{creds.AuthToken.String(), fmt.Sprintf("%v %+v %#v %s", creds, creds, creds, creds)} {
		if strings.Contains(s, testToken) {
			t.Fatalf("printed %q", s)
		}
	}
}
