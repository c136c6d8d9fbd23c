package helpdesk_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"hubchat/app/helpdesk"
	"hubchat/app/helpdesk/helpdesktest"
)

// Credentials of the fake accounts. The secrets are long and distinctive so
// that a test can look for them in any error text.
const (
	zendeskEmail = "agent@shop.example"
	zendeskToken = "zdTOKEN-4f1c9e2b7a6d5c3e8f0a1b2c3d4e5f60"
	gorgiasUser  = "owner@shop.example"
	gorgiasKey   = "gsKEY-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"
)

func zendeskWith(t *testing.T, email, token string) (*helpdesktest.Zendesk, *helpdesk.Zendesk) {
	t.Helper()
	fake := helpdesktest.NewZendesk(zendeskEmail, zendeskToken)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client, err := helpdesk.NewZendesk(helpdesk.ZendeskSettings{Subdomain: "mystore", AgentEmail: email,
		APIToken: helpdesk.Secret(token)}, helpdesk.WithBaseURL(srv.URL), helpdesk.WithHTTPClient(freshConnections()))
	if err != nil {
		t.Fatalf("NewZendesk: %v", err)
	}
	return fake, client
}

func newZendesk(t *testing.T) (*helpdesktest.Zendesk, *helpdesk.Zendesk) {
	t.Helper()
	return zendeskWith(t, zendeskEmail, zendeskToken)
}

func gorgiasWith(t *testing.T, user, key string) (*helpdesktest.Gorgias, *helpdesk.Gorgias) {
	t.Helper()
	fake := helpdesktest.NewGorgias("mystore", gorgiasUser, gorgiasKey)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	client, err := helpdesk.NewGorgias(helpdesk.GorgiasSettings{Domain: "mystore.gorgias.com", Username: user,
		APIKey: helpdesk.Secret(key)}, helpdesk.WithBaseURL(srv.URL), helpdesk.WithHTTPClient(freshConnections()))
	if err != nil {
		t.Fatalf("NewGorgias: %v", err)
	}
	return fake, client
}

func newGorgias(t *testing.T) (*helpdesktest.Gorgias, *helpdesk.Gorgias) {
	t.Helper()
	return gorgiasWith(t, gorgiasUser, gorgiasKey)
}

// freshConnections is a client that opens a connection per request. Go's
// transport silently resends a request carrying an Idempotency-Key when a
// reused connection closes before the answer; a fresh connection lets the
// tests see the lost answer the client itself must handle.
func freshConnections() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}
}

var chatStart = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)

// handoff is a chat handed over after the AI agent could not help; its text
// holds markup that must arrive as text.
func handoff(externalID string) helpdesk.Ticket {
	return helpdesk.Ticket{
		ExternalID: externalID,
		Subject:    "Question about a damaged mug",
		Requester:  helpdesk.Person{Name: "Jane Doe", Email: "jane@example.com"},
		Tags:       []string{"returns and refunds", "hubchat"},
		Messages: []helpdesk.Message{
			{Author: helpdesk.Shopper, At: chatStart, Text: "My mug arrived <b>broken</b>. Can I get a new one?"},
			{Author: helpdesk.AI, At: chatStart.Add(time.Minute), Text: "Sorry to hear that! Here is the mug:",
				Cards: []helpdesk.ProductCard{{Title: "Blue mug", Price: "€12.00", URL: "https://shop.example/products/blue-mug"}}},
			{Author: helpdesk.System, At: chatStart.Add(2 * time.Minute), Text: "Would you like to talk to a person?"},
			{Author: helpdesk.Shopper, At: chatStart.Add(3 * time.Minute), Text: "Yes please"},
		},
	}
}

// asError returns err's *helpdesk.Error, failing the test when there is none.
func asError(t *testing.T, err error) *helpdesk.Error {
	t.Helper()
	var he *helpdesk.Error
	if !errors.As(err, &he) {
		t.Fatalf("error %v (%T) is not a *helpdesk.Error", err, err)
	}
	return he
}

// noSecrets fails when an error's text or message shows a secret.
func noSecrets(t *testing.T, err error) {
	t.Helper()
	for _, secret := range []string{zendeskToken, gorgiasKey} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error text shows a secret: %v", err)
		}
		var he *helpdesk.Error
		if errors.As(err, &he) && strings.Contains(he.Message, secret) {
			t.Errorf("error message shows a secret: %q", he.Message)
		}
	}
}

// temporary is what a job runner sees without importing package helpdesk.
type temporary interface {
	Temporary() bool
	RetryAfter() time.Duration
}

// service is one helpdesk under test: its client, the faults of its fake and
// the number of tickets the fake holds.
type service struct {
	name    string
	client  helpdesk.Client
	faults  *helpdesktest.Faults
	tickets func() int
}

func services(t *testing.T) []service {
	t.Helper()
	zf, zc := newZendesk(t)
	gf, gc := newGorgias(t)
	return []service{
		{"Zendesk", zc, &zf.Faults, func() int { return len(zf.Tickets()) }},
		{"Gorgias", gc, &gf.Faults, func() int { return len(gf.Tickets()) }},
	}
}

// zendeskServedBy is a Zendesk client talking to h, for answers the fake
// never gives.
func zendeskServedBy(t *testing.T, h http.HandlerFunc) *helpdesk.Zendesk {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client, err := helpdesk.NewZendesk(helpdesk.ZendeskSettings{Subdomain: "mystore", AgentEmail: zendeskEmail,
		APIToken: zendeskToken}, helpdesk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// gorgiasServedBy is a Gorgias client talking to h.
func gorgiasServedBy(t *testing.T, h http.HandlerFunc) *helpdesk.Gorgias {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	client, err := helpdesk.NewGorgias(helpdesk.GorgiasSettings{Domain: "mystore", Username: gorgiasUser,
		APIKey: gorgiasKey}, helpdesk.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	return client
}
