package app

import "github.com/gofiber/fiber/v2"

// settingsRoutes registers Settings → Web chat, General, FAQs and Macros in
// the admin.
func (s *services) settingsRoutes(d Deps, adm fiber.Router) {}
