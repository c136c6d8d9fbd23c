package admin_test

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// faqQuestions are the questions of the list, in the order shown.
func faqQuestions(body string) []string {
	re := regexp.MustCompile(`(?s)data-testid="faq-row".*?<p class="settings-item__title">\s*([^<]*?)\s*<span`)
	var out []string
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestFAQSettings(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	resp, page := e.page("/app/settings/faqs")
	wantStatus(t, "GET", resp, page, 200)
	if !strings.Contains(page, `data-testid="faq-empty"`) {
		t.Fatal("no empty state")
	}

	for name, tc := range map[string]struct {
		question, answer, field, message string
	}{
		"empty question": {"  ", "An answer", "question", "Enter a question."},
		"long question":  {strings.Repeat("?", 201), "An answer", "question", "at most 200 characters (it has 201)"},
		"empty answer":   {"Why?", "", "answer", "Enter an answer."},
		"long answer":    {"Why?", strings.Repeat("a", 2001), "answer", "at most 2,000 characters"},
	} {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post("/app/settings/faqs", url.Values{"question": {tc.question}, "answer": {tc.answer}}, htmx)
			wantStatus(t, name, resp, body, 422)
			wantFieldError(t, body, tc.field, tc.message)
		}
	}

	resp, _ = e.post("/app/settings/faqs", url.Values{"question": {"Do you ship abroad?"}, "answer": {"Yes."}, "published": {"true"}}, false)
	wantRedirect(t, "create", resp, "/app/settings/faqs?done=Settings+saved")
	resp, frag := e.post("/app/settings/faqs", url.Values{"question": {"Can I return it?"}, "answer": {"Within 30 days."}}, true)
	wantStatus(t, "htmx create", resp, frag, 200)
	if !strings.HasPrefix(frag, `<div id="faqs-body"`) || !strings.Contains(frag, savedToast) ||
		fmt.Sprint(faqQuestions(frag)) != "[Do you ship abroad? Can I return it?]" || !strings.Contains(frag, ">Draft<") {
		t.Fatalf("htmx create answer: %v\n%.1500s", faqQuestions(frag), frag)
	}
	faqs := storage.NewFAQs(e.DB, time.Now)
	all, _ := faqs.All(context.Background(), e.shopID)
	ship, ret := all[0], all[1]

	// Move the second up, with htmx and without: the list comes back reordered.
	resp, list := e.post(fmt.Sprintf("/app/settings/faqs/%d/move", ret.ID), url.Values{"direction": {"up"}}, true)
	wantStatus(t, "move", resp, list, 200)
	if !strings.HasPrefix(list, `<section class="card card--flush" id="faq-list"`) || fmt.Sprint(faqQuestions(list)) != "[Can I return it? Do you ship abroad?]" {
		t.Fatalf("after move: %v", faqQuestions(list))
	}
	resp, _ = e.post(fmt.Sprintf("/app/settings/faqs/%d/move", ret.ID), url.Values{"direction": {"down"}}, false)
	wantRedirect(t, "move down", resp, "/app/settings/faqs?done=Settings+saved")
	if _, page := e.page("/app/settings/faqs"); fmt.Sprint(faqQuestions(page)) != "[Do you ship abroad? Can I return it?]" {
		t.Fatalf("after move down: %v", faqQuestions(page))
	}

	// Publish the draft, then edit it.
	resp, list = e.post(fmt.Sprintf("/app/settings/faqs/%d/publish", ret.ID), url.Values{"published": {"true"}}, true)
	wantStatus(t, "publish", resp, list, 200)
	if pub, _ := faqs.Published(context.Background(), e.shopID); len(pub) != 2 || strings.Contains(list, ">Draft<") {
		t.Fatalf("published: %+v", pub)
	}
	edit := fmt.Sprintf("/app/settings/faqs/%d", ship.ID)
	if resp, page := e.page(edit); resp.StatusCode != 200 || !strings.Contains(page, `value="Do you ship abroad?"`) {
		t.Fatalf("edit page: %d", resp.StatusCode)
	}
	resp, body := e.post(edit, url.Values{"question": {""}, "answer": {"Yes."}}, true)
	wantStatus(t, "invalid edit", resp, body, 422)
	wantFieldError(t, body, "question", "Enter a question.")
	resp, _ = e.post(edit, url.Values{"question": {"Do you ship worldwide?"}, "answer": {"Yes, to 40 countries."}}, true)
	if resp.StatusCode != 204 || !strings.Contains(resp.Header.Get("HX-Trigger"), `"path":"/app/settings/faqs?done=Settings+saved"`) {
		t.Fatalf("htmx edit: %d %q", resp.StatusCode, resp.Header.Get("HX-Trigger"))
	}
	if f, _ := faqs.Get(context.Background(), e.shopID, ship.ID); f.Question != "Do you ship worldwide?" || f.Published {
		t.Fatalf("edited: %+v (an unchecked box makes a draft)", f)
	}

	// Deleting asks first.
	del := fmt.Sprintf("/app/settings/faqs/%d/delete", ship.ID)
	if resp, page := e.page(del); resp.StatusCode != 200 || !strings.Contains(page, "Delete “Do you ship worldwide?”?") {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	resp, _ = e.post(del, nil, false)
	wantRedirect(t, "delete", resp, "/app/settings/faqs?done=Deleted")
	if _, err := faqs.Get(context.Background(), e.shopID, ship.ID); err == nil {
		t.Fatal("not deleted")
	}
}

// Another shop's FAQs and macros are not there for this shop's staff.
func TestSettingsOfAnotherShopAreNotFound(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	other := e.otherShop()
	f, err := storage.NewFAQs(e.DB, time.Now).Create(context.Background(), other, "Theirs?", "Theirs.", true)
	if err != nil {
		t.Fatal(err)
	}
	m, err := storage.NewMacros(e.DB, time.Now).Create(context.Background(), other, "Theirs", "Theirs.")
	if err != nil {
		t.Fatal(err)
	}
	valid := url.Values{"question": {"Mine?"}, "answer": {"Mine."}, "name": {"Mine"}, "body": {"Mine."}, "direction": {"up"}, "published": {"false"}}
	for _, path := range []string{fmt.Sprintf("/app/settings/faqs/%d", f.ID), fmt.Sprintf("/app/settings/macros/%d", m.ID)} {
		for _, p := range []string{path, path + "/delete"} {
			if resp, _ := e.page(p); resp.StatusCode != 404 {
				t.Errorf("GET %s: %d, want 404", p, resp.StatusCode)
			}
		}
		for _, p := range []string{path, path + "/delete", path + "/move", path + "/publish"} {
			if strings.Contains(p, "macros") && (strings.HasSuffix(p, "/move") || strings.HasSuffix(p, "/publish")) {
				continue
			}
			for _, htmx := range []bool{false, true} {
				if resp, _ := e.post(p, valid, htmx); resp.StatusCode != 404 {
					t.Errorf("POST %s (htmx %v): %d, want 404", p, htmx, resp.StatusCode)
				}
			}
		}
	}
	if resp, _ := e.page("/app/settings/faqs/abc"); resp.StatusCode != 404 {
		t.Errorf("a malformed id: %d", resp.StatusCode)
	}
	// Their rows are untouched and never listed.
	if got, _ := storage.NewFAQs(e.DB, time.Now).Get(context.Background(), other, f.ID); got.Question != "Theirs?" || !got.Published {
		t.Fatalf("their FAQ changed: %+v", got)
	}
	for _, p := range []string{"/app/settings/faqs", "/app/settings/macros"} {
		if _, page := e.page(p); strings.Contains(page, "Theirs") {
			t.Errorf("%s lists another shop's item", p)
		}
	}
}
