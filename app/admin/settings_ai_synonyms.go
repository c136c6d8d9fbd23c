package admin

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// SynonymStore edits the shop's synonym groups.
type SynonymStore interface {
	All(ctx context.Context, shopID int64) ([]storage.SynonymGroup, error)
	Get(ctx context.Context, shopID, id int64) (storage.SynonymGroup, error)
	Create(ctx context.Context, shopID int64, words []string) (storage.SynonymGroup, error)
	Update(ctx context.Context, shopID, id int64, words []string) (storage.SynonymGroup, error)
	Delete(ctx context.Context, shopID, id int64) error
}

// synonymMissing is the catalog key of what a merchant reads for a group that is not the
// shop's (or no longer exists).
const synonymMissing = "settings.ai.synonyms.error.missing"

// maxSynonymText bounds the text typed for one group: its twenty words of
// sixty characters with their commas, and room for spaces.
const maxSynonymText = 2 * storage.MaxSynonymWords * (storage.MaxSynonymChars + 2)

// Synonyms shows Settings → AI agent → Synonyms: the groups and the form
// that adds one.
func (h *AIAgent) Synonyms(c *fiber.Ctx) error {
	rows, err := h.synonymRows(c)
	if err != nil {
		return err
	}
	return h.writeSynonyms(c, pages.SynonymsView{Groups: rows, Toast: doneToast(c)})
}

// CreateSynonyms adds a group. An invalid one is shown again with the
// reason and the text as typed.
func (h *AIAgent) CreateSynonyms(c *fiber.Ctx) error {
	f, words := readSynonyms(c)
	if len(f.Errors) == 0 {
		_, err := h.SynonymGroups.Create(c.UserContext(), web.ShopID(c), words)
		if err = synonymFormError(c.UserContext(), &f, err); err != nil {
			return err
		}
	}
	if len(f.Errors) == 0 {
		if !web.IsHTMX(c) {
			return done(c, pages.SynonymsAction, toastSaved)
		}
		f = pages.SynonymForm{}
	}
	rows, err := h.synonymRows(c)
	if err != nil {
		return err
	}
	v := pages.SynonymsView{Groups: rows, New: f}
	if len(f.Errors) == 0 {
		v.Toast = toastText(c.UserContext(), toastSaved)
	}
	return h.writeSynonyms(c, v)
}

// EditSynonyms shows the page that edits one group.
func (h *AIAgent) EditSynonyms(c *fiber.Ctx) error {
	g, err := h.synonymGroup(c)
	if err != nil {
		return err
	}
	return h.writeSynonymEdit(c, pages.SynonymForm{ID: g.ID, Words: strings.Join(g.Words, ", ")})
}

// UpdateSynonyms saves an edited group and goes back to the list.
func (h *AIAgent) UpdateSynonyms(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f, words := readSynonyms(c)
	f.ID = id
	if len(f.Errors) == 0 {
		_, err := h.SynonymGroups.Update(c.UserContext(), web.ShopID(c), id, words)
		if err = synonymFormError(c.UserContext(), &f, err); err != nil {
			return notFoundAs(err, i18n.T(c.UserContext(), synonymMissing))
		}
	}
	if len(f.Errors) > 0 {
		// The group must still be the shop's to be shown with errors.
		if _, err := h.SynonymGroups.Get(c.UserContext(), web.ShopID(c), id); err != nil {
			return notFoundAs(err, i18n.T(c.UserContext(), synonymMissing))
		}
		return h.writeSynonymEdit(c, f)
	}
	return done(c, pages.SynonymsAction, toastSaved)
}

// ConfirmDeleteSynonyms asks before deleting a group.
func (h *AIAgent) ConfirmDeleteSynonyms(c *fiber.Ctx) error {
	g, err := h.synonymGroup(c)
	if err != nil {
		return err
	}
	title := i18n.T(c.UserContext(), "settings.ai.synonyms.delete_title")
	v := pages.ConfirmDeleteView{Section: "ai-agent", Title: title, What: strings.Join(g.Words, ", "),
		Action: pages.SynonymPath(g.ID, "/delete"), Cancel: pages.SynonymsAction}
	return web.Component(c, fiber.StatusOK, pages.ConfirmDelete(h.Render.EmbeddedHead(c, title), nav, v))
}

