package app

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/admin"
	"hubchat/app/jobs"
	"hubchat/app/notify"
	"hubchat/storage"
)

// notificationJobs are the worker's handlers for email notifications.
func (s *services) notificationJobs(d Deps) map[string]jobs.Handler {
	job := &notify.NewTicketJob{
		Shops: s.shops, Conversations: s.conversations, Profiles: s.profiles,
		Recipients: storage.NewNotificationRecipients(d.DB, d.Now),
		Sender:     notify.NewSender(d.Config.SMTP),
		AdminURL:   d.Config.ShopifyAdminURL.String(), APIKey: d.Config.ShopifyAPIKey, Log: d.Log,
	}
	return map[string]jobs.Handler{storage.JobNotifyNewTicket: job.Handle}
}

// notificationRoutes registers Settings → Notifications in the admin.
// Removal is a POST so that the page's forms work without JavaScript too.
func (s *services) notificationRoutes(d Deps, adm fiber.Router) {
	h := admin.NewNotifications(storage.NewNotificationRecipients(d.DB, d.Now), s.render, d.Config.SMTP.Enabled())
	adm.Get("/settings/notifications", h.Page)
	adm.Post("/settings/notifications", h.Add)
	adm.Post("/settings/notifications/:id/delete", h.Remove)
}
