package openai

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// round is one answer in the making: what the model was given, and what
// its tools found.
type round struct {
	engine     *Engine
	shopID     int64
	q          aiagent.Question
	base       aiagent.Answer // the built-in engine's: its intent and topic are kept
	passages   []builtin.Passage
	confidence float64 // the retrieval's
	products   []builtin.ProductMatch
	orders     []builtin.OrderStatus
}

// maxToolCalls bounds the calls one response may make.
const maxToolCalls = 4

// maxAnswer is the longest answer accepted, in characters: the model is
// told to be brief, and a runaway answer is not one to show.
const maxAnswer = 1500

// run runs the tools the model called and returns their results as tool
// messages; handedOff is the answer when one was a handoff. A call of a tool
// not offered, or with arguments that do not fit its parameters, makes the
// answer invalid.
func (r *round) run(ctx context.Context, calls []toolCall) (results []message, handedOff *aiagent.Answer, err error) {
	if len(calls) > maxToolCalls {
		return nil, nil, invalid("the model made %d tool calls at once", len(calls))
	}
	for _, c := range calls {
		if c.ID == "" {
			return nil, nil, invalid("a tool call has no id")
		}
		var out any
		switch c.Function.Name {
		case toolHandoff:
			var args struct {
				Reason string `json:"reason"`
			}
			if err := decodeArgs(c.Function.Arguments, &args); err != nil {
				return nil, nil, err
			}
			a := r.handoff(args.Reason)
			return nil, &a, nil
		case toolProductSearch:
			var args struct {
				Query string `json:"query"`
			}
			if err := decodeArgs(c.Function.Arguments, &args); err != nil {
				return nil, nil, err
			}
			if strings.TrimSpace(args.Query) == "" {
				return nil, nil, invalid("product_search was called without a query")
			}
			if out, err = r.searchProducts(ctx, args.Query); err != nil {
				return nil, nil, err
			}
		case toolOrderStatus:
			if r.q.CustomerID <= 0 {
				return nil, nil, invalid("order_status was called for a shopper who is not signed in")
			}
			var args struct {
				OrderNumber string `json:"order_number"`
			}
			if err := decodeArgs(c.Function.Arguments, &args); err != nil {
				return nil, nil, err
			}
			if out, err = r.orderStatus(ctx, args.OrderNumber); err != nil {
				return nil, nil, err
			}
		default:
			return nil, nil, invalid("the model called a tool it was not offered")
		}
		b, err := json.Marshal(out)
		if err != nil {
			return nil, nil, err
		}
		results = append(results, message{Role: "tool", ToolCallID: c.ID, Content: text(string(b))})
	}
	return results, nil, nil
}

// decodeArgs reads a tool call's arguments: a JSON object of the tool's
// parameters and no others.
func decodeArgs(raw string, into any) error {
	if strings.TrimSpace(raw) == "" {
		raw = "{}"
	}
	d := json.NewDecoder(bytes.NewReader([]byte(raw)))
	d.DisallowUnknownFields()
	if err := d.Decode(into); err != nil || d.More() {
		return invalid("a tool call's arguments are not valid")
	}
	return nil
}

// maxToolProducts is how many products one search returns (the cards shown).
const maxToolProducts = 3

func (r *round) searchProducts(ctx context.Context, query string) (any, error) {
	found, err := r.engine.ground.SearchProducts(ctx, r.shopID, r.q.Language, query, maxToolProducts)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errShopData, err)
	}
	type product struct {
		Title string `json:"title"`
		Facts string `json:"facts"`
	}
	out := struct {
		Products []product `json:"products"`
	}{Products: []product{}}
	for _, p := range found {
		out.Products = append(out.Products, product{Title: p.Card.Title, Facts: p.Facts})
		if !containsProduct(r.products, p.Card.ProductID) {
			r.products = append(r.products, p)
		}
	}
	return out, nil
}

func containsProduct(ps []builtin.ProductMatch, id int64) bool {
	for _, p := range ps {
		if p.Card.ProductID == id {
			return true
		}
	}
	return false
}

