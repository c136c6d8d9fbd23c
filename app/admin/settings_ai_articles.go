package admin

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/knowledge"
	"hubchat/app/web"
	"hubchat/storage"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// excerptChars is how much of an article's text its row shows.
const excerptChars = 160

// articleMissing is the catalog key of what a merchant reads for an article that is not the
// shop's (or no longer exists).
const articleMissing = "settings.ai.articles.error.missing"

// NewArticle shows the page that adds an article.
func (h *AIAgent) NewArticle(c *fiber.Ctx) error {
	return h.writeArticle(c, pages.ArticleForm{})
}

// CreateArticle adds an article and goes back to the AI agent page.
func (h *AIAgent) CreateArticle(c *fiber.Ctx) error {
	f := readArticle(c)
	if len(f.Errors) > 0 {
		return h.writeArticle(c, f)
	}
	if _, err := h.Articles.Create(c.UserContext(), web.ShopID(c), f.Title, f.Body, f.Published); err != nil {
		return err
	}
	return done(c, pages.AIAgentAction, toastSaved)
}

// EditArticle shows the page that edits one article.
func (h *AIAgent) EditArticle(c *fiber.Ctx) error {
	a, err := h.article(c)
	if err != nil {
		return err
	}
	return h.writeArticle(c, pages.ArticleForm{ID: a.ID, Title: a.Title, Body: a.Body, Published: a.Published})
}

// UpdateArticle saves an edited article and goes back to the AI agent page.
func (h *AIAgent) UpdateArticle(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	f := readArticle(c)
	f.ID = id
	if len(f.Errors) > 0 {
		// The article must still be the shop's to be shown with errors.
		if _, err := h.Articles.Get(c.UserContext(), web.ShopID(c), id); err != nil {
			return notFoundAs(err, i18n.T(c.UserContext(), articleMissing))
		}
		return h.writeArticle(c, f)
	}
	if _, err := h.Articles.Update(c.UserContext(), web.ShopID(c), id, f.Title, f.Body, f.Published); err != nil {
		return notFoundAs(err, i18n.T(c.UserContext(), articleMissing))
	}
	return done(c, pages.AIAgentAction, toastSaved)
}

// PublishArticle publishes an article or turns it back into a draft: the
// list again for htmx, else a redirect to the page.
func (h *AIAgent) PublishArticle(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if _, err := h.Articles.SetPublished(c.UserContext(), web.ShopID(c), id, c.FormValue("published") == "true"); err != nil {
		return notFoundAs(err, i18n.T(c.UserContext(), articleMissing))
	}
	if !web.IsHTMX(c) {
		return done(c, pages.AIAgentAction, toastSaved)
	}
	rows, err := h.articleRows(c)
	if err != nil {
		return err
	}
	return web.Component(c, fiber.StatusOK, pages.ArticleList(rows, toastText(c.UserContext(), toastSaved)))
}

// ConfirmDeleteArticle asks before deleting an article.
func (h *AIAgent) ConfirmDeleteArticle(c *fiber.Ctx) error {
	a, err := h.article(c)
	if err != nil {
		return err
	}
	title := i18n.T(c.UserContext(), "settings.ai.articles.delete_title")
	v := pages.ConfirmDeleteView{Section: "ai-agent", Title: title, What: a.Title,
		Action: pages.ArticlePath(a.ID, "/delete"), Cancel: pages.AIAgentAction}
	return web.Component(c, fiber.StatusOK, pages.ConfirmDelete(h.Render.EmbeddedHead(c, title), nav, v))
}

// DeleteArticle deletes an article for good.
func (h *AIAgent) DeleteArticle(c *fiber.Ctx) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := h.Articles.Delete(c.UserContext(), web.ShopID(c), id); err != nil {
		return notFoundAs(err, i18n.T(c.UserContext(), articleMissing))
	}
	return done(c, pages.AIAgentAction, toastDeleted)
}

// readArticle reads and validates the article form.
func readArticle(c *fiber.Ctx) pages.ArticleForm {
	f := pages.ArticleForm{Title: formText(c, "title"), Body: formText(c, "body"), Published: c.FormValue("published") == "true"}
	checkText(c.UserContext(), &f.Errors, "article-title", "settings.ai.articles.error.title", f.Title, knowledge.MaxTitle)
	checkText(c.UserContext(), &f.Errors, "article-body", "settings.ai.articles.error.body", f.Body, knowledge.MaxBody)
	return f
}

// article is the shop's article the route names.
func (h *AIAgent) article(c *fiber.Ctx) (storage.Article, error) {
	id, err := idParam(c)
	if err != nil {
		return storage.Article{}, err
	}
	a, err := h.Articles.Get(c.UserContext(), web.ShopID(c), id)
	return a, notFoundAs(err, i18n.T(c.UserContext(), articleMissing))
}

// articleRows are the shop's articles as the list shows them.
func (h *AIAgent) articleRows(c *fiber.Ctx) ([]pages.ArticleRow, error) {
	all, err := h.Articles.All(c.UserContext(), web.ShopID(c))
	if err != nil {
		return nil, err
	}
	rows := make([]pages.ArticleRow, len(all))
	for i, a := range all {
		rows[i] = pages.ArticleRow{ID: a.ID, Title: a.Title, Excerpt: excerpt(a.Body, excerptChars), Published: a.Published}
	}
	return rows, nil
}

// excerpt is the start of a text on one line, cut at n characters.
func excerpt(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return text
}

// writeArticle writes the article page, or its form alone for htmx.
func (h *AIAgent) writeArticle(c *fiber.Ctx, f pages.ArticleForm) error {
	status := fiber.StatusOK
	if len(f.Errors) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	head := titledHead(h.Render, c, map[bool]string{true: "settings.ai.articles.add", false: "settings.ai.articles.edit_title"}[f.ID == 0])
	return h.Render.Page(c, status, pages.ArticlePage(head, nav, f), pages.ArticleFormBox(f))
}
