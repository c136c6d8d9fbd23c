package app

import (
	"hubchat/app/aiagent/builtin"
	"hubchat/app/conversation"
	"hubchat/app/productlink"
	"hubchat/storage"
)

// conversationCore builds the conversation core and, when an answering
// engine and the merchant's AI settings are there, the AI agent that
// answers in it (both nil otherwise: the agent is off).
func (s *services) conversationCore(d Deps) {
	s.core = &conversation.Core{Shops: s.shops, Settings: s.settings, Store: s.conversations, Now: d.Now}
	if s.aiSettings == nil {
		return
	}
	s.engine = d.Engine
	if s.engine == nil {
		s.engine = builtin.New(storage.NewKnowledge(d.DB), storage.NewOrders(d.DB, d.Now), builtin.Options{})
	}
	s.core.AI = s.aiSettings
	s.agent = &conversation.Agent{Engine: s.engine, Settings: s.aiSettings, Conversations: s.conversations,
		Profiles: s.profiles, Cards: productlink.NewSigner(d.Config.ShopifyAPISecret), Core: s.core}
}
