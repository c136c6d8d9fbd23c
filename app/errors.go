package app

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/static"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// statusOf maps each error code to its HTTP status.
var statusOf = map[apperr.Code]int{
	apperr.Invalid:      fiber.StatusUnprocessableEntity,
	apperr.NotFound:     fiber.StatusNotFound,
	apperr.Conflict:     fiber.StatusConflict,
	apperr.Unauthorized: fiber.StatusUnauthorized,
	apperr.Forbidden:    fiber.StatusForbidden,
	apperr.TooMany:      fiber.StatusTooManyRequests,
	apperr.Unavailable:  fiber.StatusServiceUnavailable,
	apperr.Internal:     fiber.StatusInternalServerError,
}

// errorHandler is the one place errors become responses.
type errorHandler struct {
	log    *slog.Logger
	assets *static.Assets
}

// errorBody is the JSON shape of an error.
type errorBody struct {
	Error     string `json:"error"`
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
}

// handle answers err with the status its code maps to, in the form the
// request asked for: JSON for API calls, a fragment for htmx, else a page.
// Only internal errors are logged; their details are never shown.
func (h errorHandler) handle(c *fiber.Ctx, err error) error {
	status, code, message := classify(err)
	h.logFailure(c, status, err)
	l := errorLocale(c)
	if generic, ok := genericMessage(l, err, status, code); ok {
		message = generic
	}
	if code == apperr.Unavailable {
		c.Set(fiber.HeaderRetryAfter, "1")
	}
	view := pages.ErrorView{
		Status:    status,
		Title:     titleFor(l, code, status),
		Message:   message,
		RequestID: web.RequestID(c),
	}
	c.Vary("HX-Request", fiber.HeaderAccept)
	switch {
	case wantsJSON(c):
		return c.Status(status).JSON(errorBody{Error: message, Code: string(code), RequestID: view.RequestID})
	case web.IsHTMX(c):
		return web.Component(c, status, pages.ErrorFragment(view))
	default:
		head := web.Renderer{Assets: h.assets}.Head(c, view.Title)
		return web.Component(c, status, pages.ErrorPage(head, view))
	}
}

// classify finds the status, code and user-facing message of err. Fiber's own
// errors (unknown route, body too large) keep their status.
func classify(err error) (int, apperr.Code, string) {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		code := apperr.Invalid
		for c, s := range statusOf {
			if s == fe.Code {
				code = c
			}
		}
		switch {
		case fe.Code >= 500:
			return fe.Code, apperr.Internal, apperr.MessageOf(err)
		case fe.Code == fiber.StatusNotFound:
			return fe.Code, code, apperr.MessageOf(apperr.New(code, ""))
		}
		if fe.Message == utils.StatusMessage(fe.Code) {
			// Fiber's default words are the status text: say it in ours.
			return fe.Code, code, apperr.MessageOf(apperr.New(code, ""))
		}
		return fe.Code, code, fe.Message
	}
	if apperr.CodeOf(err) == apperr.Internal {
		switch {
		case storage.Interrupted(err):
			// Out of time (the request's deadline, a client gone, the
			// database's timeouts): the client may try again.
			err = apperr.Wrap(apperr.Unavailable, err, "")
		case storage.Unreachable(err):
			// PostgreSQL is away (restarting, a connection cut): nothing was
			// decided, and the widget retries on 503 instead of failing.
			err = apperr.Wrap(apperr.Unavailable, err, "We can't reach our records right now. Please try again in a moment.")
		}
	}
	code := apperr.CodeOf(err)
	return statusOf[code], code, apperr.MessageOf(err)
}

// logFailure logs what is our side's failure, once: a panic with its stack,
// an internal error with its cause; a request out of time as a warning.
func (h errorHandler) logFailure(c *fiber.Ctx, status int, err error) {
	attrs := []any{"request_id", web.RequestID(c), "path", redactPath(c.Path()), "error", err}
	var p *panicError
	switch {
	case errors.As(err, &p):
		h.log.Error("handler panicked", append(attrs, "stack", string(p.stack))...)
	case status == fiber.StatusServiceUnavailable:
		h.log.Warn("request out of time", attrs...)
	case status >= 500:
		h.log.Error("request failed", attrs...)
	}
}

// wantsJSON is true for the JSON APIs and for clients that prefer JSON.
func wantsJSON(c *fiber.Ctx) bool {
	if strings.HasPrefix(c.Path(), "/api/") {
		return true
	}
	return c.Accepts(fiber.MIMETextHTML, fiber.MIMEApplicationJSON) == fiber.MIMEApplicationJSON
}

// errorLocale is the language of an error's words: the staff member's
// when the admin guard knew it, else the locale a page load names (only a
// choice of words, so it needs no signature), else English.
func errorLocale(c *fiber.Ctx) i18n.Locale {
	if l, ok := i18n.InContext(c.UserContext()); ok {
		return l
	}
	return i18n.Match(c.Query("locale"))
}

// genericMessage is the sentence of an error its handler gave no words to,
// in l (errors.json); false when the handler chose the words. Fiber's
// unknown route gets its own.
func genericMessage(l i18n.Locale, err error, status int, code apperr.Code) (string, bool) {
	var fe *fiber.Error
	switch {
	case errors.As(err, &fe) && fe.Code == fiber.StatusNotFound:
		return l.T("errors.message.no_page"), true
	case errors.As(err, &fe):
		if fe.Code >= 500 || fe.Message == utils.StatusMessage(fe.Code) {
			return l.T("errors.message." + string(code)), true
		}
		return "", false
	case apperr.Generic(err):
		return l.T("errors.message." + string(code)), true
	}
	return "", false
}

// titleFor is the heading of an error page or banner, in l: what went
// wrong, in words. HTTP's own status texts ("Unprocessable Entity") mean
// nothing to a merchant and are never shown.
func titleFor(l i18n.Locale, code apperr.Code, status int) string {
	switch {
	case status == fiber.StatusNotFound:
		return l.T("errors.title.page_not_found")
	case status == fiber.StatusRequestEntityTooLarge:
		return l.T("errors.title.too_large")
	case status == fiber.StatusBadRequest:
		return l.T("errors.title.bad_request")
	case status >= 500 && code != apperr.Unavailable:
		return l.T("errors.title.internal")
	}
	if _, ok := titledCodes[code]; ok {
		return l.T("errors.title." + string(code))
	}
	return l.T("errors.title.other")
}

// titledCodes are the codes with a heading of their own; the message
// below it says what exactly is wrong and what to do.
var titledCodes = map[apperr.Code]bool{apperr.Invalid: true, apperr.NotFound: true, apperr.Conflict: true,
	apperr.Unauthorized: true, apperr.Forbidden: true, apperr.TooMany: true, apperr.Unavailable: true}
