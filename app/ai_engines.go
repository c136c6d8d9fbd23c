package app

import (
	"context"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/app/aiagent/openai"
	"hubchat/storage"
)

// engineRouter answers each shop's shoppers with the engine its merchant
// chose in Settings → AI agent: the built-in engine, or a model behind an
// OpenAI-compatible endpoint grounded on the built-in engine's retrieval.
// The conversation core and the "Try your agent" panel both ask it, so
// the merchant tries what shoppers get.
type engineRouter struct {
	builtin  *builtin.Engine
	model    *openai.Engine
	settings *storage.AIEngineStore
}

var _ aiagent.Engine = (*engineRouter)(nil)

func newEngineRouter(b *builtin.Engine, settings *storage.AIEngineStore, d Deps) *engineRouter {
	return &engineRouter{builtin: b, settings: settings,
		model: openai.New(b, openai.Options{HTTP: openai.NewHTTPClient(d.Config.ModelEndpointsAllowPrivate), Log: d.Log})}
}

// Answer answers q with the shop's engine.
func (r *engineRouter) Answer(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, error) {
	a, _, err := r.AnswerReported(ctx, shopID, q)
	return a, err
}

// AnswerReported answers q with the shop's engine and says which engine
// answered, and whether the model's answer was replaced by the built-in
// engine's (openai.Report).
func (r *engineRouter) AnswerReported(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, openai.Report, error) {
	st, key, err := r.settings.Endpoint(ctx, shopID)
	if err != nil {
		return aiagent.Answer{}, openai.Report{}, err
	}
	ctx = builtin.WithKnowledgeVersion(ctx, shopID, st.KnowledgeVersion)
	if st.Engine != storage.AIEngineOpenAI {
		a, err := r.builtin.Answer(ctx, shopID, q)
		return a, openai.Report{By: openai.ByBuiltin}, err
	}
	return r.model.Answer(ctx, shopID, openai.Endpoint{BaseURL: st.BaseURL, Model: st.Model, APIKey: key}, q)
}
