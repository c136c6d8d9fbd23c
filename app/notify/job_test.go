package notify_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/jmoiron/sqlx"

	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/jobs"
	"hubchat/app/notify"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

// ticketFixture is a shop with a team list and a shopper's first message,
// whose notification job is queued, and a worker to run it.
type ticketFixture struct {
	db     *sqlx.DB
	shopID int64
	job    *notify.NewTicketJob
	jobID  int64
}

func newTicketFixture(t *testing.T, recipients ...string) ticketFixture {
	t.Helper()
	ctx, db := context.Background(), pgtest.NewDB(t)
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	shops := storage.NewShops(db, keys, time.Now)
	shop, err := shops.Install(ctx, "fixture.myshopify.com", storage.OfflineToken{AccessToken: "shpat_x"})
	if err != nil {
		t.Fatal(err)
	}
	list := storage.NewNotificationRecipients(db, time.Now)
	for _, r := range recipients {
		if _, err := list.Add(ctx, shop.ID, r, notify.MaxRecipients); err != nil {
			t.Fatal(err)
		}
	}
	profiles, conversations := storage.NewProfiles(db, time.Now), storage.NewConversations(db, time.Now)
	p, err := profiles.ForCustomer(ctx, shop.ID, 42)
	if err != nil {
		t.Fatal(err)
	}
	if err := profiles.UpdateDetails(ctx, shop.ID, p.ID, storage.CustomerDetails{FirstName: "Ada"}); err != nil {
		t.Fatal(err)
	}
	if _, err := conversations.PostFromShopper(ctx, shop.ID, p.ID, storage.ShopperPost{ClientID: "c1", Body: firstMessage, Preview: "My card"}); err != nil {
		t.Fatal(err)
	}
	f := ticketFixture{db: db, shopID: shop.ID, job: &notify.NewTicketJob{Shops: shops, Conversations: conversations, Profiles: profiles,
		Recipients: list, Markers: storage.NewSideEffects(db, time.Now), AdminURL: "https://admin.shopify.com", APIKey: "key", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}}
	if err := db.Get(&f.jobID, `SELECT id FROM jobs WHERE kind = $1`, storage.JobNotifyNewTicket); err != nil {
		t.Fatal(err)
	}
	return f
}

// firstMessage is the fixture shopper's first message: private details a
// shopper might type, which no email may carry unless the shop opted in.
const firstMessage = "My card is 4242 4242 4242 4242, exp 12/29"

// work runs a worker with a backoff of milliseconds until the job settles,
// and returns its status and last error.
func (f ticketFixture) work(t *testing.T) (status, lastError string) {
	t.Helper()
	runner, err := jobs.New(jobs.Config{Store: storage.NewJobs(f.db, time.Now), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Handlers:     map[string]jobs.Handler{storage.JobNotifyNewTicket: f.job.Handle},
		PollInterval: 10 * time.Millisecond, Backoff: func(int) time.Duration { return 5 * time.Millisecond }})
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- runner.Run(ctx) }()
	defer func() { stop(); <-done }()
	apptest.Eventually(t, 15*time.Second, "the job to settle", func() bool {
		f.db.QueryRow(`SELECT status, last_error FROM jobs WHERE id = $1`, f.jobID).Scan(&status, &lastError)
		return status == "done" || status == "parked"
	})
	return status, lastError
}

// deadAddress is a local port nothing listens on: a mail server that is down.
func deadAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	ln.Close()
	return addr.String()
}

func smtpConfig(t *testing.T, addr string) config.SMTP {
	t.Helper()
	cfg, err := config.Load(config.Dev, func(k string) string { return map[string]string{"SMTP_URL": smtpURL(addr)}[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg.SMTP
}

// A mail server down for good: each attempt fails, and after the last one
// the job is parked with the reason, which names no address.
func TestEmailJobIsParkedAfterItsLastAttempt(t *testing.T) {
	f := newTicketFixture(t, "ops@team.example")
	f.job.Sender = notify.NewSender(smtpConfig(t, deadAddress(t)))
	if _, err := f.db.Exec(`UPDATE jobs SET max_attempts = 3 WHERE id = $1`, f.jobID); err != nil {
		t.Fatal(err)
	}
	status, reason := f.work(t)
	var attempts int
	f.db.Get(&attempts, `SELECT attempts FROM jobs WHERE id = $1`, f.jobID)
	if status != "parked" || attempts != 3 || !strings.Contains(reason, "smtp 127.0.0.1:") || strings.Contains(reason, "ops@team.example") {
		t.Fatalf("job %s after %d attempts, reason %q", status, attempts, reason)
	}
}

// A mail server that refuses the email for good (a 5xx reply) gets it
// offered once: the job is parked after that attempt with the server's
// reason, which names no address.
func TestEmailRefusedForGoodIsNotRetried(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	mailer.Reject(func(int) error {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Message rejected"}
	})
	f := newTicketFixture(t, "ops@team.example")
	f.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))
	status, reason := f.work(t)
	var attempts int
	f.db.Get(&attempts, `SELECT attempts FROM jobs WHERE id = $1`, f.jobID)
	if status != "parked" || attempts != 1 || mailer.Attempts() != 1 {
		t.Fatalf("job %s after %d attempts (%d offered to the server), want parked after 1", status, attempts, mailer.Attempts())
	}
	if !strings.Contains(reason, "554") || strings.Contains(reason, "ops@team.example") {
		t.Fatalf("reason %q: want the server's 554, without the address", reason)
	}
}

// Nothing to send completes the job: no SMTP server, or no one on the list.
func TestEmailJobCompletesWithNothingToSend(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	off := newTicketFixture(t, "ops@team.example") // Sender nil: email is off
	if status, _ := off.work(t); status != "done" {
		t.Fatalf("with email off: %s", status)
	}
	nobody := newTicketFixture(t)
	nobody.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))
	if status, _ := nobody.work(t); status != "done" {
		t.Fatalf("with no recipients: %s", status)
	}
	if n := mailer.Attempts(); n != 0 {
		t.Fatalf("%d emails offered, want none", n)
	}
}

