package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/handoff"
	"hubchat/app/helpdesk"
	"hubchat/app/helpdesk/helpdesktest"
	"hubchat/app/jobs"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const agentEmail, apiToken = "agent@shop.example", "zd-token-1"

// handedOff is a conversation the AI agent handed to the merchant's
// Zendesk, with the job that makes its ticket, and the fake Zendesk.
type handedOff struct {
	ctx    context.Context
	db     *sqlx.DB
	keys   *seal.Keyring
	jobs   *handoff.Jobs
	convs  *storage.Conversations
	conv   storage.Conversation
	zd     *helpdesktest.Zendesk
	job    storage.Job
	shopID int64
}

func newHandedOff(t *testing.T, email string) handedOff {
	t.Helper()
	ctx, db := context.Background(), pgtest.NewDB(t)
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	shop, err := storage.NewShops(db, keys, time.Now).Install(ctx, "desk.myshopify.com", storage.OfflineToken{AccessToken: "shpat_d"})
	if err != nil {
		t.Fatal(err)
	}
	settings := storage.NewAISettings(db, keys, time.Now)
	if _, err := settings.Save(ctx, storage.AISettings{ShopID: shop.ID, Enabled: true, Handoff: storage.HandoffZendesk,
		ZendeskSubdomain: "mystore", ZendeskAgentEmail: agentEmail}, storage.HelpdeskSecrets{ZendeskAPIToken: apiToken}); err != nil {
		t.Fatal(err)
	}
	profiles := storage.NewProfiles(db, time.Now)
	p, err := profiles.ForVisitor(ctx, shop.ID, strings.Repeat("ab", 16))
	if err != nil {
		t.Fatal(err)
	}
	if email != "" {
		if err := profiles.LeaveEmail(ctx, shop.ID, p.ID, email); err != nil {
			t.Fatal(err)
		}
	}
	convs := storage.NewConversations(db, time.Now)
	posted, err := convs.PostFromShopper(ctx, shop.ID, p.ID, storage.ShopperPost{ClientID: "00000000-0000-4000-8000-000000000001",
		Body: "My parcel arrived broken", Preview: "My parcel arrived broken", AIAnswers: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := convs.RecordAIReply(ctx, shop.ID, posted.Conversation.ID, storage.AIReply{ReplyTo: posted.Message.ID,
		Body: "Our team will follow up by email.", Handoff: storage.HandoffZendesk, Tag: "returns_refunds"}); err != nil {
		t.Fatal(err)
	}
	conv, _ := convs.Get(ctx, shop.ID, posted.Conversation.ID)
	zd := helpdesktest.NewZendesk(agentEmail, apiToken)
	srv := httptest.NewServer(zd)
	t.Cleanup(srv.Close)
	h := &handoff.Jobs{Conversations: convs, Profiles: profiles, Settings: settings,
		Helpdesks: helpdesk.Endpoints{ZendeskURL: srv.URL, HTTP: &http.Client{Timeout: 5 * time.Second}}}
	job := storage.Job{Kind: handoff.Job, ShopID: shop.ID, Payload: []byte(`{"conversation_id":` + strconv.FormatInt(conv.ID, 10) + `}`)}
	return handedOff{ctx: ctx, db: db, keys: keys, jobs: h, convs: convs, conv: conv, zd: zd, job: job, shopID: shop.ID}
}

// The ticket arrives in Zendesk with the shopper, the topic and the whole
// transcript, and is recorded on the conversation; running the job again
// makes no second ticket.
func TestTheHandoffMakesOneZendeskTicketWithTheTranscript(t *testing.T) {
	f := newHandedOff(t, "ada@example.com")
	for range 2 {
		if err := f.jobs.Create(f.ctx, f.job); err != nil {
			t.Fatal(err)
		}
	}
	tickets := f.zd.Tickets()
	if len(tickets) != 1 {
		t.Fatalf("%d tickets in Zendesk, want 1", len(tickets))
	}
	tk := tickets[0]
	transcript := tk.CommentHTML + tk.CommentBody
	if tk.Requester.Email != "ada@example.com" || !strings.Contains(transcript, "My parcel arrived broken") ||
		!strings.Contains(transcript, "Our team will follow up") || len(tk.Tags) == 0 {
		t.Fatalf("ticket %+v: want the shopper, the transcript and the topic", tk)
	}
	c, _ := f.convs.Get(f.ctx, f.shopID, f.conv.ID)
	if c.ExternalTicketID == nil || c.ExternalTicketURL == nil || *c.ExternalTicketURL == "" {
		t.Fatalf("the conversation does not record its ticket: %+v", c)
	}
}

// Zendesk busy (429) or failing (5xx): the job is retried, no sooner than
// Zendesk asked; refused credentials are a failure no retry mends; a
// retry after an answer the job never saw finds the ticket.
func TestHandoffFailuresAreRetriedOrParked(t *testing.T) {
	f := newHandedOff(t, "ada@example.com")
	f.zd.RateLimitNext(1, 30*time.Second)
	err := f.jobs.Create(f.ctx, f.job)
	var after interface{ RetryAfter() time.Duration }
	if err == nil || jobs.IsPermanent(err) || !errors.As(err, &after) || after.RetryAfter() != 30*time.Second {
		t.Fatalf("429: %v (permanent %v), want a retry in 30 s", err, jobs.IsPermanent(err))
	}
	f.zd.FailNext(1, http.StatusServiceUnavailable)
	if err := f.jobs.Create(f.ctx, f.job); err == nil || jobs.IsPermanent(err) {
		t.Fatalf("503: %v, want a retry", err)
	}
	f.zd.DropNextCreates(1)
	// The answer is lost (Go's transport may resend the request itself,
	// with its idempotency key): whatever this attempt says, the next one
	// finds the ticket.
	_ = f.jobs.Create(f.ctx, f.job)
	if err := f.jobs.Create(f.ctx, f.job); err != nil || len(f.zd.Tickets()) != 1 {
		t.Fatalf("the retry after a lost answer: %v, %d tickets (want 1)", err, len(f.zd.Tickets()))
	}

	g := newHandedOff(t, "ada@example.com")
	g.zd = helpdesktest.NewZendesk(agentEmail, "another-token") // the stored token is no longer Zendesk's
	srv := httptest.NewServer(g.zd)
	defer srv.Close()
	g.jobs.Helpdesks.ZendeskURL = srv.URL
	if err := g.jobs.Create(g.ctx, g.job); err == nil || !jobs.IsPermanent(err) || !strings.HasPrefix(err.Error(), "Zendesk: ") ||
		strings.Contains(err.Error(), "bad_credentials") {
		t.Fatalf("refused credentials: %v, want a failure no retry mends, said in a merchant's words", err)
	}
}

// Without an email address the helpdesk cannot follow up: parked, not
// retried.
func TestAHandoffWithoutAnEmailIsParked(t *testing.T) {
	f := newHandedOff(t, "")
	if err := f.jobs.Create(f.ctx, f.job); err == nil || !jobs.IsPermanent(err) {
		t.Fatalf("no email: %v, want a permanent failure", err)
	}
}

// A Gorgias handoff makes its ticket through Gorgias's API channel, with the
// shopper as the customer and the transcript.
func TestTheHandoffMakesAGorgiasTicket(t *testing.T) {
	f := newHandedOff(t, "ada@example.com")
	settings := storage.NewAISettings(f.db, f.keys, time.Now)
	if _, err := settings.Save(f.ctx, storage.AISettings{ShopID: f.shopID, Enabled: true, Handoff: storage.HandoffGorgias,
		GorgiasDomain: "mystore", GorgiasUsername: "agent@shop.example"}, storage.HelpdeskSecrets{GorgiasAPIKey: "gg-key-1"}); err != nil {
		t.Fatal(err)
	}
	f.db.MustExec(`UPDATE conversations SET handoff = 'gorgias' WHERE id = $1`, f.conv.ID)
	gg := helpdesktest.NewGorgias("mystore", "agent@shop.example", "gg-key-1")
	srv := httptest.NewServer(gg)
	defer srv.Close()
	f.jobs.Helpdesks.GorgiasURL = srv.URL
	if err := f.jobs.Create(f.ctx, f.job); err != nil {
		t.Fatal(err)
	}
	tickets := gg.Tickets()
	if len(tickets) != 1 || tickets[0].Customer.Email != "ada@example.com" || len(tickets[0].Messages) == 0 ||
		!strings.Contains(fmt.Sprint(tickets[0].Messages), "My parcel arrived broken") {
		t.Fatalf("Gorgias tickets %+v", tickets)
	}
}
