// Package openai is the AI agent's generated-answer engine (DESIGN §5): it
// asks a model behind any OpenAI-compatible Chat Completions endpoint,
// grounded on the built-in engine's retrieval — the shop's best passages
// and a signed-in shopper's orders in the prompt, and tools to search
// products, look up an order and hand off — and streams the answer as it
// is written. The built-in engine answers first, in-process: its intent
// rules decide what must not depend on a model (a request for a person, a
// sensitive topic, an anonymous visitor's order question), and its answer
// is the fallback whenever the model fails — a timeout, a transport or HTTP
// error, a malformed or empty answer, a tool call with invalid arguments —
// so the shopper never sees an error and never an answer made up without
// material.
package openai

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// Grounding is what the engine reads the shop's data through: the built-in
// engine (*builtin.Engine), whose answer is also the fallback.
type Grounding interface {
	aiagent.Engine
	Retrieve(ctx context.Context, shopID int64, q aiagent.Question, n int) (builtin.Retrieval, error)
	SearchProducts(ctx context.Context, shopID int64, language, text string, n int) ([]builtin.ProductMatch, error)
	CustomerOrders(ctx context.Context, shopID, customerID int64, language string, n int) ([]builtin.OrderStatus, error)
}

// Options tune the engine; zero values take the defaults.
type Options struct {
	// Timeout bounds the whole answer, tool rounds included (default 8 s);
	// FirstToken bounds the wait for the first piece of each response
	// (default 4 s), so a stalled endpoint falls back early.
	Timeout, FirstToken time.Duration
	// Passages is how many retrieved passages the prompt carries (default
	// 5); Orders how many of a signed-in shopper's orders (default 3).
	Passages, Orders int
	// HTTP calls the endpoints (default NewHTTPClient(false)).
	HTTP *http.Client
	// Log records fallbacks, with their reason; never a key or a message.
	Log *slog.Logger
}

// Engine answers with a model. It is safe for concurrent use.
type Engine struct {
	ground Grounding
	opts   Options
}

