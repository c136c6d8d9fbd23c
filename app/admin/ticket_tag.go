package admin

import (
	"slices"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/aiagent"
	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// knownTag reports whether tag is one of the AI agent's topics, which the
// ticket page and the dashboard name with common.tag.<tag>.
func knownTag(tag string) bool { return slices.Contains(aiagent.Tags, aiagent.Tag(tag)) }

// tagOptions are the topics in menu order, named in l.
func tagOptions(l i18n.Locale) []pages.TagOption {
	out := make([]pages.TagOption, 0, len(aiagent.Tags))
	for _, t := range aiagent.Tags {
		out = append(out, pages.TagOption{Value: string(t), Label: tagLabel(l, string(t))})
	}
	return out
}

// SetTag serves POST /app/tickets/:id/tag: the team sets a conversation's
// topic ("" for none), whatever the AI agent chose.
func (h *Handlers) SetTag(c *fiber.Ctx) error {
	id, err := ticketID(c)
	if err != nil {
		return err
	}
	tag := c.FormValue("tag")
	if !knownTag(tag) && tag != "" {
		return apperr.New(apperr.Invalid, "%s", i18n.T(c.UserContext(), "ticket.error.choose_topic"))
	}
	if _, err := h.Conversations.SetTag(c.UserContext(), web.ShopID(c), id, tag); err != nil {
		return ticketError(c.UserContext(), err)
	}
	return actionDone(c, i18n.T(c.UserContext(), "ticket.done.topic"))
}
