package faults

import (
	"context"
	"sync"
	"testing"
	"time"

	"hubchat/app/loadtest"
)

// The outside services fail under a running hubchat with shoppers
// chatting: the model answers garbage (an HTML page), then hangs; Twilio
// and Zendesk answer 503; the mail server refuses (451). Every shopper's
// question still gets one answer (the built-in engine's, or a handoff);
// the chat stores every message once; and the jobs that needed the
// services — the new-ticket email, an SMS reply, a Zendesk ticket — are
// done once each when the services come back, with no restart.
func TestFaultOutsideServicesDownOrGarbage(t *testing.T) {
	long(t)
	svc := startOutside(t)
	r := newRigWith(t, 1, svc.env())
	in := r.instances[0]
	svc.connect(r, in.Base)
	target := r.target(in)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	shoppers, err := loadtest.NewShoppers(ctx, target, r.client, 6_000_001, 9)
	if err != nil {
		t.Fatal(err)
	}
	leaver, askers := shoppers[0], shoppers[1:]

	svc.twilioFront.set(down)
	svc.zendeskFront.set(down)
	svc.mail.refuse(true)
	downAt := time.Now()
	handedOff := post(t, leaver, newID(), "I want to talk to a person")
	r.awaitAIMessage(handedOff.Conversation.ID, 30*time.Second)
	leaveEmail(t, r.client, in.Base, leaver, handedOff.Conversation.ID, "ada@example.com")
	const phone = "+15555550124"
	svc.text(t, phone, "Is my parcel on its way?")
	var smsTicket int64
	eventually(t, 10*time.Second, "the SMS ticket", func() bool {
		return r.db.QueryRow(`SELECT id FROM conversations WHERE channel = 'sms'`).Scan(&smsTicket) == nil
	})
	replyID := newID()
	if err := loadtest.NewAgents(target, r.client, 1)[0].Reply(ctx, smsTicket, replyID, "It left our warehouse today."); err != nil {
		t.Fatal(err)
	}

	garbageAsked, garbageAnswered, garbageSlowest := askAll(ctx, t, askers, garbage, svc)
	hangAsked, hangAnswered, hangSlowest := askAll(ctx, t, askers[:4], hanging, svc)
	svc.modelFront.set(passing)
	failedCalls := r.count(`SELECT count(*) FROM jobs WHERE kind IN ('sms.send', 'handoff.external', 'notify.new_ticket') AND attempts > 0`)

	svc.twilioFront.set(passing)
	svc.zendeskFront.set(passing)
	svc.mail.refuse(false)
	upAt := time.Now()
	eventually(t, 2*time.Minute, "the email, the text and the ticket once the services are back", func() bool {
		return len(svc.mail.Received()) > 0 && svc.textsTo(phone) > 0 && len(svc.zendesk.Tickets()) > 0
	})
	caughtUp := time.Since(upAt)
	r.awaitJobsSettled(t, time.Minute)
	var smsStatus string
	eventually(t, 20*time.Second, "Twilio's status of the text", func() bool {
		return r.db.QueryRow(`SELECT sms_status FROM messages WHERE client_id = $1`, replyID).Scan(&smsStatus) == nil && smsStatus == "delivered"
	})
	emails, texts, tickets := len(svc.mail.Received()), svc.textsTo(phone), len(svc.zendesk.Tickets())
	stored := r.count(`SELECT count(*) FROM messages WHERE author = 'shopper' AND conversation_id IN
		(SELECT id FROM conversations WHERE channel <> 'sms')`)
	t.Logf("FIGURES | outside services down or answering garbage | model garbage: %d asked, %d answered once, slowest %s | model hanging: %d asked, %d answered once, slowest %s | down %s, failed calls retried %d | back: email %d, texts %d (%s), tickets %d, %s after | shopper messages stored %d of %d",
		garbageAsked, garbageAnswered, garbageSlowest.Round(10*time.Millisecond), hangAsked, hangAnswered, hangSlowest.Round(10*time.Millisecond),
		upAt.Sub(downAt).Round(time.Second), failedCalls, emails, texts, smsStatus, tickets, caughtUp.Round(100*time.Millisecond), stored, garbageAsked+hangAsked+1)
	if garbageAnswered != garbageAsked || hangAnswered != hangAsked {
		t.Errorf("answered once: %d of %d with a garbage model, %d of %d with a hanging one", garbageAnswered, garbageAsked, hangAnswered, hangAsked)
	}
	if emails != 1 || texts != 1 || tickets != 1 {
		t.Errorf("after the services came back: %d emails, %d texts, %d tickets; want one each", emails, texts, tickets)
	}
	if stored != garbageAsked+hangAsked+1 {
		t.Errorf("%d shopper messages stored, want the %d acknowledged", stored, garbageAsked+hangAsked+1)
	}
}

// askAll has every shopper ask one question at once with the model in
// mode, and counts the questions answered exactly once on the asker's
// stream, and the slowest answer.
func askAll(ctx context.Context, t *testing.T, shoppers []*loadtest.Shopper, mode frontMode, svc *outside) (asked, answeredOnce int, slowest time.Duration) {
	t.Helper()
	svc.modelFront.set(mode)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, s := range shoppers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sctx, stop := context.WithCancel(ctx)
			defer stop()
			w := watchAnswers(sctx, s)
			start := time.Now()
			a, err := s.Post(ctx, newID(), shopperQuestion)
			if err != nil {
				t.Error(err)
				return
			}
			n := w.awaitFor(a.Message.ID, 30*time.Second)
			took := time.Since(start)
			time.Sleep(time.Second) // a second answer would follow the first at once
			n = w.count(a.Message.ID)
			mu.Lock()
			defer mu.Unlock()
			asked++
			if n == 1 {
				answeredOnce++
			}
			slowest = max(slowest, took)
		}()
	}
	wg.Wait()
	return asked, answeredOnce, slowest
}