// New returns an engine grounded on ground.
func New(ground Grounding, opts Options) *Engine {
	if opts.Timeout <= 0 {
		opts.Timeout = 8 * time.Second
	}
	if opts.FirstToken <= 0 {
		opts.FirstToken = 4 * time.Second
	}
	if opts.Passages <= 0 {
		opts.Passages = 5
	}
	if opts.Orders <= 0 {
		opts.Orders = 3
	}
	if opts.HTTP == nil {
		opts.HTTP = NewHTTPClient(false)
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	return &Engine{ground: ground, opts: opts}
}

// Who answered.
const (
	ByModel   = "model"   // the model, through the endpoint
	ByBuiltin = "builtin" // the built-in engine
)

// Report says how an answer came about, for the merchant's "Try your
// agent" panel and the logs.
type Report struct {
	// By is who answered: ByModel or ByBuiltin.
	By string
	// FellBack is set when the model was asked and failed, and the
	// built-in engine's answer was given instead; Reason says why (or,
	// when the model was not asked, which rule decided).
	FellBack bool
	Reason   string
	// Code is Reason as a code, for a caller that words it itself: one of
	// the Code constants. Status is the endpoint's HTTP status for
	// CodeAPIError.
	Code   string
	Status int
}

// The codes of a Report: why the model's answer was not used, or which
// rule decided without it (CodeHandoff: the answer's HandoffReason says
// which).
const (
	CodeFirstToken     = "first_token"     // the model did not start answering in time
	CodeTimeout        = "timeout"         // the model did not finish answering in time
	CodePrivateAddress = "private_address" // the endpoint is on a private address
	CodeAPIError       = "api_error"       // the endpoint answered with an error status
	CodeMalformed      = "malformed"       // the answer did not follow the API
	CodeInvalidAnswer  = "invalid_answer"  // a well-formed answer that cannot be used
	CodeUnreachable    = "unreachable"     // the endpoint could not be reached
	CodeGreeting       = "greeting"        // a greeting or thanks
	CodeSignIn         = "sign_in"         // the shopper must sign in first
	CodeHandoff        = "handoff"         // a handoff the built-in rules decided
)

// maxRounds bounds the model's turns in one answer: a tool call and its
// result take one each.
const maxRounds = 3

// Answer answers q for the shop with the model at ep. The error is only
// the built-in engine's own (the shop's data could not be read); the
// model's failures fall back to the built-in engine's answer, saying so in
// the Report. q.OnText, when set, gets the text as the model writes it.
func (e *Engine) Answer(ctx context.Context, shopID int64, ep Endpoint, q aiagent.Question) (aiagent.Answer, Report, error) {
	base, err := e.ground.Answer(ctx, shopID, q)
	if err != nil {
		return aiagent.Answer{}, Report{}, err
	}
	if reason, code, ok := decidedByRules(base); ok {
		return base, Report{By: ByBuiltin, Reason: reason, Code: code}, nil
	}
	a, err := e.generate(ctx, shopID, ep, q, base)
	if err != nil {
		if errors.Is(err, errShopData) {
			return aiagent.Answer{}, Report{}, err
		}
		reason, code := fallbackReason(err)
		e.opts.Log.Warn("the model did not answer; the built-in engine's answer is given", "shop_id", shopID, "reason", reason)
		var api *APIError
		status := 0
		if errors.As(err, &api) {
			status = api.Status
		}
		return base, Report{By: ByBuiltin, FellBack: true, Reason: reason, Code: code, Status: status}, nil
	}
	return a, Report{By: ByModel}, nil
}

// decidedByRules says whether the built-in engine's answer is one its
// rules decided, which no model may change: a greeting or thanks, a sign-in
// for an order question, a handoff for any reason but low confidence (a
// person asked for, a sensitive topic, no order found).
func decidedByRules(a aiagent.Answer) (reason, code string, ok bool) {
	switch {
	case a.Intent == aiagent.IntentGreeting || a.Intent == aiagent.IntentThanks:
		return "a greeting or thanks", CodeGreeting, true
	case a.SignIn:
		return "the shopper must sign in first", CodeSignIn, true
	case a.Handoff && a.HandoffReason != builtin.ReasonLowConfidence:
		return a.HandoffReason, CodeHandoff, true
	}
	return "", "", false
}

// errShopData wraps a failure to read the shop's own data, which is not
// the model's and is returned, not fallen back from.
var errShopData = errors.New("read the shop's data")

// fallbackReason says in a few words why the model's answer was not used,
// and its code; it names no secret and quotes nothing the model or shopper
// wrote.
func fallbackReason(err error) (reason, code string) {
	var api *APIError
	var invalid *invalidAnswer
	switch {
	case errors.Is(err, errFirstToken):
		return "the model did not start answering in time", CodeFirstToken
	case errors.Is(err, context.DeadlineExceeded):
		return "the model did not finish answering in time", CodeTimeout
	case errors.Is(err, ErrPrivateAddress):
		return "the endpoint is on a private address", CodePrivateAddress
	case errors.As(err, &api):
		return api.Error(), CodeAPIError
	case errors.Is(err, errMalformed):
		return "the model's answer did not follow the API", CodeMalformed
	case errors.As(err, &invalid):
		return invalid.reason, CodeInvalidAnswer
	}
	return "the endpoint could not be reached", CodeUnreachable
}

// invalidAnswer is a well-formed response whose content cannot be used.
type invalidAnswer struct{ reason string }

func (e *invalidAnswer) Error() string { return e.reason }

func invalid(format string, args ...any) error {
	return &invalidAnswer{reason: fmt.Sprintf(format, args...)}
}

// errFirstToken is the cause of a response that did not start in time.
var errFirstToken = errors.New("no first token in time")

// generate asks the model, running the tools it calls, until it answers
// with text or hands off.
func (e *Engine) generate(ctx context.Context, shopID int64, ep Endpoint, q aiagent.Question, base aiagent.Answer) (aiagent.Answer, error) {
	ctx, cancel := context.WithTimeout(ctx, e.opts.Timeout)
	defer cancel()
	g, err := e.ground.Retrieve(ctx, shopID, q, e.opts.Passages)
	if err != nil {
		return aiagent.Answer{}, fmt.Errorf("%w: %w", errShopData, err)
	}
	orders, err := e.ground.CustomerOrders(ctx, shopID, q.CustomerID, q.Language, e.opts.Orders)
	if err != nil {
		return aiagent.Answer{}, fmt.Errorf("%w: %w", errShopData, err)
	}
	r := &round{engine: e, shopID: shopID, q: q, base: base, passages: g.Passages, confidence: g.Confidence}
	req := chatRequest{Model: ep.Model, Messages: prompt(q, g.Passages, orders), Tools: tools(q.CustomerID > 0), ToolChoice: "auto"}
	onText := echoGuard(q.OnText)
	for range maxRounds {
		t, err := e.ask(ctx, ep, req, onText)
		if err != nil {
			return aiagent.Answer{}, err
		}
		if len(t.calls) == 0 {
			return r.finish(t)
		}
		results, handedOff, err := r.run(ctx, t.calls)
		if err != nil {
			return aiagent.Answer{}, err
		}
		if handedOff != nil {
			return *handedOff, nil
		}
		req.Messages = append(req.Messages, message{Role: "assistant", ToolCalls: t.calls})
		req.Messages = append(req.Messages, results...)
	}
	return aiagent.Answer{}, invalid("the model called tools %d times without answering", maxRounds)
}

// ask sends one request, cancelling it when its first piece does not come
// within FirstToken.
func (e *Engine) ask(ctx context.Context, ep Endpoint, req chatRequest, onText func(string)) (turn, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	timer := time.AfterFunc(e.opts.FirstToken, func() { cancel(errFirstToken) })
	defer timer.Stop()
	t, err := complete(ctx, e.opts.HTTP, ep, req, onText, func() { timer.Stop() })
	if err != nil && context.Cause(ctx) != nil && ctx.Err() != nil {
		return turn{}, fmt.Errorf("%w: %w", context.Cause(ctx), err)
	}
	return t, err
}
