package admin

import (
	"context"
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// The longest macro name and reply, in characters; a reply is one chat
// message, whose limit is 5,000.
const (
	maxMacroName = 100
	maxMacroBody = 5000
)

// ListMacros shows Settings → Macros: the list, the form that adds one and the
// variables.
func (h *Settings) ListMacros(c *fiber.Ctx) error {
	rows, err := h.macroRows(c)
	if err != nil {
		return err
	}
	return h.writeMacros(c, pages.MacrosView{Macros: rows, Toast: doneToast(c)})
}

// CreateMacro adds a macro.
func (h *Settings) CreateMacro(c *fiber.Ctx) error {
	f := readMacro(c)
	if len(f.Errors) == 0 {
		_, err := h.Macros.Create(c.UserContext(), web.ShopID(c), f.Name, f.Body)
		if f.Errors = nameTaken(c.UserContext(), err, f.Name); err != nil && f.Errors == nil {
			return err
		}
	}
	if len(f.Errors) == 0 && !web.IsHTMX(c) {
		return done(c, pages.MacrosAction, toastSaved)
	}
	rows, err := h.macroRows(c)
	if err != nil {
		return err
	}
	v := pages.MacrosView{Macros: rows, New: f}
	if len(f.Errors) == 0 {
		v.New, v.Toast = pages.MacroForm{}, toastText(c.UserContext(), toastSaved)
	}
	return h.writeMacros(c, v)
}

// EditMacro shows the page that edits one macro.
func (h *Settings) EditMacro(c *fiber.Ctx) error {
	m, err := h.macro(c)
	if err != nil {
		return err
	}
	return h.writeMacroEdit(c, pages.MacroForm{ID: m.ID, Name: m.Name, Body: m.Body})
}

// UpdateMacro saves an edited macro and goes back to the list.
func (h *Settings) UpdateMacro(c *fiber.Ctx) error {
	m, err := h.macro(c)
	if err != nil {
		return err
	}
	f := readMacro(c)
	f.ID = m.ID
	if len(f.Errors) == 0 {
		_, err := h.Macros.Update(c.UserContext(), web.ShopID(c), m.ID, f.Name, f.Body)
		if f.Errors = nameTaken(c.UserContext(), err, f.Name); err != nil && f.Errors == nil {
			return err
		}
	}
	if len(f.Errors) > 0 {
		return h.writeMacroEdit(c, f)
	}
	return done(c, pages.MacrosAction, toastSaved)
}

// ConfirmDeleteMacro asks before deleting a macro.
func (h *Settings) ConfirmDeleteMacro(c *fiber.Ctx) error {
	m, err := h.macro(c)
	if err != nil {
		return err
	}
	title := i18n.T(c.UserContext(), "settings.macros.delete_title")
	v := pages.ConfirmDeleteView{Section: "macros", Title: title, What: m.Name,
		Action: pages.MacroPath(m.ID, "/delete"), Cancel: pages.MacrosAction}
	return web.Component(c, fiber.StatusOK, pages.ConfirmDelete(h.Render.EmbeddedHead(c, title), nav, v))
}

// DeleteMacro deletes a macro for good.
func (h *Settings) DeleteMacro(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.Macros.Delete(c.UserContext(), web.ShopID(c), id); err != nil {
		return notFoundAs(err, macroMissing(c))
	}
	return done(c, pages.MacrosAction, toastDeleted)
}

// readMacro reads and validates the macro form. A variable the inbox could
// not fill in is refused now, naming it, rather than sent to a shopper as
// written.
func readMacro(c *fiber.Ctx) pages.MacroForm {
	ctx := c.UserContext()
	f := pages.MacroForm{Name: formText(c, "name"), Body: formText(c, "body")}
	checkText(ctx, &f.Errors, "name", "settings.macros.error.name", f.Name, maxMacroName)
	checkText(ctx, &f.Errors, "body", "settings.macros.error.reply", f.Body, maxMacroBody)
	if open := UnclosedVariable(f.Body); open != "" && f.Errors.Of("body") == "" {
		f.Errors = append(f.Errors, pages.FormError{Field: "body", Message: i18n.T(ctx, "settings.macros.error.unclosed",
			"variable", open, "example", MacroVariableList[0].Placeholder())})
	}
	if unknown := MacroVariables(f.Body); len(unknown) > 0 && f.Errors.Of("body") == "" {
		names := make([]string, len(unknown))
		for i, u := range unknown {
			names[i] = "{{" + u + "}}"
		}
		f.Errors = append(f.Errors, pages.FormError{Field: "body", Message: i18n.T(ctx, "settings.macros.error.unknown",
			"count", len(unknown), "variables", strings.Join(names, ", "), "known", knownPlaceholders())})
	}
	return f
}

// nameTaken turns the store's Conflict for a name in use into the name
// field's error; nil for any other outcome.
func nameTaken(ctx context.Context, err error, name string) pages.FormErrors {
	if !errors.Is(err, storage.ErrConflict) {
		return nil
	}
	return pages.FormErrors{{Field: "name", Message: i18n.T(ctx, "settings.macros.error.name_taken", "name", name)}}
}

// macro is the shop's macro the route names.
func (h *Settings) macro(c *fiber.Ctx) (storage.Macro, error) {
	id, err := idParam(c)
	if err != nil {
		return storage.Macro{}, err
	}
	m, err := h.Macros.Get(c.UserContext(), web.ShopID(c), id)
	return m, notFoundAs(err, macroMissing(c))
}

// macroMissing is the error a macro that is not the shop's gets.
func macroMissing(c *fiber.Ctx) string {
	return i18n.T(c.UserContext(), "settings.macros.error.missing")
}

func (h *Settings) macroRows(c *fiber.Ctx) ([]pages.MacroRow, error) {
	all, err := h.Macros.List(c.UserContext(), web.ShopID(c))
	if err != nil {
		return nil, err
	}
	rows := make([]pages.MacroRow, len(all))
	for i, m := range all {
		rows[i] = pages.MacroRow{ID: m.ID, Name: m.Name, Body: m.Body}
	}
	return rows, nil
}

// variableDocs documents MacroVariableList on the page.
func variableDocs() []pages.MacroVariableDoc {
	docs := make([]pages.MacroVariableDoc, len(MacroVariableList))
	for i, v := range MacroVariableList {
		docs[i] = pages.MacroVariableDoc{Placeholder: v.Placeholder(), Description: v.Description, Example: v.Example}
	}
	return docs
}

// writeMacros writes the page, or the list and form alone for htmx.
func (h *Settings) writeMacros(c *fiber.Ctx, v pages.MacrosView) error {
	v.Variables = variableDocs()
	head := titledHead(h.Render, c, "settings.sections.macros.label")
	return h.page(c, v.New.Errors, pages.MacroSettings(head, nav, v), pages.MacrosBody(v))
}

// writeMacroEdit writes the edit page, or its form alone for htmx.
func (h *Settings) writeMacroEdit(c *fiber.Ctx, f pages.MacroForm) error {
	head := titledHead(h.Render, c, "settings.macros.edit_title")
	return h.page(c, f.Errors, pages.MacroEdit(head, nav, f, variableDocs()), pages.MacroEditForm(f))
}
