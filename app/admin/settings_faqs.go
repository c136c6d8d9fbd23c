package admin

import (
	"github.com/gofiber/fiber/v2"

	"hubchat/app/apperr"
	"hubchat/app/knowledge"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// The longest question and answer, in characters (the import keeps to the
// same).
const (
	maxQuestion = knowledge.MaxQuestion
	maxAnswer   = knowledge.MaxAnswer
)

// ListFAQs shows Settings → FAQs: the list and the form that adds one.
func (h *Settings) ListFAQs(c *fiber.Ctx) error {
	rows, err := h.faqRows(c)
	if err != nil {
		return err
	}
	return h.writeFAQs(c, pages.FAQsView{FAQs: rows, Toast: doneToast(c)})
}

// CreateFAQ adds a FAQ at the end of the list.
func (h *Settings) CreateFAQ(c *fiber.Ctx) error {
	f := readFAQ(c)
	if len(f.Errors) == 0 {
		if _, err := h.FAQs.Create(c.UserContext(), web.ShopID(c), f.Question, f.Answer, f.Published); err != nil {
			return err
		}
		if !web.IsHTMX(c) {
			return done(c, pages.FAQsAction, toastSaved)
		}
		f = pages.FAQForm{}
	}
	rows, err := h.faqRows(c)
	if err != nil {
		return err
	}
	v := pages.FAQsView{FAQs: rows, New: f}
	if len(f.Errors) == 0 {
		v.Toast = toastText(c.UserContext(), toastSaved)
	}
	return h.writeFAQs(c, v)
}

// EditFAQ shows the page that edits one FAQ.
func (h *Settings) EditFAQ(c *fiber.Ctx) error {
	f, err := h.faq(c)
	if err != nil {
		return err
	}
	return h.writeFAQEdit(c, pages.FAQForm{ID: f.ID, Question: f.Question, Answer: f.Answer, Published: f.Published})
}

// UpdateFAQ saves an edited FAQ and goes back to the list.
func (h *Settings) UpdateFAQ(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f := readFAQ(c)
	f.ID = id
	if len(f.Errors) > 0 {
		// The FAQ must still be the shop's to be shown with errors.
		if _, err := h.FAQs.Get(c.UserContext(), web.ShopID(c), id); err != nil {
			return notFoundAs(err, faqMissing(c))
		}
		return h.writeFAQEdit(c, f)
	}
	if _, err := h.FAQs.Update(c.UserContext(), web.ShopID(c), id, f.Question, f.Answer, f.Published); err != nil {
		return notFoundAs(err, faqMissing(c))
	}
	return done(c, pages.FAQsAction, toastSaved)
}

// MoveFAQ moves a FAQ one place up or down the list.
func (h *Settings) MoveFAQ(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	by := map[string]int{"up": -1, "down": 1}[c.FormValue("direction")]
	if by == 0 {
		return apperr.New(apperr.Invalid, "%s", i18n.T(c.UserContext(), "settings.faqs.error.direction"))
	}
	if err := h.FAQs.Move(c.UserContext(), web.ShopID(c), id, by); err != nil {
		return notFoundAs(err, faqMissing(c))
	}
	return h.listChanged(c)
}

// PublishFAQ publishes a FAQ or turns it back into a draft.
func (h *Settings) PublishFAQ(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if _, err := h.FAQs.SetPublished(c.UserContext(), web.ShopID(c), id, c.FormValue("published") == "true"); err != nil {
		return err
	}
	return h.listChanged(c)
}

// ConfirmDeleteFAQ asks before deleting a FAQ.
func (h *Settings) ConfirmDeleteFAQ(c *fiber.Ctx) error {
	f, err := h.faq(c)
	if err != nil {
		return err
	}
	title := i18n.T(c.UserContext(), "settings.faqs.delete_title")
	v := pages.ConfirmDeleteView{Section: "faqs", Title: title, What: f.Question,
		Action: pages.FAQPath(f.ID, "/delete"), Cancel: pages.FAQsAction}
	return web.Component(c, fiber.StatusOK, pages.ConfirmDelete(h.Render.EmbeddedHead(c, title), nav, v))
}

// DeleteFAQ deletes a FAQ for good.
func (h *Settings) DeleteFAQ(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.FAQs.Delete(c.UserContext(), web.ShopID(c), id); err != nil {
		return notFoundAs(err, faqMissing(c))
	}
	return done(c, pages.FAQsAction, toastDeleted)
}

// listChanged answers a change made from the list: the list again for htmx,
// else a redirect to it.
func (h *Settings) listChanged(c *fiber.Ctx) error {
	if !web.IsHTMX(c) {
		return done(c, pages.FAQsAction, toastSaved)
	}
	rows, err := h.faqRows(c)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.FAQList(rows, toastText(c.UserContext(), toastSaved)))
}

// readFAQ reads and validates the FAQ form.
func readFAQ(c *fiber.Ctx) pages.FAQForm {
	f := pages.FAQForm{Question: formText(c, "question"), Answer: formText(c, "answer"), Published: c.FormValue("published") == "true"}
	checkText(c.UserContext(), &f.Errors, "question", "settings.faqs.error.question", f.Question, maxQuestion)
	checkText(c.UserContext(), &f.Errors, "answer", "settings.faqs.error.answer", f.Answer, maxAnswer)
	return f
}

// faq is the shop's FAQ the route names.
func (h *Settings) faq(c *fiber.Ctx) (storage.FAQ, error) {
	id, err := idParam(c)
	if err != nil {
		return storage.FAQ{}, err
	}
	f, err := h.FAQs.Get(c.UserContext(), web.ShopID(c), id)
	return f, notFoundAs(err, faqMissing(c))
}

// faqMissing is the error a FAQ that is not the shop's gets.
func faqMissing(c *fiber.Ctx) string { return i18n.T(c.UserContext(), "settings.faqs.error.missing") }

// faqRows are the shop's FAQs as the list shows them.
func (h *Settings) faqRows(c *fiber.Ctx) ([]pages.FAQRow, error) {
	all, err := h.FAQs.All(c.UserContext(), web.ShopID(c))
	if err != nil {
		return nil, err
	}
	rows := make([]pages.FAQRow, len(all))
	for i, f := range all {
		rows[i] = pages.FAQRow{ID: f.ID, Question: f.Question, Answer: f.Answer, Published: f.Published,
			First: i == 0, Last: i == len(all)-1}
	}
	return rows, nil
}

// writeFAQs writes the page, or the list and form alone for htmx.
func (h *Settings) writeFAQs(c *fiber.Ctx, v pages.FAQsView) error {
	head := titledHead(h.Render, c, "settings.sections.faqs.label")
	return h.page(c, v.New.Errors, pages.FAQSettings(head, nav, v), pages.FAQsBody(v))
}

// writeFAQEdit writes the edit page, or its form alone for htmx.
func (h *Settings) writeFAQEdit(c *fiber.Ctx, f pages.FAQForm) error {
	head := titledHead(h.Render, c, "settings.faqs.edit_title")
	return h.page(c, f.Errors, pages.FAQEdit(head, nav, f), pages.FAQEditForm(f))
}
