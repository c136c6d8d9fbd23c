package conversation_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/aiagent"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/app/productlink"
	"hubchat/storage"
	"hubchat/storage/pgtest"
	"hubchat/storage/seal"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// scripted is an Engine that answers each question as its script says; the
// engine itself is tested in its own package.
type scripted struct {
	mu    sync.Mutex
	asked []aiagent.Question
	by    map[string]aiagent.Answer
}

func (s *scripted) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.asked = append(s.asked, q)
	return s.by[q.Text], nil
}

type fixedAI conversation.AIConfig

func (f fixedAI) AIConfig(context.Context, int64) (conversation.AIConfig, error) {
	return conversation.AIConfig(f), nil
}

type agentFixture struct {
	ctx    context.Context
	db     *sqlx.DB
	shopID int64
	prof   storage.Profile
	convs  *storage.Conversations
	core   *conversation.Core
	agent  *conversation.Agent
	engine *scripted
}

func newAgentFixture(t *testing.T, cfg conversation.AIConfig) agentFixture {
	t.Helper()
	ctx, db := context.Background(), pgtest.NewDB(t)
	keys, _ := seal.ParseKeyring("k1:" + seal.GenerateKey())
	shop, err := storage.NewShops(db, keys, time.Now).Install(ctx, "agent.myshopify.com", storage.OfflineToken{AccessToken: "shpat_a"})
	if err != nil {
		t.Fatal(err)
	}
	profiles := storage.NewProfiles(db, time.Now)
	p, err := profiles.ForCustomer(ctx, shop.ID, 7001)
	if err != nil {
		t.Fatal(err)
	}
	convs := storage.NewConversations(db, time.Now)
	core := &conversation.Core{Shops: storage.NewShops(db, keys, time.Now), Settings: storage.NewChatSettings(db, time.Now),
		AI: fixedAI(cfg), Store: convs, Now: time.Now}
	engine := &scripted{by: map[string]aiagent.Answer{}}
	agent := &conversation.Agent{Engine: engine, Settings: fixedAI(cfg), Conversations: convs, Profiles: profiles,
		Cards: productlink.NewSigner("secret"), Core: core}
	return agentFixture{ctx: ctx, db: db, shopID: shop.ID, prof: p, convs: convs, core: core, agent: agent, engine: engine}
}

var clientSeq struct {
	sync.Mutex
	n int
}

