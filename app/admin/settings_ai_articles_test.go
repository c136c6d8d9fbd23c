package admin_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

func TestKnowledgeArticles(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	articles := storage.NewArticles(e.DB, time.Now)
	if _, page := e.page(aiPath); !strings.Contains(page, `data-testid="article-empty"`) {
		t.Fatal("no empty state")
	}
	if resp, page := e.page(aiPath + "/articles/new"); resp.StatusCode != 200 || !strings.Contains(page, `data-testid="article-form"`) {
		t.Fatalf("new article page: %d", resp.StatusCode)
	}
	for name, tc := range map[string]struct {
		title, body, field, message string
	}{
		"no title":   {" ", "Text.", "article-title", "Enter a title."},
		"long title": {strings.Repeat("t", 201), "Text.", "article-title", "at most 200 characters (it has 201)"},
		"no text":    {"Size guide", "", "article-body", "Enter the article’s text."},
		"long text":  {"Size guide", strings.Repeat("é", 20001), "article-body", "at most 20,000 characters (it has 20,001)"},
	} {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post(aiPath+"/articles", url.Values{"title": {tc.title}, "body": {tc.body}}, htmx)
			wantStatus(t, name, resp, body, 422)
			wantFieldError(t, body, tc.field, tc.message)
		}
	}

	resp, _ := e.post(aiPath+"/articles", url.Values{"title": {"Size guide"}, "body": {"Our hoodies run large.\r\nSize down."}, "published": {"true"}}, false)
	wantRedirect(t, "create", resp, aiPath+"?done=Settings+saved")
	resp, _ = e.post(aiPath+"/articles", url.Values{"title": {"Caring for wool"}, "body": {"Wash cold."}}, true)
	if resp.StatusCode != 204 || !strings.Contains(resp.Header.Get("HX-Trigger"), `"path":"/app/settings/ai-agent?done=Settings+saved"`) {
		t.Fatalf("htmx create: %d %q", resp.StatusCode, resp.Header.Get("HX-Trigger"))
	}
	all, _ := articles.All(context.Background(), e.shopID)
	if len(all) != 2 || all[1].Title != "Size guide" || all[1].Body != "Our hoodies run large.\nSize down." || !all[1].Published || all[0].Published {
		t.Fatalf("articles: %+v", all)
	}
	care, size := all[0], all[1]
	_, page := e.page(aiPath)
	if strings.Count(page, `data-testid="article-row"`) != 2 || !strings.Contains(page, "Our hoodies run large. Size down.") {
		t.Fatalf("the list:\n%.4000s", page)
	}

	// Publish with htmx: the list comes back.
	resp, list := e.post(fmt.Sprintf("%s/articles/%d/publish", aiPath, care.ID), url.Values{"published": {"true"}}, true)
	wantStatus(t, "publish", resp, list, 200)
	if !strings.HasPrefix(list, `<section class="card card--flush" id="article-list"`) || strings.Contains(list, ">Draft<") {
		t.Fatalf("after publish:\n%.2000s", list)
	}
	resp, _ = e.post(fmt.Sprintf("%s/articles/%d/publish", aiPath, care.ID), url.Values{"published": {"false"}}, false)
	wantRedirect(t, "unpublish", resp, aiPath+"?done=Settings+saved")
	if pub, _ := articles.Published(context.Background(), e.shopID); len(pub) != 1 || pub[0].ID != size.ID {
		t.Fatalf("published: %+v", pub)
	}

	edit := fmt.Sprintf("%s/articles/%d", aiPath, size.ID)
	if resp, page := e.page(edit); resp.StatusCode != 200 || !strings.Contains(page, `value="Size guide"`) || !strings.Contains(page, "Size down.</textarea>") {
		t.Fatalf("edit page: %d", resp.StatusCode)
	}
	resp, body := e.post(edit, url.Values{"title": {""}, "body": {"x"}}, true)
	wantStatus(t, "invalid edit", resp, body, 422)
	wantFieldError(t, body, "article-title", "Enter a title.")
	resp, _ = e.post(edit, url.Values{"title": {"Sizes"}, "body": {"Run large."}, "published": {"true"}}, false)
	wantRedirect(t, "edit", resp, aiPath+"?done=Settings+saved")
	if a, _ := articles.Get(context.Background(), e.shopID, size.ID); a.Title != "Sizes" || a.Body != "Run large." {
		t.Fatalf("edited: %+v", a)
	}

	del := fmt.Sprintf("%s/articles/%d/delete", aiPath, size.ID)
	if resp, page := e.page(del); resp.StatusCode != 200 || !strings.Contains(page, "Delete “Sizes”?") {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	resp, _ = e.post(del, nil, false)
	wantRedirect(t, "delete", resp, aiPath+"?done=Deleted")
	if _, err := articles.Get(context.Background(), e.shopID, size.ID); err == nil {
		t.Fatal("not deleted")
	}
}

// Another shop's article is not there for this shop's staff, by any route.
func TestArticlesOfAnotherShopAreNotFound(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	articles := storage.NewArticles(e.DB, time.Now)
	theirs, err := articles.Create(context.Background(), e.otherShop(), "Theirs", "Not yours.", true)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/articles/%d", aiPath, theirs.ID)
	for _, p := range []string{path, path + "/delete"} {
		if resp, body := e.page(p); resp.StatusCode != 404 || strings.Contains(body, "Not yours.") {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
	}
	valid := url.Values{"title": {"Mine"}, "body": {"Mine."}, "published": {"false"}}
	for _, p := range []string{path, path + "/publish", path + "/delete"} {
		for _, htmx := range []bool{false, true} {
			if resp, body := e.post(p, valid, htmx); resp.StatusCode != 404 {
				t.Errorf("POST %s: %d %.300s", p, resp.StatusCode, body)
			}
		}
	}
	if got, _ := articles.Get(context.Background(), theirs.ShopID, theirs.ID); got.Title != "Theirs" || !got.Published {
		t.Fatalf("the other shop's article changed: %+v", got)
	}
}
