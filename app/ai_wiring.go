package app

import (
	"context"

	"hubchat/app/aiagent/builtin"
	"hubchat/app/chat"
	"hubchat/app/conversation"
	"hubchat/app/handoff"
	"hubchat/app/helpdesk"
	"hubchat/app/productlink"
	"hubchat/app/sms"
	"hubchat/storage"
)

// conversationCore builds the conversation core and the AI agent that
// answers in it (when the merchant turns it on in Settings → AI agent),
// with the engine Deps names or else each shop's chosen engine
// (app/ai_engines.go).
func (s *services) conversationCore(d Deps) {
	s.engine = d.Engine
	if s.engine == nil {
		b := builtin.New(storage.NewKnowledge(d.DB), storage.NewOrders(d.DB, d.Now), builtin.Options{})
		go b.LoadThesauri() // not on the first shopper's answer
		s.engine = newEngineRouter(b, s.aiEngines, d)
	}
	ai := aiConfig{s.aiSettings, storage.NewSMSAISettings(d.DB, d.Now)}
	s.answers = &postsAnsweredAtOnce{Recorder: s.conversations, now: d.Now} // app/ai_answer_wiring.go
	answeringPool.Store(d.DB)
	s.core = &conversation.Core{Shops: s.shops, Settings: s.settings, AI: ai, Store: s.answers, Now: d.Now}
	s.agent = &conversation.Agent{Engine: timedEngine{s.engine}, Settings: ai, Conversations: timedReplies{s.conversations},
		Profiles: s.profiles, Cards: productlink.NewSigner(d.Config.ShopifyAPISecret), Core: s.core,
		Drafts: storage.NewDrafts(d.DB), Typing: storage.NewTypingNotices(d.DB), Texts: sms.AIText{}}
}

// aiConfig is the conversation core's view of Settings → AI agent, with
// whether the agent answers texts.
type aiConfig struct {
	store *storage.AISettingsStore
	sms   *storage.SMSAISettingsStore
}

func (a aiConfig) AIConfig(ctx context.Context, shopID int64) (conversation.AIConfig, error) {
	st, err := a.store.Get(ctx, shopID)
	if err != nil {
		return conversation.AIConfig{}, err
	}
	texts, err := a.sms.Get(ctx, shopID)
	return conversation.AIConfig{Enabled: st.Enabled, Handoff: chat.Handoff(st.Handoff), CustomMessage: st.CustomMessage,
		AnswersSMS: texts.AnswersSMS, Versions: storage.SettingsVersions{AI: st.Version, SMSAI: texts.Version}}, err
}

// externalHandoffs make the tickets of the agent's Zendesk and Gorgias
// handoffs, at the addresses the configuration names.
func (s *services) externalHandoffs(d Deps) *handoff.Jobs {
	return &handoff.Jobs{Conversations: s.conversations, Profiles: s.profiles, Settings: s.aiSettings,
		Helpdesks: helpdesk.Endpoints{ZendeskURL: d.Config.ZendeskURL, GorgiasURL: d.Config.GorgiasURL}}
}
