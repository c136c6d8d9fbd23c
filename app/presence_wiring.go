package app

import (
	"hubchat/app/admin"
	"hubchat/app/realtime"
	"hubchat/app/storefront"
	"hubchat/storage"
)

// shopperTyping serves the shopper's typing notices, which the shop's
// agents see (SPEC §1.8).
func (s *services) shopperTyping(d Deps) *storefront.Typing {
	return &storefront.Typing{Conversations: s.conversations, Notices: storage.NewTypingNotices(d.DB),
		Gate: realtime.NewTypingGate(0), Now: d.Now}
}

// agentTyping serves an agent's typing notices, which the ticket's shopper
// sees.
func (s *services) agentTyping(d Deps) *admin.Typing {
	return &admin.Typing{Tickets: s.conversations, Agents: s.agents, Notices: storage.NewTypingNotices(d.DB),
		Gate: realtime.NewTypingGate(0), Now: d.Now}
}

// agentAlerts serve each agent's choice of alerts and what an alert says.
func (s *services) agentAlerts(d Deps) *admin.Alerts {
	return &admin.Alerts{Choices: storage.NewAgentAlerts(d.DB, d.Now), Tickets: s.conversations, Profiles: s.profiles}
}
