package main

import (
	"context"
	"regexp"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/app/aiagent/openai"
	"hubchat/app/apptest"
	"hubchat/storage/pgtest"
)

// `hubchat dev` runs a stand-in model and prints where it is and its key;
// the OpenAI-compatible engine answers through it, streaming.
func TestDevRunsALocalModel(t *testing.T) {
	out := &apptest.Output{}
	startRunTo(t, "dev", map[string]string{"PORT": "0", "DATABASE_URL": pgtest.NewEmptyURL(t)}, out)
	printed := regexp.MustCompile(`base URL (http://127\.0\.0\.1:\d+/v1), any model name, API key (\S+);`)
	var m []string
	apptest.Eventually(t, 10*time.Second, "the local model to be printed", func() bool {
		m = printed.FindStringSubmatch(out.String())
		return m != nil
	})
	engine := openai.New(quotedGround{}, openai.Options{HTTP: openai.NewHTTPClient(true)})
	var streamed []string
	a, r, err := engine.Answer(context.Background(), 1, openai.Endpoint{BaseURL: m[1], Model: "any", APIKey: m[2]},
		aiagent.Question{Text: "how long is shipping", Language: "en", OnText: func(s string) { streamed = append(streamed, s) }})
	if err != nil || r.By != openai.ByModel || a.Text != "Orders arrive in 3 to 5 working days." || len(streamed) < 2 {
		t.Fatalf("answer %+v, report %+v, streamed %q (%v)", a, r, streamed, err)
	}
}

// quotedGround stands in for the built-in engine's retrieval with one FAQ.
type quotedGround struct{}

func (quotedGround) Answer(context.Context, int64, aiagent.Question) (aiagent.Answer, error) {
	return aiagent.Answer{Handoff: true, HandoffReason: builtin.ReasonLowConfidence, Intent: aiagent.IntentQuestion}, nil
}

func (quotedGround) Retrieve(context.Context, int64, aiagent.Question, int) (builtin.Retrieval, error) {
	return builtin.Retrieval{Confidence: 0.9, Passages: []builtin.Passage{{Text: "Orders arrive in 3 to 5 working days.",
		Source: aiagent.Source{Kind: aiagent.SourceFAQ, ID: "1", Title: "How long does shipping take?"}}}}, nil
}

func (quotedGround) SearchProducts(context.Context, int64, string, string, int) ([]builtin.ProductMatch, error) {
	return nil, nil
}

func (quotedGround) CustomerOrders(context.Context, int64, int64, string, int) ([]builtin.OrderStatus, error) {
	return nil, nil
}
