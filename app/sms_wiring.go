package app

import (
	"hubchat/app/admin"
	"hubchat/app/sms"
	"hubchat/storage"
)

// smsSettings is Settings → SMS in the admin: the shop's Twilio account,
// checked at the address the configuration names, and the incoming webhook
// URL under the app's public address.
func (s *services) smsSettings(d Deps) *admin.SMS {
	return &admin.SMS{Shops: s.shops, Settings: storage.NewSMSSettings(d.DB, d.Keys, d.Now),
		TwilioURL: d.Config.TwilioURL, AppURL: d.Config.AppURL.String(), Render: s.render}
}

// smsWebhooks take what Twilio posts for a shop, verified with the shop's
// auth token over the URL Settings → SMS shows.
func (s *services) smsWebhooks(d Deps) *sms.Webhooks {
	return &sms.Webhooks{Shops: s.shops, Settings: storage.NewSMSSettings(d.DB, d.Keys, d.Now),
		Queue: s.jobs, Outbox: s.conversations, AppURL: d.Config.AppURL.String(), Log: d.Log}
}

// smsSender sends the replies of SMS tickets through the shop's Twilio
// account.
func (s *services) smsSender(d Deps) *sms.Sender {
	return &sms.Sender{Outbox: s.conversations, Settings: storage.NewSMSSettings(d.DB, d.Keys, d.Now), Markers: s.sideEffects,
		Links: storage.NewSMSMediaLinks(d.DB, d.Now), TwilioURL: d.Config.TwilioURL, AppURL: d.Config.AppURL.String()}
}

// smsMediaLinks serve Twilio the pictures it sends as MMS.
func (s *services) smsMediaLinks(d Deps) *sms.MediaLinks {
	return &sms.MediaLinks{Links: storage.NewSMSMediaLinks(d.DB, d.Now)}
}

// smsJobs record the texts people send into the conversation core, with
// their pictures fetched from the shop's Twilio account.
func (s *services) smsJobs(d Deps) *sms.Jobs {
	return &sms.Jobs{Profiles: s.profiles, Core: s.core, Shops: s.shops, Automatic: s.conversations,
		Media: &sms.MediaFetcher{Settings: storage.NewSMSSettings(d.DB, d.Keys, d.Now),
			TwilioURL: d.Config.TwilioURL, AppURL: d.Config.AppURL.String()}}
}
