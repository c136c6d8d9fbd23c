package twiliotest_test

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
	account    = "AC0123456789abcdef0123456789abcdef"
	token      = "f1e2d3c4b5a69788f1e2d3c4b5a69788"
	shopNumber = "+15005550006"
	customer   = "+15555550123"
)

func start(t *testing.T, service string) *twiliotest.Twilio {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: account, AuthToken: token,
		Numbers: []string{shopNumber}, ServiceSID: service}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	return tw
}

func client(t *testing.T, tw *twiliotest.Twilio) *twilio.Client {
	t.Helper()
	c, err := twilio.New(twilio.Credentials{AccountSID: account, AuthToken: token}, twilio.WithBaseURL(tw.URL()))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// webhook is the app's incoming-message endpoint: it checks each request
// with the client's verifier against its own URL and hands it over.
type webhook struct {
	url      string
	requests chan url.Values
	errs     chan error
}

func newWebhook(t *testing.T) *webhook {
	t.Helper()
	wh := &webhook{requests: make(chan url.Values, 16), errs: make(chan error, 16)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			wh.errs <- err
			return
		}
		if err := twilio.VerifySignature(token, wh.url, r.PostForm, r.Header.Get(twilio.SignatureHeader)); err != nil {
			wh.errs <- err
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		wh.requests <- r.PostForm
		w.Header().Set("Content-Type", "text/xml")
		_, _ = w.Write([]byte("<Response/>"))
	}))
	t.Cleanup(srv.Close)
	wh.url = srv.URL + "/sms/twilio/demo?shop=hubchat-demo.myshopify.com"
	return wh
}

func (wh *webhook) next(t *testing.T) url.Values {
	t.Helper()
	select {
	case f := <-wh.requests:
		return f
	case err := <-wh.errs:
		t.Fatalf("the webhook refused a request: %v", err)
	case <-time.After(15 * time.Second):
		t.Fatal("no request reached the webhook within 15 s")
	}
	return nil
}
