package app_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/apptest"
	"hubchat/app/config"
	"hubchat/app/twilio/twiliotest"
	"hubchat/storage"
)

// scriptedEngine answers by the question's first word, and records what
// it was asked.
type scriptedEngine struct {
	mu      sync.Mutex
	asked   []aiagent.Question
	answers map[string]aiagent.Answer
}

func (e *scriptedEngine) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.asked = append(e.asked, q)
	first, _, _ := strings.Cut(strings.ToLower(strings.TrimRight(q.Text, "?!.")), " ")
	if a, ok := e.answers[first]; ok {
		return a, nil
	}
	return aiagent.Answer{Handoff: true, Tag: aiagent.TagOther}, nil
}

func (e *scriptedEngine) questions() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, q := range e.asked {
		out = append(out, q.Text)
	}
	return out
}

// mugs is an answer with four products.
var mugs = aiagent.Answer{Text: "We have these mugs.", Confidence: 0.9, Intent: aiagent.IntentProducts, Tag: aiagent.TagProduct,
	Cards: []aiagent.ProductCard{
		{ProductID: 101, Title: "Blue mug", Handle: "blue-mug", Price: "24.00", Currency: "USD"},
		{ProductID: 102, Title: "Red mug", Handle: "red-mug", Price: "22.50", Currency: "USD"},
		{ProductID: 103, Title: "Travel mug", Handle: "travel-mug", Price: "30.00", Currency: "USD"},
		{ProductID: 104, Title: "Fourth mug", Handle: "fourth-mug", Price: "9.00", Currency: "USD"},
	}}

