package storefront

import (
	"encoding/json"
	"regexp"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
)

// visitorKey is what a browser's visitor key looks like: 32 random hex
// digits the widget keeps in the browser (docs/chat-api.md). It names an
// anonymous visitor's profile and nothing else: anyone holding it may only
// talk to the AI agent as that visitor, as anyone on that browser may.
var visitorKey = regexp.MustCompile(`^[0-9a-f]{32}$`)

// sessionShopper is who a session is for. A signed-in customer gets their
// profile, taking along the conversation they had as an anonymous visitor
// on this browser. An anonymous visitor gets a visitor profile, to talk to
// the AI agent, when the shop lets everyone chat and its agent is on;
// else a token to read FAQs with (no profile).
func (h *Handlers) sessionShopper(c *fiber.Ctx, shopID int64, customerID, loginStatus string) (Shopper, error) {
	ctx, s := c.UserContext(), Shopper{ShopID: shopID}
	key := visitorKeyOf(c)
	if customerID != "" {
		var err error
		if s.ProfileID, err = h.customerProfile(ctx, shopID, customerID); err != nil || key == "" {
			return s, err
		}
		_, err = h.Profiles.TakeVisitorsConversation(ctx, shopID, s.ProfileID, key)
		return s, err
	}
	if loginStatus != "all" {
		return s, apperr.New(apperr.Forbidden, "Sign in to chat with us.")
	}
	on, err := h.Core.AIOn(ctx, shopID)
	if err != nil || !on || key == "" {
		return s, err
	}
	p, err := h.Profiles.ForVisitor(ctx, shopID, key)
	s.ProfileID, s.Visitor = p.ID, true
	return s, err
}

// visitorKeyOf reads the visitor key the widget sends with its session
// request ({"visitor": "…"}); "" when there is none or it is malformed.
func visitorKeyOf(c *fiber.Ctx) string {
	var in struct {
		Visitor string `json:"visitor"`
	}
	if len(c.Body()) == 0 || json.Unmarshal(c.Body(), &in) != nil || !visitorKey.MatchString(in.Visitor) {
		return ""
	}
	return in.Visitor
}
