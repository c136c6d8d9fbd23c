package app

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/jobs"
)

// notificationJobs are the worker's handlers for email notifications.
func (s *services) notificationJobs(d Deps) map[string]jobs.Handler {
	return map[string]jobs.Handler{}
}

// notificationRoutes registers Settings → Notifications in the admin.
func (s *services) notificationRoutes(d Deps, adm fiber.Router) {}