// A customer whose name has not arrived from Shopify yet is waited for a
// little, then named by their id rather than left out.
func TestEmailWaitsBrieflyForTheCustomersName(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	f := newTicketFixture(t, "ops@team.example")
	f.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))
	if _, err := f.db.Exec(`UPDATE profiles SET synced_at = NULL, first_name = ''`); err != nil {
		t.Fatal(err)
	}
	status, _ := f.work(t)
	var attempts int
	f.db.Get(&attempts, `SELECT attempts FROM jobs WHERE id = $1`, f.jobID)
	got := mailer.Messages()
	if status != "done" || attempts != 3 || len(got) != 1 {
		t.Fatalf("job %s after %d attempts, %d emails", status, attempts, len(got))
	}
	if s := parse(t, got[0].Data).Subject; s != "New chat from customer 42 — fixture.myshopify.com" {
		t.Fatalf("subject %q", s)
	}
}

// The email tells the team who wrote, when, on which channel and how many
// messages, with the link: the message itself (here a card number) appears
// only once the shop opted in to quoting it.
func TestNewTicketEmailQuotesTheMessageOnlyWhenTheShopOptsIn(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	for _, optIn := range []bool{false, true} {
		f := newTicketFixture(t, "ops@team.example")
		f.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))
		if optIn {
			if err := storage.NewNotificationRecipients(f.db, time.Now).SetQuotesMessages(context.Background(), f.shopID, true); err != nil {
				t.Fatal(err)
			}
		}
		if status, reason := f.work(t); status != "done" {
			t.Fatalf("opted in %v: job %s (%s)", optIn, status, reason)
		}
		got := mailer.Messages()
		raw := string(got[len(got)-1].Data)
		e := parse(t, got[len(got)-1].Data)
		for _, part := range []string{e.Text, e.HTML} {
			if !strings.Contains(part, "Ada") || !strings.Contains(part, "web chat") || !strings.Contains(part, "1 message") || !strings.Contains(part, "/tickets/") {
				t.Errorf("opted in %v: the summary lacks who, the channel, the count or the link:\n%s", optIn, part)
			}
		}
		card := strings.Contains(e.Text, "4242 4242 4242 4242") && strings.Contains(e.HTML, "4242 4242 4242 4242")
		if optIn && !card {
			t.Errorf("opted in: the message is not quoted:\n%s", e.Text)
		}
		if !optIn && (card || strings.Contains(raw, "4242") || strings.Contains(e.Text, "My card")) {
			t.Errorf("by default the email carries the shopper's message:\n%s", raw)
		}
	}
}

// A worker killed while the mail server was answering: the server took the
// email, the job recorded no outcome. Once the dead worker's lease lapsed
// the job runs again, finds the sent-marker without its mark and sends no
// second copy (at most once: the ticket waits in the inbox either way).
func TestEmailCutOffMidSendIsNotSentAgain(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	taken, release := mailer.HoldReply()
	defer release()
	f := newTicketFixture(t, "ops@team.example")
	f.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))

	claimed, err := storage.NewJobs(f.db, time.Now).Claim(context.Background(), 1, 100*time.Millisecond)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %v", claimed, err)
	}
	dead := make(chan error, 1)
	go func() { dead <- f.job.Handle(context.Background(), claimed[0]) }()
	<-taken // the server has the email and has not answered: the worker dies here

	if status, reason := f.work(t); status != "done" {
		t.Fatalf("the job's next run: %s (%s)", status, reason)
	}
	if n := len(mailer.Messages()); n != 1 {
		t.Fatalf("%d copies of the email in the team's mailboxes, want 1", n)
	}
	release() // the dead worker's call ends; its answer changes nothing
	if err := <-dead; err != nil {
		t.Fatalf("the first run, answered late: %v", err)
	}
	if n := mailer.Attempts(); n != 1 {
		t.Fatalf("%d emails offered to the server, want 1", n)
	}
}

// A failure that certainly left the email unsent (the server answered 4xx)
// frees its sent-marker: the retry sends it, once.
func TestEmailRefusedForNowIsSentOnTheRetry(t *testing.T) {
	mailer := startMailServer(t, "127.0.0.1:0")
	mailer.Reject(func(attempt int) error {
		if attempt == 1 {
			return errTryLater
		}
		return nil
	})
	f := newTicketFixture(t, "ops@team.example")
	f.job.Sender = notify.NewSender(smtpConfig(t, mailer.Addr))
	if status, reason := f.work(t); status != "done" {
		t.Fatalf("job %s (%s)", status, reason)
	}
	if n, tries := len(mailer.Messages()), mailer.Attempts(); n != 1 || tries != 2 {
		t.Fatalf("%d emails accepted in %d attempts, want 1 in 2", n, tries)
	}
}