func (f agentFixture) say(t *testing.T, body string) storage.PostResult {
	t.Helper()
	clientSeq.Lock()
	clientSeq.n++
	id := clientSeq.n
	clientSeq.Unlock()
	res, err := f.core.PostFromShopper(f.ctx, conversation.ShopperMessage{ShopID: f.shopID, ProfileID: f.prof.ID,
		ClientID: fmt.Sprintf("00000000-0000-4000-8000-%012d", id), Body: body, Language: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// runAnswers runs every queued answering job, as the worker would.
func (f agentFixture) runAnswers(t *testing.T) {
	t.Helper()
	var jobs []storage.Job
	if err := f.db.Select(&jobs, `SELECT id, kind, shop_id, payload FROM jobs WHERE kind = $1 ORDER BY id`, storage.JobAIAnswer); err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if err := f.agent.Answer(f.ctx, j); err != nil {
			t.Fatal(err)
		}
	}
}

func (f agentFixture) messages(t *testing.T, convID int64) []storage.Message {
	t.Helper()
	msgs, err := f.convs.Messages(f.ctx, f.shopID, convID)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// The agent answers a shopper's message with the engine's text and product
// cards, whose links are signed and tracked; a job run twice (a crash after
// the answer) answers once.
func TestTheAgentAnswersWithTextAndCards(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	f.engine.by["warm hats?"] = aiagent.Answer{Text: "These are warm:", Intent: aiagent.IntentProducts, Tag: aiagent.TagProduct,
		Confidence: 0.8, Cards: []aiagent.ProductCard{{ProductID: 11, Title: "Wool hat", Handle: "wool-hat", Price: "25.00", Currency: "EUR"}}}
	res := f.say(t, "warm hats?")
	f.runAnswers(t)
	f.runAnswers(t)
	msgs := f.messages(t, res.Conversation.ID)
	if len(msgs) != 2 || msgs[1].Author != storage.AuthorAI || msgs[1].Body != "These are warm:" || len(msgs[1].Cards) != 1 {
		t.Fatalf("messages %+v: want the question and one answer with a card", msgs)
	}
	card := msgs[1].Cards[0]
	token := strings.TrimPrefix(card.URL, productlink.ProxyPath+"?l=")
	signed, err := productlink.NewSigner("secret").Verify(token)
	if err != nil || signed.ConversationID != res.Conversation.ID || signed.Handle != "wool-hat" || card.Currency != "EUR" {
		t.Fatalf("card %+v: its link is not this conversation's signed link (%v)", card, err)
	}
	c, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if c.Tag == nil || *c.Tag != "product_question" {
		t.Fatalf("tag %v, want product_question", c.Tag)
	}
}

// Two quick messages: the agent answers the later one, with the earlier in
// its history, once.
func TestALaterMessageIsAnsweredInstead(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	f.engine.by["and to Canada?"] = aiagent.Answer{Text: "Yes, 5 days.", Tag: aiagent.TagShipping, Confidence: 0.9}
	first := f.say(t, "do you ship abroad")
	f.say(t, "and to Canada?")
	f.runAnswers(t)
	msgs := f.messages(t, first.Conversation.ID)
	if len(msgs) != 3 || msgs[2].Body != "Yes, 5 days." || len(f.engine.asked) != 1 ||
		len(f.engine.asked[0].History) != 1 || f.engine.asked[0].History[0].Text != "do you ship abroad" {
		t.Fatalf("messages %+v, asked %+v", msgs, f.engine.asked)
	}
}

// Asked for a person, the agent offers one; the shopper's Yes makes a ticket.
func TestAskingForAPersonOffersOneAndYesMakesATicket(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox})
	f.engine.by["talk to a human"] = aiagent.Answer{Intent: aiagent.IntentHuman, Handoff: true, Tag: aiagent.TagOther}
	res := f.say(t, "talk to a human")
	f.runAnswers(t)
	msgs := f.messages(t, res.Conversation.ID)
	if msgs[len(msgs)-1].Kind != storage.KindHandoffOffer {
		t.Fatalf("last message %+v: want the offer of a person", msgs[len(msgs)-1])
	}
	c, _, err := f.agent.AnswerOffer(f.ctx, f.shopID, f.prof.ID, res.Conversation.ID, true, "en")
	if err != nil || c.AIAnswering || c.Handoff != "inbox" {
		t.Fatalf("after Yes: %+v, %v", c, err)
	}
}

// The custom message hands off and the agent stops answering.
func TestTheCustomMessageHandsOff(t *testing.T) {
	f := newAgentFixture(t, conversation.AIConfig{Enabled: true, Handoff: chat.HandoffCustom, CustomMessage: "Email help@shop.example"})
	f.engine.by["can you fix my order"] = aiagent.Answer{Handoff: true, HandoffReason: "low confidence", Tag: aiagent.TagOther}
	res := f.say(t, "can you fix my order")
	f.runAnswers(t)
	f.say(t, "hello?")
	f.runAnswers(t)
	msgs := f.messages(t, res.Conversation.ID)
	c, _ := f.convs.Get(f.ctx, f.shopID, res.Conversation.ID)
	if len(msgs) != 3 || msgs[1].Body != "Email help@shop.example" || c.Handoff != storage.HandoffCustomMessage || *c.AIStatus != "unresolved" {
		t.Fatalf("messages %+v, conversation %+v", msgs, c)
	}
}

// countingAI is fixed settings with versions, counting its reads.
type countingAI struct {
	cfg   conversation.AIConfig
	reads *atomic.Int64
}

func (c countingAI) AIConfig(context.Context, int64) (conversation.AIConfig, error) {
	c.reads.Add(1)
	return c.cfg, nil
}

// An answer is decided on the settings its post was decided on: kept by the
// core when they have the versions the post's batch checked (no read),
// read again when the versions differ (settings saved since, or kept by
// another instance).
func TestAnAnswerUsesTheSettingsItsPostWasDecidedOn(t *testing.T) {
	// No settings saved: the rows' versions are NoSettingsRow, as the batch checks them.
	none := storage.NoSettingsRow
	cfg := conversation.AIConfig{Enabled: true, Handoff: chat.HandoffInbox, Versions: storage.SettingsVersions{AI: none, SMSAI: none}}
	f := newAgentFixture(t, cfg)
	reads := &atomic.Int64{}
	f.core.AI, f.agent.Settings = countingAI{cfg, reads}, countingAI{cfg, reads}
	f.engine.by["do you ship abroad"] = aiagent.Answer{Text: "Yes, 5 days.", Tag: aiagent.TagShipping, Confidence: 0.9}
	res := f.say(t, "do you ship abroad")
	var version int64
	if err := f.db.Get(&version, `SELECT (payload->>'ai_version')::bigint FROM jobs WHERE kind = $1`, storage.JobAIAnswer); err != nil || version != none {
		t.Fatalf("the answering job carries settings version %d (%v), want %d", version, err, none)
	}
	before := reads.Load()
	f.runAnswers(t)
	if got := reads.Load() - before; got != 0 {
		t.Fatalf("the answer read the settings %d times, with the post's versions kept", got)
	}
	if msgs := f.messages(t, res.Conversation.ID); len(msgs) != 2 || msgs[1].Body != "Yes, 5 days." {
		t.Fatalf("messages %+v: want the answer", msgs)
	}

	stale := storage.Job{Kind: storage.JobAIAnswer, ShopID: f.shopID}
	stale.Payload, _ = json.Marshal(storage.AIAnswerJob{ConversationID: res.Conversation.ID, MessageID: res.Message.ID,
		AIVersion: 4, SMSAIVersion: none})
	before = reads.Load()
	if err := f.agent.Answer(f.ctx, stale); err != nil {
		t.Fatal(err)
	}
	if got := reads.Load() - before; got != 1 {
		t.Fatalf("an answer for other versions read the settings %d times, want 1", got)
	}
}
