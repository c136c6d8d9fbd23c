package helpdesk_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/helpdesk"
)

func TestZendeskCreatesTheTicketWithTranscriptRequesterAndTags(t *testing.T) {
	fake, client := newZendesk(t)
	created, err := client.CreateTicket(context.Background(), handoff("hubchat:1:42"))
	if err != nil {
		t.Fatalf("CreateTicket: %v", err)
	}
	tickets := fake.Tickets()
	if len(tickets) != 1 {
		t.Fatalf("fake holds %d tickets, want 1", len(tickets))
	}
	got := tickets[0]
	if got.Requester.Name != "Jane Doe" || got.Requester.Email != "jane@example.com" {
		t.Errorf("requester = %+v, want Jane Doe <jane@example.com>", got.Requester)
	}
	if got.Subject != "Question about a damaged mug" || got.ExternalID != "hubchat:1:42" {
		t.Errorf("subject %q, external_id %q", got.Subject, got.ExternalID)
	}
	if strings.Join(got.Tags, ",") != "returns_and_refunds,hubchat" {
		t.Errorf("tags = %q, want returns_and_refunds and hubchat", got.Tags)
	}
	for _, want := range []string{
		"<strong>Shopper</strong> <small>2025-03-14 09:30 UTC</small>",
		"My mug arrived &lt;b&gt;broken&lt;/b&gt;. Can I get a new one?",
		"<strong>AI agent</strong>",
		`<a href="https://shop.example/products/blue-mug">Blue mug</a> — €12.00`,
		"<strong>Automatic message</strong>", "Would you like to talk to a person?", "Yes please",
	} {
		if !strings.Contains(got.CommentHTML, want) {
			t.Errorf("comment lacks %q:\n%s", want, got.CommentHTML)
		}
	}
	if got.IdempotencyKey != "hubchat:1:42" {
		t.Errorf("Idempotency-Key = %q, want the external id", got.IdempotencyKey)
	}
	if created.ID != "1" || !strings.HasSuffix(created.URL, "/agent/tickets/1") || created.Existing {
		t.Errorf("created = %+v", created)
	}
}

func TestZendeskCheckCredentials(t *testing.T) {
	_, client := newZendesk(t)
	if err := client.CheckCredentials(context.Background()); err != nil {
		t.Fatalf("right credentials: %v", err)
	}

	_, wrong := zendeskWith(t, zendeskEmail, "zdWRONG-0000000000000000000000000000000000")
	err := wrong.CheckCredentials(context.Background())
	he := asError(t, err)
	if he.Kind != helpdesk.BadCredentials || he.Temporary() || !strings.Contains(he.Message, "did not accept the agent email and API token") {
		t.Errorf("wrong token: %+v", he)
	}
	if !apperr.Is(err, apperr.Invalid) || apperr.MessageOf(err) != he.Message {
		t.Errorf("wrong token: apperr code %s, message %q", apperr.CodeOf(err), apperr.MessageOf(err))
	}
	noSecrets(t, err)
}

func TestZendeskCheckCredentialsRefusesAnEndUsersToken(t *testing.T) {
	fake, client := newZendesk(t)
	fake.SetRole("end-user")
	he := asError(t, client.CheckCredentials(context.Background()))
	if he.Kind != helpdesk.Forbidden || !strings.Contains(he.Message, "end user, not an agent") {
		t.Errorf("end user: %+v", he)
	}
}

// Hours later Zendesk has forgotten the Idempotency-Key, and the transcript
// may have grown: the lookup by external_id still finds the ticket.
func TestZendeskRetryAfterTheKeyExpiredFindsTheTicket(t *testing.T) {
	fake, client := newZendesk(t)
	fake.DropNextCreates(1)
	_, _ = client.CreateTicket(context.Background(), handoff("hubchat:1:46"))
	fake.ForgetIdempotencyKeys()
	later := handoff("hubchat:1:46")
	later.Messages = append(later.Messages, helpdesk.Message{Author: helpdesk.Shopper, At: chatStart.Add(time.Hour), Text: "Hello?"})
	if _, err := client.CreateTicket(context.Background(), later); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if n := len(fake.Tickets()); n != 1 {
		t.Fatalf("fake holds %d tickets, want 1", n)
	}
}

