package admin_test

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

const importPath = aiPath + "/import"

// importedCSV is an export from another helpdesk: a BOM, CRLF, a quoted
// answer over two lines, an article, a draft.
const importedCSV = "\uFEFFtype,question,answer,published\r\n" +
	"faq,Do you ship abroad?,\"Yes, to 40 countries.\r\nIn 5 working days.\",true\r\n" +
	"article,Size guide,\"Our hoodies run large; size down.\",yes\r\n" +
	"faq,Can I pay later?,With Shop Pay Installments.,false\r\n"

// hiddenContent is the file the preview sends back on confirming.
var hiddenContent = regexp.MustCompile(`(?s)<textarea name="content" hidden aria-hidden="true">(.*?)</textarea>`)

func (e aiEnv) knowledgeCounts() (faqs, articles int) {
	e.t.Helper()
	if err := e.DB.Get(&faqs, `SELECT count(*) FROM faqs`); err != nil {
		e.t.Fatal(err)
	}
	if err := e.DB.Get(&articles, `SELECT count(*) FROM knowledge_articles`); err != nil {
		e.t.Fatal(err)
	}
	return faqs, articles
}

// A file is previewed, then imported as previewed: FAQs after the shop's
// own, articles beside its own.
func TestImportPreviewsThenImports(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	faqs := storage.NewFAQs(e.DB, time.Now)
	if _, err := faqs.Create(context.Background(), e.shopID, "Existing?", "Yes.", true); err != nil {
		t.Fatal(err)
	}
	if resp, page := e.page(importPath); resp.StatusCode != 200 || !strings.Contains(page, `data-testid="import-form"`) {
		t.Fatalf("import page: %d", resp.StatusCode)
	}
	resp, preview := e.postFile(importPath, "zendesk-export.csv", []byte(importedCSV), true)
	wantStatus(t, "preview", resp, preview, 200)
	if !strings.HasPrefix(preview, `<div id="import-body"`) || strings.Count(preview, `data-testid="import-row"`) != 3 ||
		!strings.Contains(preview, "This CSV file adds 2 FAQs and 1 knowledge article.") || !strings.Contains(preview, "Import 3 items</button>") {
		t.Fatalf("preview:\n%.4000s", preview)
	}
	if f, a := e.knowledgeCounts(); f != 1 || a != 0 {
		t.Fatalf("the preview imported %d FAQs and %d articles", f-1, a)
	}

	m := hiddenContent.FindStringSubmatch(preview)
	if m == nil {
		t.Fatal("the preview carries no content to confirm")
	}
	// The browser sends the text area's line breaks as CRLF.
	content := strings.ReplaceAll(strings.ReplaceAll(html.UnescapeString(m[1]), "\r\n", "\n"), "\n", "\r\n")
	resp, _ = e.postMultipart(importPath+"/confirm", map[string]string{"filename": "zendesk-export.csv", "content": content}, false)
	wantRedirect(t, "confirm", resp, aiPath+"?done=Import+complete")
	all, _ := faqs.All(context.Background(), e.shopID)
	if len(all) != 3 || all[1].Question != "Do you ship abroad?" || all[1].Answer != "Yes, to 40 countries.\nIn 5 working days." ||
		!all[1].Published || all[2].Published || all[2].Position != 3 {
		t.Fatalf("FAQs: %+v", all)
	}
	arts, _ := storage.NewArticles(e.DB, time.Now).All(context.Background(), e.shopID)
	if len(arts) != 1 || arts[0].Title != "Size guide" || !arts[0].Published {
		t.Fatalf("articles: %+v", arts)
	}
	if _, page := e.page(aiPath + "?done=Import+complete"); !strings.Contains(page, `data-toast="Import complete"`) {
		t.Fatal("no confirmation toast")
	}
}

// A file with bad rows imports nothing and says, row by row, what is wrong;
// so does one that is not UTF-8, and a confirm whose content was changed.
func TestImportWithProblemsImportsNothing(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	bad := "type,question,answer\nfaq,Fine?,Yes.\nfaq,,An answer.\nnews,Title,Text.\narticle,Guide,\n"
	for _, htmx := range []bool{false, true} {
		resp, body := e.postFile(importPath, "faqs.csv", []byte(bad), htmx)
		wantStatus(t, "bad rows", resp, body, 422)
		for _, want := range []string{"Nothing was imported.", "Row 3: the question is empty.",
			"Row 4: the type is “news”; write faq or article.", "Row 5: the text is empty."} {
			if !strings.Contains(html.UnescapeString(body), want) {
				t.Fatalf("the problems do not say %q:\n%.4000s", want, body)
			}
		}
		if strings.Contains(body, `data-testid="import-preview"`) {
			t.Fatal("a file with problems has a preview")
		}
	}
	resp, body := e.postFile(importPath, "latin1.csv", []byte("question,answer\nCaf\xe9?,Oui.\n"), true)
	wantStatus(t, "not UTF-8", resp, body, 422)
	if !strings.Contains(body, "Line 2 of the file is not UTF-8 text.") {
		t.Fatalf("not UTF-8:\n%.3000s", body)
	}
	resp, body = e.postFile(importPath, "", nil, true)
	wantStatus(t, "no file", resp, body, 422)
	wantFieldError(t, body, "import-file", "Choose a CSV or JSON file to import.")

	resp, body = e.postMultipart(importPath+"/confirm", map[string]string{"filename": "faqs.csv", "content": bad}, true)
	wantStatus(t, "changed confirm", resp, body, 422)
	if !strings.Contains(body, "Row 3: the question is empty.") {
		t.Fatalf("confirm with problems:\n%.3000s", body)
	}
	if f, a := e.knowledgeCounts(); f != 0 || a != 0 {
		t.Fatalf("imported %d FAQs and %d articles from files with problems", f, a)
	}
}
