package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// localLiveFrom is the key of the event id a page's data is current to.
const localLiveFrom = "hubchat.live_from"

// SetLiveFrom records, before the handler reads what its page shows, the
// id of the last event of the log the app has published: every change up
// to it is committed, so the page shows it.
func SetLiveFrom(c *fiber.Ctx, eventID int64) { c.Locals(localLiveFrom, eventID) }

// LiveFrom is the event id the page's live connection resumes after, so it
// also receives the changes made while the page loaded and connected; ""
// when none was recorded (the connection then starts when it opens).
func LiveFrom(c *fiber.Ctx) string {
	id, ok := c.Locals(localLiveFrom).(int64)
	if !ok {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