func TestZendeskValidationErrorSaysWhatIsWrong(t *testing.T) {
	client := zendeskServedBy(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte(`{"tickets":[],"next_page":null,"previous_page":null,"count":0}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		_, _ = w.Write([]byte(`{"error":"RecordInvalid","description":"Record validation errors","details":{"requester":[{"description":"Requester: Email is not properly formatted","error":"InvalidValue"}]}}`))
	})
	_, err := client.CreateTicket(context.Background(), handoff("hubchat:1:47"))
	he := asError(t, err)
	if he.Kind != helpdesk.Invalid || he.Temporary() ||
		he.Message != "Zendesk rejected the ticket: Requester: Email is not properly formatted." {
		t.Errorf("422: %+v", he)
	}
}

// Zendesk answers Show Self with an anonymous end user (no id) when it did not
// take the request as authenticated; that must not pass as valid credentials.
func TestZendeskCheckCredentialsRefusesAnAnonymousAnswer(t *testing.T) {
	client := zendeskServedBy(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{"user":{"id":null,"name":"Anonymous user","email":"invalid@example.com","role":"end-user"}}`))
	})
	he := asError(t, client.CheckCredentials(context.Background()))
	if he.Kind != helpdesk.BadCredentials || he.Temporary() {
		t.Errorf("anonymous answer: %+v", he)
	}
}

// A retry whose body differs from the first attempt's under the same key (the
// chat grew) is refused by Zendesk; the client then looks for the ticket the
// first attempt made, and asks to retry while it is not listed yet.
func TestZendeskKeyMismatchFallsBackToTheLookup(t *testing.T) {
	for _, listed := range []bool{true, false} {
		lookups := 0
		client := zendeskServedBy(t, func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && lookups == 0 || r.Method == http.MethodGet && !listed:
				lookups++
				_, _ = w.Write([]byte(`{"tickets":[],"next_page":null,"previous_page":null,"count":0}`))
			case r.Method == http.MethodGet:
				_, _ = w.Write([]byte(`{"tickets":[{"id":7,"external_id":"hubchat:1:49"}],"next_page":null,"previous_page":null,"count":1}`))
			default:
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"error":"IdempotentRequestError","description":"Request parameters don't match the given idempotency key"}`))
			}
		})
		created, err := client.CreateTicket(context.Background(), handoff("hubchat:1:49"))
		switch {
		case listed && (err != nil || created.ID != "7" || !created.Existing):
			t.Errorf("listed after the mismatch: %+v, %v", created, err)
		case !listed && (err == nil || !asError(t, err).Temporary()):
			t.Errorf("not listed yet: %+v, %v; want a temporary error", created, err)
		}
	}
}

// Attempts racing on one handoff (a job retried while its first run is still
// waiting for Zendesk) miss each other in the lookup; the Idempotency-Key
// still leaves one ticket, which every attempt gets.
func TestZendeskRacingAttemptsMakeOneTicket(t *testing.T) {
	fake, client := newZendesk(t)
	arrived, release := fake.HoldCreates(16)
	defer release()
	var wg sync.WaitGroup
	ids := make([]string, 16)
	errs := make([]error, len(ids))
	for i := range ids {
		wg.Go(func() {
			created, err := client.CreateTicket(context.Background(), handoff("hubchat:1:51"))
			ids[i], errs[i] = created.ID, err
		})
	}
	<-arrived // every attempt has looked and found nothing
	release()
	wg.Wait()
	for i := range ids {
		if errs[i] != nil || ids[i] != "1" {
			t.Errorf("attempt %d: ticket %q, %v", i, ids[i], errs[i])
		}
	}
	if n := len(fake.Tickets()); n != 1 {
		t.Errorf("fake holds %d tickets, want 1", n)
	}
}