// maxToolOrders is how many of the shopper's orders order_status looks in.
const maxToolOrders = 20

func (r *round) orderStatus(ctx context.Context, number string) (any, error) {
	orders, err := r.engine.ground.CustomerOrders(ctx, r.shopID, r.q.CustomerID, r.q.Language, maxToolOrders)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errShopData, err)
	}
	want := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(number), "#"), "0")
	for _, o := range orders {
		if want == "" || strings.TrimLeft(strings.TrimPrefix(o.Name, "#"), "0") == want {
			r.orders = append(r.orders, o)
			return map[string]string{"order": o.Name, "status": o.Text}, nil
		}
	}
	return map[string]string{"error": "no such order among the shopper's orders"}, nil
}

// ReasonModelHandoff is the Answer.HandoffReason of a model that called the
// handoff tool, followed by ": " and the model's own reason when it gave one.
const ReasonModelHandoff = "the model could not answer from the shop's data"

// handoff is the answer of a model that called the handoff tool: the
// built-in engine's words when it also handed off, and the model's reason.
func (r *round) handoff(reason string) aiagent.Answer {
	a := aiagent.Answer{Handoff: true, Intent: r.base.Intent, Tag: r.base.Tag, Confidence: r.confidence,
		HandoffReason: ReasonModelHandoff}
	if reason = strings.TrimSpace(reason); reason != "" {
		a.HandoffReason += ": " + truncate(reason, 120)
	}
	if r.base.Handoff {
		a.Text = r.base.Text
	}
	return a
}

// finish turns the model's text into the answer, or says why it is not
// one: cut short, filtered, empty, too long, or given with no material at
// all (then it can only be made up).
func (r *round) finish(t turn) (aiagent.Answer, error) {
	body := strings.TrimSpace(t.text)
	switch {
	case t.finishReason != "stop":
		return aiagent.Answer{}, invalid("the model stopped for %q", truncate(t.finishReason, 40))
	case body == "":
		return aiagent.Answer{}, invalid("the model's answer is empty")
	case utf8.RuneCountInString(body) > maxAnswer:
		return aiagent.Answer{}, invalid("the model's answer is over %d characters", maxAnswer)
	case len(r.passages) == 0 && len(r.products) == 0 && len(r.orders) == 0:
		return aiagent.Answer{}, invalid("the model answered with no material to answer from")
	case quotesInstructions(body):
		return aiagent.Answer{}, invalid("the model's answer quotes its instructions")
	}
	a := aiagent.Answer{Text: body, Intent: r.base.Intent, Tag: r.base.Tag, Confidence: max(r.confidence, 0.5),
		Sources: sourcesOf(r.passages)}
	for _, p := range r.products {
		a.Cards = append(a.Cards, p.Card)
		a.Sources = append(a.Sources, p.Source)
	}
	if len(r.products) > 0 {
		a.Intent = aiagent.IntentProducts
		if a.Tag == "" || a.Tag == aiagent.TagOther {
			a.Tag = aiagent.TagProduct
		}
	}
	for _, o := range r.orders {
		a.Intent, a.Tag, a.Confidence = aiagent.IntentOrderStatus, aiagent.TagOrderStatus, 1
		a.Sources = append(a.Sources, aiagent.Source{Kind: aiagent.SourceOrder, ID: o.Name, Title: o.Name, Score: 1})
	}
	return a, nil
}

// sourceScoreShare is how close to the best passage's score another must
// be to be named a source: the model reads them all, but one far behind
// matched little of the question and is not what the answer rests on.
const sourceScoreShare = 0.5

// sourcesOf are the sources of the passages the model was given that
// matched the question well, the best first.
func sourcesOf(passages []builtin.Passage) []aiagent.Source {
	var out []aiagent.Source
	for _, p := range passages {
		if len(out) == 0 || p.Source.Score >= sourceScoreShare*passages[0].Source.Score {
			out = append(out, p.Source)
		}
	}
	return out
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
