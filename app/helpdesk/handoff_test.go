package helpdesk_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/helpdesk"
)

func TestRateLimitIsTemporaryWithTheRetryAfter(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			s.faults.RateLimitNext(1, 30*time.Second)
			_, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:43"))
			var tmp temporary
			if !errors.As(err, &tmp) || !tmp.Temporary() || tmp.RetryAfter() != 30*time.Second {
				t.Fatalf("429: err %v, want temporary with RetryAfter 30s", err)
			}
			if he := asError(t, err); he.Kind != helpdesk.RateLimited || !apperr.Is(err, apperr.TooMany) ||
				!strings.Contains(he.Message, "we will try again in 30s") {
				t.Errorf("429: %+v, code %s", he, apperr.CodeOf(err))
			}
			if _, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:43")); err != nil {
				t.Fatalf("retry after the 429: %v", err)
			}
			if n := s.tickets(); n != 1 {
				t.Errorf("fake holds %d tickets, want 1", n)
			}
		})
	}
}

func TestServerErrorIsTemporary(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			s.faults.FailNext(2, http.StatusServiceUnavailable)
			_, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:44"))
			he := asError(t, err)
			if !he.Temporary() || he.Kind != helpdesk.Unavailable || he.Status != 503 || !apperr.Is(err, apperr.Unavailable) {
				t.Fatalf("503: %+v", he)
			}
			if err := s.client.CheckCredentials(context.Background()); asError(t, err).Kind != helpdesk.Unavailable {
				t.Fatalf("second 503 at CheckCredentials: %v", err)
			}
			if _, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:44")); err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := s.tickets(); n != 1 {
				t.Errorf("fake holds %d tickets, want 1", n)
			}
		})
	}
}

// The first attempt creates the ticket but its answer is lost; the retry must
// return that ticket rather than create a second one, and another handoff
// still gets its own ticket.
func TestRetryAfterALostAnswerCreatesNoSecondTicket(t *testing.T) {
	for _, s := range services(t) {
		t.Run(s.name, func(t *testing.T) {
			s.faults.DropNextCreates(1)
			_, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:45"))
			if he := asError(t, err); he.Kind != helpdesk.Unreachable || !he.Temporary() {
				t.Fatalf("lost answer: %+v", he)
			}
			created, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:45"))
			if err != nil {
				t.Fatalf("retry: %v", err)
			}
			if n := s.tickets(); n != 1 || !created.Existing || created.ID != "1" {
				t.Fatalf("after the retry the fake holds %d tickets; created = %+v", n, created)
			}
			if _, err := s.client.CreateTicket(context.Background(), handoff("hubchat:1:46")); err != nil {
				t.Fatalf("another handoff: %v", err)
			}
			if n := s.tickets(); n != 2 {
				t.Errorf("another handoff: fake holds %d tickets, want 2", n)
			}
		})
	}
}

func TestCreateTicketRefusesAnIncompleteHandoffBeforeSending(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*helpdesk.Ticket)
		want   string
	}{
		{"no external id", func(tk *helpdesk.Ticket) { tk.ExternalID = "" }, "no usable reference"},
		{"spaces in external id", func(tk *helpdesk.Ticket) { tk.ExternalID = "a b" }, "no usable reference"},
		{"no email", func(tk *helpdesk.Ticket) { tk.Requester.Email = "" }, "email address is missing or not valid"},
		{"two emails", func(tk *helpdesk.Ticket) { tk.Requester.Email = "a@x.com, b@x.com" }, "not valid"},
		{"no messages", func(tk *helpdesk.Ticket) { tk.Messages = nil }, "no messages"},
	} {
		for _, s := range services(t) {
			t.Run(tc.name+"/"+s.name, func(t *testing.T) {
				tk := handoff("hubchat:1:48")
				tc.change(&tk)
				_, err := s.client.CreateTicket(context.Background(), tk)
				he := asError(t, err)
				if he.Kind != helpdesk.Invalid || he.Temporary() || !strings.Contains(he.Message, tc.want) {
					t.Errorf("got %+v, want Invalid saying %q", he, tc.want)
				}
				if n := s.tickets(); n != 0 {
					t.Errorf("fake holds %d tickets", n)
				}
			})
		}
	}
}

func TestTheSubjectDefaultsToTheRequester(t *testing.T) {
	fake, client := newZendesk(t)
	tk := handoff("hubchat:1:50")
	tk.Subject, tk.Requester.Name = "  ", ""
	if _, err := client.CreateTicket(context.Background(), tk); err != nil {
		t.Fatal(err)
	}
	got := fake.Tickets()[0]
	if got.Subject != "Chat with jane@example.com" || got.Requester.Name != "jane@example.com" {
		t.Errorf("subject %q, requester %+v", got.Subject, got.Requester)
	}
}
