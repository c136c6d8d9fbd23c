package storefront

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// ReadFAQ serves POST /api/storefront/faq-reads ({"faq_id": 12}): the
// shopper opened one of the shop's FAQs in the hub, which the team then
// reads in the ticket's story (the conversation core's ReadFAQ). It
// answers 204 whether the read was new or one already recorded. A shopper
// with no profile (a visitor who may only read FAQs) has no conversation
// to tell of: 204, nothing recorded. A FAQ that is not one of the shop's
// published FAQs is 404, with nothing recorded.
func (h *Handlers) ReadFAQ(c *fiber.Ctx) error {
	s := shopperOf(c)
	var in struct {
		FAQID int64 `json:"faq_id"`
	}
	if err := decode(c, &in); err != nil {
		return err
	}
	if in.FAQID <= 0 {
		return apperr.New(apperr.Invalid, "Say which FAQ was read: faq_id is the id of one of the store's FAQs.")
	}
	if err := limit(c, h.Limits.FAQReads, shopperKey(s), h.Now(), tooFast); err != nil {
		return err
	}
	if s.ProfileID == 0 {
		return c.SendStatus(fiber.StatusNoContent)
	}
	_, err := h.Core.ReadFAQ(c.UserContext(), s.ShopID, s.ProfileID, in.FAQID)
	if errors.Is(err, storage.ErrFAQNotFound) {
		return apperr.Wrap(apperr.NotFound, err, "This FAQ is not one of the store's.")
	}
	if err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}