// DeleteSynonyms deletes a group for good.
func (h *AIAgent) DeleteSynonyms(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.SynonymGroups.Delete(c.UserContext(), web.ShopID(c), id); err != nil {
		return notFoundAs(err, i18n.T(c.UserContext(), synonymMissing))
	}
	return done(c, pages.SynonymsAction, toastDeleted)
}

// readSynonyms reads the form's words, separated by commas or lines, and
// checks them as storage will (storage.CleanSynonyms).
func readSynonyms(c *fiber.Ctx) (pages.SynonymForm, []string) {
	f := pages.SynonymForm{Words: formText(c, "words")}
	if n := utf8.RuneCountInString(f.Words); n > maxSynonymText {
		f.Errors = append(f.Errors, pages.FormError{Field: "synonym-words", Message: i18n.T(c.UserContext(), "settings.ai.synonyms.error.too_much",
			"words", storage.MaxSynonymWords, "chars", storage.MaxSynonymChars)})
		return f, nil
	}
	words := strings.FieldsFunc(f.Words, func(r rune) bool { return r == ',' || r == '\n' })
	if _, err := storage.CleanSynonyms(words); err != nil {
		_ = synonymFormError(c.UserContext(), &f, err)
	}
	return f, words
}

// synonymFormError turns storage's refusal of a group into the form's
// error, in the merchant's words; any other error is returned.
func synonymFormError(ctx context.Context, f *pages.SynonymForm, err error) error {
	if err == nil {
		return nil
	}
	msg := ""
	if p, ok := storage.AsSynonymProblem(err); ok {
		switch p.Reason {
		case storage.SynonymTooFew:
			msg = i18n.T(ctx, "settings.ai.synonyms.error.too_few")
		case storage.SynonymTooMany:
			msg = i18n.T(ctx, "settings.ai.synonyms.error.too_many", "max", storage.MaxSynonymWords)
		case storage.SynonymTooLong:
			msg = i18n.T(ctx, "settings.ai.synonyms.error.too_long", "word", excerpt(p.Word, 30), "max", storage.MaxSynonymChars)
		}
	} else if errors.Is(err, storage.ErrTooManySynonymGroups) {
		msg = i18n.T(ctx, "settings.ai.synonyms.error.too_many_groups", "max", storage.MaxSynonymGroupsPer)
	}
	if msg == "" {
		return err
	}
	f.Errors = append(f.Errors, pages.FormError{Field: "synonym-words", Message: msg})
	return nil
}

// synonymGroup is the shop's group the route names.
func (h *AIAgent) synonymGroup(c *fiber.Ctx) (storage.SynonymGroup, error) {
	id, err := idParam(c)
	if err != nil {
		return storage.SynonymGroup{}, err
	}
	g, err := h.SynonymGroups.Get(c.UserContext(), web.ShopID(c), id)
	return g, notFoundAs(err, i18n.T(c.UserContext(), synonymMissing))
}

// synonymRows are the shop's groups as the lists show them.
func (h *AIAgent) synonymRows(c *fiber.Ctx) ([]pages.SynonymRow, error) {
	all, err := h.SynonymGroups.All(c.UserContext(), web.ShopID(c))
	if err != nil {
		return nil, err
	}
	rows := make([]pages.SynonymRow, len(all))
	for i, g := range all {
		rows[i] = pages.SynonymRow{ID: g.ID, Words: g.Words}
	}
	return rows, nil
}

// writeSynonyms writes the page, or the list and form alone for htmx.
func (h *AIAgent) writeSynonyms(c *fiber.Ctx, v pages.SynonymsView) error {
	head := titledHead(h.Render, c, "settings.ai.synonyms.title")
	return h.Render.Page(c, formStatus(v.New.Errors), pages.SynonymSettings(head, nav, v), pages.SynonymsBody(v))
}

// writeSynonymEdit writes the edit page, or its form alone for htmx.
func (h *AIAgent) writeSynonymEdit(c *fiber.Ctx, f pages.SynonymForm) error {
	head := titledHead(h.Render, c, "settings.ai.synonyms.edit_title")
	return h.Render.Page(c, formStatus(f.Errors), pages.SynonymEdit(head, nav, f), pages.SynonymEditForm(f))
}

// formStatus is 422 for a form with errors, else 200.
func formStatus(errs pages.FormErrors) int {
	if len(errs) > 0 {
		return fiber.StatusUnprocessableEntity
	}
	return fiber.StatusOK
}
