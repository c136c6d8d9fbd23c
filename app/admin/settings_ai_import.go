package admin

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hubchat/app/knowledge"
	"hubchat/app/upload"
	"hubchat/app/web"
	"hubchat/views/i18n"
	"hubchat/views/pages"
)

// previewRows is how many items the preview lists; the rest are counted.
const previewRows = 50

// ImportPage shows the page that imports FAQs and articles from a file.
func (h *AIAgent) ImportPage(c *fiber.Ctx) error {
	return h.writeImport(c, fiber.StatusOK, pages.ImportView{})
}

// PreviewImport reads the sent file and shows what it would add, or what
// is wrong with it row by row. Nothing is imported yet.
func (h *AIAgent) PreviewImport(c *fiber.Ctx) error {
	name, data, err := importFile(c)
	if err != nil {
		return err
	}
	if data == nil {
		return h.writeImport(c, fiber.StatusUnprocessableEntity, pages.ImportView{FileError: i18n.T(c.UserContext(), "settings.ai.import.error.no_file")})
	}
	f, err := knowledge.Read(name, data)
	if v, bad := importProblems(c.UserContext(), err); bad {
		v.Filename = name
		return h.writeImport(c, fiber.StatusUnprocessableEntity, v)
	} else if err != nil {
		return err
	}
	return h.writeImport(c, fiber.StatusOK, pages.ImportView{Preview: importPreview(c.UserContext(), name, string(data), f)})
}

// ConfirmImport imports the previewed file, sent back as it was shown: all
// of it in one transaction, or nothing when any of it is wrong.
func (h *AIAgent) ConfirmImport(c *fiber.Ctx) error {
	// A browser sends a text area's line breaks as CRLF; the file's own
	// line breaks are what was previewed.
	content := strings.ReplaceAll(c.FormValue("content"), "\r\n", "\n")
	f, err := knowledge.Read(c.FormValue("filename"), []byte(content))
	if v, bad := importProblems(c.UserContext(), err); bad {
		return h.writeImport(c, fiber.StatusUnprocessableEntity, v)
	} else if err != nil {
		return err
	}
	faqs, articles := f.ForStorage()
	if err := h.Knowledge.Import(c.UserContext(), web.ShopID(c), faqs, articles); err != nil {
		return err
	}
	return done(c, pages.AIAgentAction, toastImported)
}

// importFile reads the file field: its base name and content, nil when no
// file was chosen. The route's body limit bounds what is read; a file over
// knowledge.MaxFileBytes is read one byte past it, for Read to refuse.
func importFile(c *fiber.Ctx) (string, []byte, error) {
	form, err := c.MultipartForm()
	if err != nil || len(form.File["file"]) == 0 {
		return "", nil, nil
	}
	fh := form.File["file"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return "", nil, nil // the empty field a form sends without a choice
	}
	file, err := fh.Open()
	if err != nil {
		return "", nil, err
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, knowledge.MaxFileBytes+1))
	if err != nil {
		return "", nil, err
	}
	return upload.DisplayName(fh.Filename), data, nil
}

// importProblems is the page listing the file's problems in ctx's
// language, when err has them.
func importProblems(ctx context.Context, err error) (pages.ImportView, bool) {
	var p *knowledge.Problems
	if !errors.As(err, &p) {
		return pages.ImportView{}, false
	}
	v := pages.ImportView{MoreProblems: p.More}
	for _, m := range p.List {
		v.Problems = append(v.Problems, importProblemWords(ctx, m))
	}
	return v, true
}

// importPreview is what the file adds, its first rows listed.
func importPreview(ctx context.Context, name, content string, f knowledge.File) *pages.ImportPreview {
	p := &pages.ImportPreview{Filename: name, Format: f.Format, Content: content,
		FAQs: f.Count(knowledge.FAQ), Articles: f.Count(knowledge.Article)}
	for i, it := range f.Items {
		if i == previewRows {
			p.MoreRows = len(f.Items) - previewRows
			break
		}
		kind := map[knowledge.Kind]string{knowledge.FAQ: "faq", knowledge.Article: "article"}[it.Kind]
		p.Rows = append(p.Rows, pages.ImportRow{Where: placeWords(ctx, it.Where), Kind: kind, Title: it.Title,
			Excerpt: excerpt(it.Body, excerptChars), Published: it.Published})
	}
	return p
}

// writeImport writes the import page, or its body alone for htmx.
func (h *AIAgent) writeImport(c *fiber.Ctx, status int, v pages.ImportView) error {
	head := titledHead(h.Render, c, "settings.ai.import.title")
	return h.Render.Page(c, status, pages.ImportPage(head, nav, v), pages.ImportBody(v))
}
