package app

import (
	"hubchat/app/admin"
)

// settings is Settings → Web chat, General, FAQs and Macros in the admin.
// Saving chat settings publishes them to the storefront widget; FAQs need
// no publication, since the widget reads them with its session.
func (s *services) settingsPages(d Deps) *admin.Settings {
	return &admin.Settings{
		Shops: s.shops, Chat: s.settings, FAQs: s.faqs, Macros: s.macros,
		Render: s.render, Publish: s.enqueuePublishChat, APIKey: d.Config.ShopifyAPIKey,
	}
}
