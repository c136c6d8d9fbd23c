package app

import (
	"hubchat/app/admin"
	"hubchat/app/notify"
	"hubchat/storage"
)

// newTicketEmails is the job that emails the team about a new ticket.
func (s *services) newTicketEmails(d Deps) *notify.NewTicketJob {
	return &notify.NewTicketJob{
		Shops: s.shops, Conversations: s.conversations, Profiles: s.profiles,
		Recipients: storage.NewNotificationRecipients(d.DB, d.Now), Markers: s.sideEffects,
		Sender:   notify.NewSender(d.Config.SMTP),
		AdminURL: d.Config.ShopifyAdminURL.String(), APIKey: d.Config.ShopifyAPIKey, Log: d.Log,
	}
}

// notificationSettings is Settings → Notifications in the admin.
func (s *services) notificationSettings(d Deps) *admin.Notifications {
	return admin.NewNotifications(storage.NewNotificationRecipients(d.DB, d.Now), s.render, d.Config.SMTP.Enabled())
}
