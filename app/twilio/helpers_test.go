package twilio_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"hubchat/app/twilio"
	"hubchat/app/twilio/twiliotest"
)

const (
	testAccount = "AC0123456789abcdef0123456789abcdef"
	testToken   = "f1e2d3c4b5a69788f1e2d3c4b5a69788"
	testService = "MG0123456789abcdef0123456789abcdef"
	shopNumber  = "+15005550006"
	customer    = "+15555550123"
)

// startFake runs a local Twilio with one number in one Messaging Service.
func startFake(t *testing.T) *twiliotest.Twilio {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: testAccount, AuthToken: testToken,
		Numbers: []string{shopNumber}, ServiceSID: testService}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	return tw
}

// newClient is a client of the fake with the given token.
func newClient(t *testing.T, tw *twiliotest.Twilio, token string) *twilio.Client {
	t.Helper()
	c, err := twilio.New(twilio.Credentials{AccountSID: tw.AccountSID(), AuthToken: twilio.AuthToken(token)},
		twilio.WithBaseURL(tw.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// received is one request the fake made to the app, verified.
type received struct {
	form      url.Values
	signature error
}

// appEndpoint is the app's side: it verifies each request's signature
// against its own URL and hands it to the test.
func appEndpoint(t *testing.T, token string) (string, <-chan received) {
	t.Helper()
	ch := make(chan received, 16)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		err := twilio.VerifySignature(twilio.AuthToken(token), srv.URL+r.URL.RequestURI(), r.PostForm, r.Header.Get(twilio.SignatureHeader))
		ch <- received{form: r.PostForm, signature: err}
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/twilio/status?shop=demo", ch
}

// next waits for the next request.
func next(t *testing.T, ch <-chan received) received {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no request from the local Twilio within 10 s")
		return received{}
	}
}
