package notify_test

import (
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/app/apptest"
)

// The whole path: the merchant lists two addresses on the settings page, a
// shopper's first message opens a ticket, and the team gets one email about
// it, quoting the message as the merchant chose to on the same page; later
// messages of the same chat send nothing, a new ticket one more.
func TestNewTicketEmailsTheTeamOnce(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	env := startApp(t, smtpURL(mailer.Addr))
	env.Install(t)
	env.WaitForJobs(t) // the shop's name and time zone
	addRecipient(t, env, "ops@team.example")
	addRecipient(t, env, "Lead@Team.example")
	quoteMessages(t, env, true)
	jane := signIn(t, env, 7001)
	env.WaitForJobs(t) // the customer's name

	status, ticket := jane.send("Where is my order <b>#1001</b>?\nIt was due Friday.")
	if status != 201 {
		t.Fatalf("first message: %d", status)
	}
	env.WaitForJobs(t)
	got := mailer.Messages()
	if len(got) != 1 {
		t.Fatalf("%d emails for one new ticket, want 1", len(got))
	}
	m := got[0]
	if rcpts := slices.Sorted(slices.Values(m.To)); !slices.Equal(rcpts, []string{"Lead@Team.example", "ops@team.example"}) || m.From != "hubchat@mail.example" {
		t.Fatalf("envelope: from %s to %v", m.From, m.To)
	}
	e := parse(t, m.Data)
	if want := "New chat from Jane Cooper — Hubchat Demo Outfitters"; e.Subject != want {
		t.Errorf("subject %q, want %q", e.Subject, want)
	}
	from, err := mail.ParseAddress(e.Header.Get("From"))
	if err != nil || from.Name != "Hubchat Demo Outfitters" || from.Address != "hubchat@mail.example" {
		t.Errorf("From: %q (%v)", e.Header.Get("From"), err)
	}
	if to := e.Header.Get("To"); !strings.Contains(to, "ops@team.example") || !strings.Contains(to, "Lead@Team.example") {
		t.Errorf("To: %q", to)
	}
	link := fmt.Sprintf("%s/tickets/%d", env.Shopify.AppHomeURL(), ticket)
	if !strings.Contains(e.Text, "> Where is my order <b>#1001</b>?\n> It was due Friday.") || !strings.Contains(e.Text, link) {
		t.Errorf("text part lacks the quoted message or the link %s:\n%s", link, e.Text)
	}
	if !strings.Contains(e.HTML, "&lt;b&gt;#1001&lt;/b&gt;") || strings.Contains(e.HTML, "<b>#1001") || !strings.Contains(e.HTML, `href="`+link+`"`) {
		t.Errorf("HTML part does not escape the message or lacks the link:\n%s", e.HTML)
	}
	if !strings.Contains(e.Text, "(EDT)") && !strings.Contains(e.Text, "(EST)") {
		t.Errorf("the time is not in the shop's time zone (New York):\n%s", e.Text)
	}
	if e.Header.Get("Auto-Submitted") != "auto-generated" {
		t.Error("not marked as an automatic message")
	}

	// The same conversation goes on: no more email.
	if status, again := jane.send("Any news?"); status != 201 || again != ticket {
		t.Fatalf("second message: %d in conversation %d, want %d", status, again, ticket)
	}
	env.WaitForJobs(t)
	if n := len(mailer.Messages()); n != 1 {
		t.Fatalf("%d emails after a second message in the same ticket, want 1", n)
	}

	// A new ticket: one more, a summary only once the merchant unticked
	// the quote.
	quoteMessages(t, env, false)
	jane.end(ticket)
	status, next := jane.send("One more question")
	if status != 201 || next == ticket {
		t.Fatalf("after ending: %d in conversation %d", status, next)
	}
	env.WaitForJobs(t)
	got = mailer.Messages()
	if len(got) != 2 || !strings.Contains(parse(t, got[1].Data).Text, fmt.Sprintf("/tickets/%d", next)) {
		t.Fatalf("%d emails after a second ticket, want 2 with the new ticket's link", len(got))
	}
	if strings.Contains(string(got[1].Data), "One more question") {
		t.Errorf("the quote was unticked, yet the email carries the message:\n%s", got[1].Data)
	}
	logs := env.Logs.String()
	for _, private := range []string{"Where is my order", "ops@team.example", "One more question"} {
		if strings.Contains(logs, private) {
			t.Errorf("the log holds %q", private)
		}
	}
}

// A mail server that refuses: the shopper's message is acknowledged all the
// same, the job retries, and once the server accepts the email goes out once.
func TestEmailRetriesUntilTheMailServerAccepts(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	mailer.Reject(func(attempt int) error {
		if attempt <= 2 {
			return errTryLater
		}
		return nil
	})
	env := startApp(t, smtpURL(mailer.Addr))
	env.Install(t)
	addRecipient(t, env, "ops@team.example")
	jane := signIn(t, env, 7001)
	env.WaitForJobs(t)

	if status, _ := jane.send("Hello?"); status != 201 {
		t.Fatalf("the shopper's message: %d, want 201 whatever the mail server does", status)
	}
	var jobID int64
	for attempt := 1; attempt <= 2; attempt++ {
		var lastError string
		apptest.Eventually(t, 10*time.Second, fmt.Sprintf("failed attempt %d to be recorded", attempt), func() bool {
			row := env.DB.QueryRow(`SELECT id, last_error FROM jobs WHERE kind = 'notify.new_ticket' AND status = 'queued' AND attempts = $1`, attempt)
			return row.Scan(&jobID, &lastError) == nil
		})
		if !strings.Contains(lastError, "451") || strings.Contains(lastError, "ops@team.example") {
			t.Fatalf("attempt %d recorded %q: want the server's 451, without the address", attempt, lastError)
		}
		// The backoff is seconds long: make the retry due now rather than wait.
		if _, err := env.DB.Exec(`UPDATE jobs SET run_at = now() WHERE id = $1`, jobID); err != nil {
			t.Fatal(err)
		}
	}
	apptest.Eventually(t, 10*time.Second, "the email to go out", func() bool {
		var status string
		env.DB.Get(&status, `SELECT status FROM jobs WHERE id = $1`, jobID)
		return status == "done"
	})
	if n, tries := len(mailer.Messages()), mailer.Attempts(); n != 1 || tries != 3 {
		t.Fatalf("%d emails accepted in %d attempts, want 1 in 3", n, tries)
	}
}
