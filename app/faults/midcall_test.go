package faults

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"hubchat/app/loadtest"
	"hubchat/app/sms"
)

// hubchat is killed (SIGKILL) while four jobs are each inside a call to an
// outside service: the AI agent's answer waiting on the model, the team's
// new-ticket email with the mail server holding its answer to DATA, an
// agent's SMS reply with Twilio's answer held, and a Zendesk ticket being
// created. Each service did its part; hubchat heard nothing. Started again
// on its port, it claims the jobs after their lease and: the shopper gets
// the answer once, live; the email was sent once and not again; the text
// was sent once and the agent is told it may or may not have arrived; one
// Zendesk ticket; every message acknowledged before the kill is there once.
func TestFaultKilledMidJobCalls(t *testing.T) {
	long(t)
	svc := startOutside(t)
	r := newRigWith(t, 1, svc.env())
	in := r.instances[0]
	svc.connect(r, in.Base)
	target := r.target(in)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	shoppers, err := loadtest.NewShoppers(ctx, target, r.client, 5_000_001, 2)
	if err != nil {
		t.Fatal(err)
	}
	asker, leaver := shoppers[0], shoppers[1]
	answers := watchAnswers(ctx, asker)

	// (d) Zendesk: a person asked for, an email left, the ticket's
	// creation done by Zendesk and its answer held.
	ticketMade, releaseZendesk := svc.zendeskFront.holdNext(posts("/tickets.json"))
	handedOff := post(t, leaver, newID(), "I want to talk to a person")
	r.awaitAIMessage(handedOff.Conversation.ID, 30*time.Second)
	leaveEmail(t, r.client, in.Base, leaver, handedOff.Conversation.ID, "ada@example.com")
	awaitClosed(t, ticketMade, 30*time.Second, "the Zendesk ticket's creation")

	// (b) SMTP and (c) Twilio: a text starts a ticket (its email held by
	// the mail server), and the agent's reply goes out by SMS (Twilio's
	// answer held).
	mailTaken, releaseMail := svc.mail.holdNext()
	const phone = "+15555550123"
	svc.text(t, phone, "Is my parcel on its way?")
	awaitClosed(t, mailTaken, 30*time.Second, "the new-ticket email")
	var smsTicket int64
	eventually(t, 10*time.Second, "the SMS ticket", func() bool {
		return r.db.QueryRow(`SELECT id FROM conversations WHERE channel = 'sms'`).Scan(&smsTicket) == nil
	})
	textSent, releaseTwilio := svc.twilioFront.holdNext(posts("/Messages.json"))
	replyID := newID()
	if err := loadtest.NewAgents(target, r.client, 1)[0].Reply(ctx, smsTicket, replyID, "It left our warehouse today."); err != nil {
		t.Fatal(err)
	}
	awaitClosed(t, textSent, 30*time.Second, "the SMS reply's send")

	// (a) The model: asked, its answer held.
	modelAsked, releaseModel := svc.modelFront.holdNext(posts("/chat/completions"))
	asked := post(t, asker, newID(), shopperQuestion)
	awaitClosed(t, modelAsked, 30*time.Second, "the model's answer")

	running := r.count(`SELECT count(*) FROM jobs WHERE status = 'running'`)
	port := portOf(t, in.Base)
	in.Kill()
	killedAt := time.Now()
	for _, release := range []func(){releaseZendesk, releaseMail, releaseTwilio, releaseModel} {
		release()
	}
	again := r.start(ctx, buildHubchat(t), 0, port)
	recovery := r.awaitReady(again, killedAt, 60*time.Second)
	r.awaitJobsSettled(t, 60*time.Second) // the dead worker's lease is 15 s
	settled := time.Since(killedAt)

	got := answers.awaitFor(asked.Message.ID, 30*time.Second)
	time.Sleep(time.Second) // a second answer would follow the first at once
	got = answers.count(asked.Message.ID)
	var smsStatus, smsError string
	r.db.QueryRow(`SELECT sms_status, sms_error FROM messages WHERE client_id = $1`, replyID).Scan(&smsStatus, &smsError)
	emails, texts, tickets := len(svc.mail.Received()), svc.textsTo(phone), len(svc.zendesk.Tickets())
	stored := r.count(`SELECT count(*) FROM messages WHERE client_id IN ($1, $2, $3)`, *handedOff.Message.ClientID, replyID, *asked.Message.ClientID)
	t.Logf("FIGURES | killed mid call (AI answer, SMTP, Twilio, Zendesk) | jobs running at the kill %d | answers shown %d | emails %d | texts %d (status %q: %s) | tickets %d | messages kept %d of 3 | recovery %s | jobs settled %s",
		running, got, emails, texts, smsStatus, smsError, tickets, stored, recovery.Round(time.Millisecond), settled.Round(100*time.Millisecond))
	if got != 1 {
		t.Errorf("the shopper was shown %d answers to the question, want 1", got)
	}
	if emails != 1 {
		t.Errorf("the new-ticket email was received %d times, want once", emails)
	}
	if texts != 1 || smsStatus != "failed" || smsError != sms.FailureInterrupted {
		t.Errorf("the SMS reply: %d texts (want 1), status %q, reason %q (want the agent told it may not have arrived)", texts, smsStatus, smsError)
	}
	if tickets != 1 {
		t.Errorf("%d Zendesk tickets, want 1", tickets)
	}
	if stored != 3 {
		t.Errorf("%d of the 3 acknowledged messages are stored", stored)
	}
}