// smsAgent starts the app with a local Twilio and the scripted engine, the
// AI agent on (inbox handoff) and answering texts when answersSMS.
func smsAgent(t *testing.T, answersSMS bool) (*apptest.Env, *twiliotest.Twilio, *scriptedEngine, int64) {
	t.Helper()
	tw, err := twiliotest.Start(twiliotest.Config{AccountSID: smsAccount, AuthToken: smsToken, Numbers: []string{smsNumber}}, "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tw.Close)
	engine := &scriptedEngine{answers: map[string]aiagent.Answer{
		"mugs":     mugs,
		"ship":     {Choices: []string{"Shipping to Canada", "Shipping times", "Shipping costs"}, Tag: aiagent.TagShipping},
		"shipping": {Text: "We ship to Canada in 5 days.", Confidence: 0.9, Tag: aiagent.TagShipping},
		"where":    {SignIn: true, Intent: aiagent.IntentOrderStatus, Tag: aiagent.TagOrderStatus},
	}}
	env, shopID := smsShopWith(t, apptest.Options{Engine: engine, Config: func(c *config.Config) { c.TwilioURL = tw.URL() }})
	env.WaitForJobs(t) // the shop's details: its storefront, where the links open
	env.TurnOnAIAgent(t)
	if _, err := storage.NewSMSAISettings(env.DB, time.Now).Save(context.Background(), storage.SMSAISettings{ShopID: shopID,
		AnswersSMS: answersSMS, WindowHours: 24, Touchpoint: storage.TouchpointClick}); err != nil {
		t.Fatal(err)
	}
	return env, tw, engine, shopID
}

// textAndWait texts body from a number and waits until the text is
// recorded and the agent's turn for it, if any, is over (what Twilio
// reports of the answer may come later).
func textAndWait(t *testing.T, env *apptest.Env, n int, from, body string) {
	t.Helper()
	if res := postText(t, env, textForm(smsSID(n), from, body), smsToken); res.StatusCode != http.StatusOK {
		t.Fatalf("webhook: %d", res.StatusCode)
	}
	apptest.Eventually(t, 10*time.Second, "the text recorded and answered", func() bool {
		var pending int
		env.DB.Get(&pending, `SELECT count(*) FROM jobs WHERE kind IN ('sms.receive', 'ai.answer') AND status IN ('queued', 'running')`)
		return pending == 0 && count(t, env, `SELECT count(*) FROM messages WHERE client_id = $1`, "twilio:"+smsSID(n)) == 1
	})
}

// sentTo is what the local Twilio texted to a number, in order.
func sentTo(tw *twiliotest.Twilio, to string) []string {
	var out []string
	for _, m := range tw.Messages() {
		if m.To == to {
			out = append(out, m.Body)
		}
	}
	return out
}

var trackedLink = regexp.MustCompile(`https?://\S+/apps/hubchat/click\?s=\S+`)

// A text to a shop whose agent answers texts is answered by the agent, by
// text: its words, then at most three products, each a short line with its
// price and a tracked link that records the click when opened at the
// storefront. The conversation is the agent's, not a ticket of the team's.
func TestTheAIAgentAnswersATextWithProductLinks(t *testing.T) {
	t.Parallel()
	env, tw, _, shopID := smsAgent(t, true)
	from := "+14155550120"
	textAndWait(t, env, 20, from, "mugs for my dad?")
	var texts []string
	apptest.Eventually(t, 10*time.Second, "the agent's answer texted", func() bool { texts = sentTo(tw, from); return len(texts) == 1 })
	body := texts[0]
	links := trackedLink.FindAllString(body, -1)
	if !strings.HasPrefix(body, "We have these mugs.") || len(links) != 3 || strings.Contains(body, "Fourth mug") ||
		!strings.Contains(body, "Blue mug, 24.00 USD: ") || len([]rune(body)) > 320 {
		t.Fatalf("texted %q; want the answer and three products with their links", body)
	}
	var conv storage.Conversation
	if err := env.DB.Get(&conv, `SELECT id, ai_answering, tag FROM conversations WHERE shop_id = $1 AND channel = 'sms'`, shopID); err != nil {
		t.Fatal(err)
	}
	if !conv.AIAnswering || conv.Tag == nil || *conv.Tag != string(aiagent.TagProduct) {
		t.Fatalf("conversation %+v; want the agent's, tagged product question", conv)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Get(links[1])
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound || !strings.HasSuffix(res.Header.Get("Location"), "/products/red-mug") {
		t.Fatalf("opening the link: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if n := count(t, env, `SELECT count(*) FROM product_clicks WHERE conversation_id = $1 AND shopify_product_id = 102`, conv.ID); n != 1 {
		t.Fatalf("%d clicks recorded, want the one on the red mug", n)
	}
}

// "Did you mean…?" is texted as numbered lines, and a reply with a number
// asks that choice.
func TestATextedChoiceIsAnsweredByItsNumber(t *testing.T) {
	t.Parallel()
	env, tw, engine, _ := smsAgent(t, true)
	from := "+14155550121"
	textAndWait(t, env, 21, from, "ship?")
	apptest.Eventually(t, 10*time.Second, "the choices texted", func() bool { return len(sentTo(tw, from)) == 1 })
	if got := sentTo(tw, from)[0]; !strings.Contains(got, "\n1. Shipping to Canada\n2. Shipping times\n3. Shipping costs") {
		t.Fatalf("texted %q; want the choices numbered", got)
	}
	textAndWait(t, env, 22, from, "1")
	apptest.Eventually(t, 10*time.Second, "the choice answered", func() bool { return len(sentTo(tw, from)) == 2 })
	if q := engine.questions(); q[len(q)-1] != "Shipping to Canada" {
		t.Fatalf("the engine was asked %q; want the first choice", q)
	}
	if got := sentTo(tw, from)[1]; got != "We ship to Canada in 5 days." {
		t.Fatalf("texted %q", got)
	}
}

// The agent that cannot help offers a person by text; YES hands the
// conversation to the team as a new ticket with the agent's part in its
// thread, and the person is told by text that the team will answer there.
func TestATextHandsOffToTheTeamOnYes(t *testing.T) {
	t.Parallel()
	env, tw, _, shopID := smsAgent(t, true)
	from := "+14155550122"
	textAndWait(t, env, 23, from, "my lamp arrived broken")
	apptest.Eventually(t, 10*time.Second, "the offer texted", func() bool { return len(sentTo(tw, from)) == 1 })
	if got := sentTo(tw, from)[0]; !strings.Contains(got, "talk to a person") || !strings.HasSuffix(got, "Reply 1 for yes or 2 for no.") {
		t.Fatalf("texted %q; want the offer of a person and how to answer", got)
	}
	if n := count(t, env, `SELECT count(*) FROM conversations WHERE shop_id = $1 AND channel = 'sms' AND NOT ai_answering`, shopID); n != 0 {
		t.Fatalf("a ticket for the team before the YES")
	}
	textAndWait(t, env, 24, from, "1")
	apptest.Eventually(t, 10*time.Second, "the handoff confirmed by text", func() bool { return len(sentTo(tw, from)) == 2 })
	if got := sentTo(tw, from)[1]; !strings.Contains(got, "team will text you back") {
		t.Fatalf("texted %q after YES", got)
	}
	var conv storage.Conversation
	if err := env.DB.Get(&conv, `SELECT id, ai_answering, handoff, ai_status, unread FROM conversations WHERE shop_id = $1 AND channel = 'sms'`, shopID); err != nil {
		t.Fatal(err)
	}
	if conv.AIAnswering || conv.Handoff != storage.HandoffInbox || conv.AIStatus == nil || *conv.AIStatus != storage.AIStatusUnresolved || !conv.Unread {
		t.Fatalf("after YES: %+v; want an unread inbox ticket, AI unresolved", conv)
	}
	var authors []string
	env.DB.Select(&authors, `SELECT author FROM messages WHERE conversation_id = $1 ORDER BY id`, conv.ID)
	if strings.Join(authors, ",") != "shopper,ai,shopper,system" {
		t.Fatalf("thread %v; want the text, the offer, the YES and the confirmation", authors)
	}
	textAndWait(t, env, 25, from, "mugs?")
	if n := len(sentTo(tw, from)); n != 2 {
		t.Fatalf("the agent answered after the handoff (%d texts)", n)
	}
}

// A number on no customer's account asking about its orders cannot sign
// in by text: it is told so and offered a person.
func TestATextAboutOrdersFromAnUnknownNumberIsOfferedAPerson(t *testing.T) {
	t.Parallel()
	env, tw, _, _ := smsAgent(t, true)
	from := "+14155550125"
	textAndWait(t, env, 29, from, "where is my order")
	apptest.Eventually(t, 10*time.Second, "the answer texted", func() bool { return len(sentTo(tw, from)) == 1 })
	got := sentTo(tw, from)[0]
	if !strings.Contains(got, "can't verify who you are by text") || !strings.Contains(got, "talk to a person") ||
		!strings.HasSuffix(got, "Reply 1 for yes or 2 for no.") || strings.Contains(got, "sign in") {
		t.Fatalf("texted %q; want no sign-in, an offer of a person", got)
	}
}

// Carrier keywords are not the agent's: HELP gets only the shop's details.
// A number that replied STOP gets nothing from the agent: neither for the
// STOP nor for later texts; and with the agent not
// answering texts (the default), texts go to the team.
func TestAnOptedOutNumberGetsNoAIReply(t *testing.T) {
	t.Parallel()
	env, tw, engine, shopID := smsAgent(t, true)
	helper := "+14155550126"
	textAndWait(t, env, 30, helper, "HELP")
	apptest.Eventually(t, 10*time.Second, "the answer to HELP texted", func() bool { return len(sentTo(tw, helper)) == 1 })
	if got := sentTo(tw, helper)[0]; !strings.Contains(got, "Reply STOP") || len(engine.questions()) != 0 {
		t.Fatalf("HELP got %q, engine asked %q; want only the shop's details", got, engine.questions())
	}
	from := "+14155550123"
	textAndWait(t, env, 26, from, "STOP")
	textAndWait(t, env, 27, from, "mugs?")
	if sent, asked := sentTo(tw, from), engine.questions(); len(sent) != 0 || len(asked) != 0 {
		t.Fatalf("texted %q, engine asked %q; want nothing for an opted-out number", sent, asked)
	}
	if n := count(t, env, `SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
		WHERE c.shop_id = $1 AND m.author = 'ai'`, shopID); n != 0 {
		t.Fatalf("%d answers of the agent stored", n)
	}
	if _, err := storage.NewSMSAISettings(env.DB, time.Now).Save(context.Background(), storage.SMSAISettings{ShopID: shopID,
		AnswersSMS: false, WindowHours: 24, Touchpoint: storage.TouchpointClick}); err != nil {
		t.Fatal(err)
	}
	other := "+14155550124"
	textAndWait(t, env, 28, other, "mugs?")
	if n := count(t, env, `SELECT count(*) FROM conversations c JOIN profiles p ON p.id = c.profile_id
		WHERE c.shop_id = $1 AND p.phone = $2 AND NOT c.ai_answering`, shopID, other); n != 1 || len(sentTo(tw, other)) != 0 {
		t.Fatalf("with texts not the agent's: %d team tickets, %d texts; want the team's ticket, no answer", n, len(sentTo(tw, other)))
	}
}
