package app

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/admin"
	"hubchat/storage"
)

// settingsRoutes registers Settings → Web chat, General, FAQs and Macros in
// the admin. Saving chat settings publishes them to the storefront widget
// (enqueuePublishChat); FAQs need no publication, since the widget reads
// them with its session.
func (s *services) settingsRoutes(d Deps, adm fiber.Router) {
	h := &admin.Settings{
		Shops: s.shops, Chat: s.settings, FAQs: s.faqs, Macros: storage.NewMacros(d.DB, d.Now),
		Render: s.render, Publish: s.enqueuePublishChat, APIKey: d.Config.ShopifyAPIKey,
	}
	adm.Get("/settings", h.Index)
	adm.Get("/settings/web-chat", h.WebChat)
	adm.Post("/settings/web-chat", h.SaveWebChat)
	adm.Post("/settings/web-chat/office-hours", h.EditOfficeHours)
	adm.Get("/settings/general", h.General)
	adm.Post("/settings/general", h.SaveGeneral)

	adm.Get("/settings/faqs", h.ListFAQs)
	adm.Post("/settings/faqs", h.CreateFAQ)
	adm.Get("/settings/faqs/:id", h.EditFAQ)
	adm.Post("/settings/faqs/:id", h.UpdateFAQ)
	adm.Post("/settings/faqs/:id/move", h.MoveFAQ)
	adm.Post("/settings/faqs/:id/publish", h.PublishFAQ)
	adm.Get("/settings/faqs/:id/delete", h.ConfirmDeleteFAQ)
	adm.Post("/settings/faqs/:id/delete", h.DeleteFAQ)

	adm.Get("/settings/macros", h.ListMacros)
	adm.Post("/settings/macros", h.CreateMacro)
	adm.Get("/settings/macros/:id", h.EditMacro)
	adm.Post("/settings/macros/:id", h.UpdateMacro)
	adm.Get("/settings/macros/:id/delete", h.ConfirmDeleteMacro)
	adm.Post("/settings/macros/:id/delete", h.DeleteMacro)
}
