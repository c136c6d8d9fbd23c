package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/sms"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// heldTwilio stands in front of the local Twilio: a message request goes
// through (Twilio creates the message) and its answer is held until
// release, as for a worker that dies while Twilio is answering.
type heldTwilio struct {
	*httptest.Server
	taken   chan struct{}
	release chan struct{}
	once    sync.Once
	garble  bool // answer a created message with a page we cannot read, at once
}

// proxyTwilio stands in front of tw, holding each created message's answer
// until Release, or with garble answering its 201 at once with a proxy's
// HTML page instead of Twilio's JSON.
func proxyTwilio(t *testing.T, tw *twiliotest.Twilio, garble bool) *heldTwilio {
	t.Helper()
	h := &heldTwilio{taken: make(chan struct{}, 8), release: make(chan struct{}), garble: garble}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequest(r.Method, tw.URL()+r.URL.RequestURI(), bytes.NewReader(body))
		req.Header = r.Header.Clone()
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer res.Body.Close()
		answer, _ := io.ReadAll(res.Body)
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/Messages.json") {
			if h.garble {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(res.StatusCode)
				w.Write([]byte("<html><body>Bad gateway</body></html>"))
				return
			}
			h.taken <- struct{}{}
			<-h.release
		}
		w.Header().Set("Content-Type", res.Header.Get("Content-Type"))
		w.WriteHeader(res.StatusCode)
		w.Write(answer)
	}))
	t.Cleanup(func() { h.Release(); h.Close() })
	return h
}

// smsTicketThroughProxy is smsTicket with the app calling Twilio through
// proxyTwilio (garbling or holding its answers).
func smsTicketThroughProxy(t *testing.T, from string, garble bool) (env *apptest.Env, tw *twiliotest.Twilio, proxy *heldTwilio, shopID, convID, agentID int64) {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: smsAccount, AuthToken: smsToken, Numbers: []string{smsNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	proxy = proxyTwilio(t, tw, garble)
	env, shopID = smsShopWith(t, apptest.Options{Config: func(c *config.Config) { c.TwilioURL = proxy.URL }})
	postText(t, env, textForm(smsSID(1), from, "Is it in stock?"), smsToken)
	env.WaitForJobs(t)
	env.DB.Get(&convID, `SELECT id FROM conversations WHERE channel = 'sms'`)
	agent, err := storage.NewAgents(env.DB, time.Now).Seen(context.Background(), shopID, 9001)
	if convID == 0 || err != nil {
		t.Fatalf("no SMS ticket (%d) or no agent (%v)", convID, err)
	}
	return env, tw, proxy, shopID, convID, agent.ID
}

// Release lets the held answers go.
func (h *heldTwilio) Release() { h.once.Do(func() { close(h.release) }) }

// A worker that dies after its request reached Twilio: Twilio created the
// text, the job recorded nothing. The run that takes the job over finds
// the sent-marker without its mark, sends no second text, and shows the
// agent that the reply may not have arrived.
func TestSMSCutOffMidSendIsNotSentTwice(t *testing.T) {
	t.Parallel()
	env, tw, held, shopID, convID, agentID := smsTicketThroughProxy(t, "+14155550119", false)
	m := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000009", "Yes, 3 left.")
	<-held.taken // Twilio created the text; the app's worker never hears back

	// Another worker takes the job over once the first one's lease lapsed.
	var job storage.Job
	if err := env.DB.Get(&job, `SELECT id, kind, shop_id, payload, attempts, max_attempts FROM jobs WHERE kind = $1`, storage.JobSendSMS); err != nil {
		t.Fatal(err)
	}
	job.Attempts++
	takeover := &sms.Sender{Outbox: storage.NewConversations(env.DB, time.Now), Settings: storage.NewSMSSettings(env.DB, env.Keys, time.Now),
		Markers: storage.NewSideEffects(env.DB, time.Now), TwilioURL: held.URL, AppURL: env.URL}
	if err := takeover.Send(context.Background(), job); err != nil {
		t.Fatalf("the run that took over: %v", err)
	}
	if n := len(tw.Messages()); n != 1 {
		t.Fatalf("Twilio got %d texts, want 1", n)
	}
	if status, failure := smsStatus(t, env, m.ID); status != storage.SMSFailed || failure != sms.FailureInterrupted {
		t.Fatalf("the reply shows %q (%q): want failed, may not have arrived", status, failure)
	}
	held.Release()
	apptest.Eventually(t, 10*time.Second, "the first worker to finish", func() bool {
		return count(t, env, `SELECT count(*) FROM jobs WHERE kind = $1 AND status = 'done'`, storage.JobSendSMS) == 1
	})
	if n := len(tw.Messages()); n != 1 {
		t.Fatalf("Twilio got %d texts in the end, want 1", n)
	}
}

// Twilio created the text but its answer came back unreadable (a proxy's
// page): the message may be on the phone, so it is not sent again (that
// was a second text before sent-markers); the agent is told it may not
// have arrived.
func TestSMSWithAnUnreadableAnswerIsNotSentTwice(t *testing.T) {
	t.Parallel()
	env, tw, _, shopID, convID, agentID := smsTicketThroughProxy(t, "+14155550120", true)
	m := reply(t, env, shopID, convID, agentID, "c0000000-0000-4000-8000-000000000010", "Yes, 2 left.")
	apptest.Eventually(t, 20*time.Second, "the send job to finish", func() bool {
		return count(t, env, `SELECT count(*) FROM jobs WHERE kind = $1 AND status IN ('done', 'parked')`, storage.JobSendSMS) == 1
	})
	if n := len(tw.Messages()); n != 1 {
		t.Fatalf("Twilio got %d texts, want 1", n)
	}
	if status, failure := smsStatus(t, env, m.ID); status != storage.SMSFailed || failure != sms.FailureInterrupted {
		t.Fatalf("the reply shows %q (%q): want failed, may not have arrived", status, failure)
	}
}