// post sends a shopper's message, failing the test if it is not
// acknowledged.
func post(t *testing.T, s *loadtest.Shopper, clientID, body string) loadtest.PostAnswer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	a, err := s.Post(ctx, clientID, body)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// awaitAIMessage waits for the AI agent's first message in a conversation.
func (r *rig) awaitAIMessage(conversationID int64, within time.Duration) {
	r.t.Helper()
	eventually(r.t, within, "the AI agent's message", func() bool {
		return r.count(`SELECT count(*) FROM messages WHERE conversation_id = $1 AND author = 'ai'`, conversationID) > 0
	})
}

// leaveEmail posts the address the AI agent asked for before a handoff.
func leaveEmail(t *testing.T, client *http.Client, base string, s *loadtest.Shopper, conversationID int64, email string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"conversation_id": conversationID, "email": email, "language": "en"})
	req, _ := http.NewRequest(http.MethodPost, base+"/api/storefront/email", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+s.Token)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("leaving an email: %d", resp.StatusCode)
	}
}

// answerWatch counts the AI agent's answers on a shopper's live stream, by
// the message they answer; the stream reconnects with Last-Event-ID.
type answerWatch struct {
	mu      sync.Mutex
	answers map[int64]int
	changed chan struct{}
}

func watchAnswers(ctx context.Context, s *loadtest.Shopper) *answerWatch {
	w := &answerWatch{answers: map[int64]int{}, changed: make(chan struct{}, 1)}
	ready := make(chan struct{})
	st := s.Stream(func(e loadtest.Event) {
		var m loadtest.Message
		if e.Name != "message.created" || json.Unmarshal(e.Data, &m) != nil || m.Author != "ai" || m.ReplyTo == 0 {
			return
		}
		w.mu.Lock()
		w.answers[m.ReplyTo]++
		w.mu.Unlock()
		select {
		case w.changed <- struct{}{}:
		default:
		}
	})
	go st.Run(ctx, strconv.FormatInt(s.EventID, 10), ready)
	<-ready
	return w
}

func (w *answerWatch) count(id int64) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.answers[id]
}

// awaitFor waits for an answer to message id and returns how many came.
func (w *answerWatch) awaitFor(id int64, within time.Duration) int {
	timeout := time.After(within)
	for w.count(id) == 0 {
		select {
		case <-w.changed:
		case <-timeout:
			return 0
		}
	}
	return w.count(id)
}

// newID is a client id for a message: a random UUID, as the widget and
// the composer make.
func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
