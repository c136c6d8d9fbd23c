package app

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// pinger is the one thing readiness needs from the database.
type pinger interface {
	PingContext(ctx context.Context) error
}

type healthHandlers struct {
	db pinger
}

// live answers while the process runs: restart it when this fails.
func (h healthHandlers) live(c *fiber.Ctx) error {
	return c.SendString("ok")
}

// ready answers 200 only while the database answers: route traffic elsewhere
// when this fails.
func (h healthHandlers) ready(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.db.PingContext(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).SendString("database unreachable")
	}
	return c.SendString("ok")
}
