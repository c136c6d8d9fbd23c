package helpdesk_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/helpdesk"
)

func TestGorgiasCreatesTheTicketWithTranscriptCustomerAndTags(t *testing.T) {
	fake, client := newGorgias(t)
	created, err := client.CreateTicket(context.Background(), handoff("hubchat:2:42"))
	if err != nil {
		t.Fatalf("CreateTicket: %v", err)
	}
	tickets := fake.Tickets()
	if len(tickets) != 1 {
		t.Fatalf("fake holds %d tickets, want 1", len(tickets))
	}
	got := tickets[0]
	if got.Customer.Name != "Jane Doe" || got.Customer.Email != "jane@example.com" {
		t.Errorf("customer = %+v, want Jane Doe <jane@example.com>", got.Customer)
	}
	if got.Channel != "api" || got.Via != "api" || got.ExternalID != "hubchat:2:42" || got.Subject != "Question about a damaged mug" {
		t.Errorf("ticket = %+v", got)
	}
	if strings.Join(got.Tags, ",") != "returns and refunds,hubchat" {
		t.Errorf("tags = %q", got.Tags)
	}
	if len(got.Messages) != 1 {
		t.Fatalf("%d messages, want the transcript as one", len(got.Messages))
	}
	m := got.Messages[0]
	if m.FromAgent || m.SenderEmail != "jane@example.com" || m.Channel != "api" || m.Via != "api" {
		t.Errorf("message = %+v, want an incoming API message from the shopper", m)
	}
	for _, want := range []string{
		"[2025-03-14 09:30 UTC] Shopper:\nMy mug arrived <b>broken</b>. Can I get a new one?",
		"[2025-03-14 09:31 UTC] AI agent:\nSorry to hear that! Here is the mug:\n  • Blue mug — €12.00 — https://shop.example/products/blue-mug",
		"[2025-03-14 09:33 UTC] Shopper:\nYes please",
	} {
		if !strings.Contains(m.BodyText, want) {
			t.Errorf("body_text lacks %q:\n%s", want, m.BodyText)
		}
	}
	if !strings.Contains(m.BodyHTML, "My mug arrived &lt;b&gt;broken&lt;/b&gt;.") {
		t.Errorf("body_html does not escape the chat:\n%s", m.BodyHTML)
	}
	if created.ID != "1" || !strings.HasSuffix(created.URL, "/app/ticket/1") || created.Existing {
		t.Errorf("created = %+v", created)
	}
}

func TestGorgiasCheckCredentials(t *testing.T) {
	_, client := newGorgias(t)
	if err := client.CheckCredentials(context.Background()); err != nil {
		t.Fatalf("right credentials: %v", err)
	}

	_, wrong := gorgiasWith(t, gorgiasUser, "gsWRONG-00000000000000000000000000000000")
	err := wrong.CheckCredentials(context.Background())
	he := asError(t, err)
	if he.Kind != helpdesk.BadCredentials || he.Temporary() || !strings.Contains(he.Message, "did not accept the username and API key") {
		t.Errorf("wrong key: %+v", he)
	}
	if !apperr.Is(err, apperr.Invalid) {
		t.Errorf("wrong key: apperr code %s", apperr.CodeOf(err))
	}
	noSecrets(t, err)
}

func TestGorgiasCheckCredentialsRefusesADeactivatedAccount(t *testing.T) {
	fake, client := newGorgias(t)
	fake.Deactivate()
	he := asError(t, client.CheckCredentials(context.Background()))
	if he.Kind != helpdesk.Refused || he.Temporary() || !strings.Contains(he.Message, "mystore.gorgias.com is deactivated") {
		t.Errorf("deactivated: %+v", he)
	}
}

// Gorgias's own bucket (40 requests, 2 per second) answers the 41st request
// of a burst with a 429 that says to wait one second.
func TestGorgiasLeakyBucketRateLimit(t *testing.T) {
	fake, client := newGorgias(t)
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	fake.SetClock(func() time.Time { return now })
	for i := range 40 {
		if err := client.CheckCredentials(context.Background()); err != nil {
			t.Fatalf("request %d of the burst: %v", i+1, err)
		}
	}
	he := asError(t, client.CheckCredentials(context.Background()))
	if he.Kind != helpdesk.RateLimited || he.Wait != time.Second {
		t.Fatalf("41st request: %+v", he)
	}
	now = now.Add(time.Second)
	if err := client.CheckCredentials(context.Background()); err != nil {
		t.Fatalf("a second later: %v", err)
	}
}

func TestGorgiasValidationErrorSaysWhatIsWrong(t *testing.T) {
	client := gorgiasServedBy(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte(`{"data":[],"object":"list","uri":"/api/tickets","meta":{"prev_cursor":null,"next_cursor":null}}`))
			return
		}
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":{"msg":"Validation error","data":{"messages":{"0":{"sender":["Unknown customer."]}}}}}`))
	})
	_, err := client.CreateTicket(context.Background(), handoff("hubchat:2:47"))
	he := asError(t, err)
	if he.Kind != helpdesk.Invalid || he.Message != "Gorgias rejected the ticket: messages.0.sender: Unknown customer." {
		t.Errorf("400: %+v", he)
	}
}
