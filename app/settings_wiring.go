package app

import (
	"hubchat/app/admin"
	"hubchat/app/helpdesk"
	"hubchat/storage"
)

// settings is Settings → Web chat, General, FAQs and Macros in the admin.
// Saving chat settings publishes them to the storefront widget; FAQs need
// no publication, since the widget reads them with its session. Web chat
// reads the shop's published theme through the Admin API to show whether
// the Customer Hub's own appearance overrides its design.
func (s *services) settingsPages(d Deps) *admin.Settings {
	return &admin.Settings{
		Shops: s.shops, Chat: s.settings, FAQs: s.faqs, Macros: s.macros,
		Render: s.render, Publish: s.enqueuePublishChat, APIKey: d.Config.ShopifyAPIKey,
		ShopURL: d.Config.ShopifyShopURL, Theme: s.clients, Log: d.Log,
	}
}

// aiAgentSettings is Settings → AI agent in the admin. Its try panel asks
// the agent's engine (each shop's choice, saved here); helpdesk
// credentials are checked at the addresses the configuration names; failed
// handoffs are read from the job queue.
func (s *services) aiAgentSettings(d Deps) *admin.AIAgent {
	return &admin.AIAgent{
		Shops: s.shops, Settings: s.aiSettings, Articles: s.articles, Knowledge: storage.NewImports(d.DB, d.Now),
		SynonymGroups: storage.NewSynonymGroups(d.DB, d.Now),
		Helpdesks:     helpdesk.Endpoints{ZendeskURL: d.Config.ZendeskURL, GorgiasURL: d.Config.GorgiasURL},
		Engine:        s.engine, Handoffs: s.jobs, Now: d.Now, Render: s.render, Log: d.Log,
		Engines: s.aiEngines, AllowPrivateEndpoints: d.Config.ModelEndpointsAllowPrivate,
		SMSAgent: storage.NewSMSAISettings(d.DB, d.Now),
	}
}
