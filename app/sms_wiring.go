package app

import (
	"hubchat/app/admin"
	"hubchat/storage"
)

// smsSettings is Settings → SMS in the admin: the shop's Twilio account,
// checked at the address the configuration names, and the incoming webhook
// URL under the app's public address.
func (s *services) smsSettings(d Deps) *admin.SMS {
	return &admin.SMS{Shops: s.shops, Settings: storage.NewSMSSettings(d.DB, d.Keys, d.Now),
		TwilioURL: d.Config.TwilioURL, AppURL: d.Config.AppURL.String(), Render: s.render}
}
