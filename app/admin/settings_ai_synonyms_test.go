package admin_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
)

// The merchant adds, edits and deletes synonym groups; a malformed group
// is refused with the reason beside the field and the text as typed, and
// changes nothing.
func TestSynonymSettings(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	groups := storage.NewSynonymGroups(e.DB, time.Now)
	path := aiPath + "/synonyms"
	if _, page := e.page(aiPath); !strings.Contains(page, `data-testid="synonyms-card"`) || !strings.Contains(page, "None yet.") {
		t.Fatalf("the AI agent page has no synonyms card:\n%.3000s", page)
	}
	if resp, page := e.page(path); resp.StatusCode != 200 || !strings.Contains(page, `data-testid="synonym-empty"`) {
		t.Fatalf("synonyms page: %d", resp.StatusCode)
	}
	long := strings.Repeat("x", storage.MaxSynonymChars+1)
	for name, tc := range map[string]struct{ words, message string }{
		"empty":         {" , ,", "Enter at least two different words or phrases"},
		"one word":      {"hoodie", "Enter at least two different words or phrases"},
		"the same word": {"Hoodie, hoodie", "Enter at least two different words or phrases"},
		"too many":      {manyWords(storage.MaxSynonymWords + 1), "at most 20 words or phrases"},
		"too long":      {"hoodie, " + long, "is too long: each word or phrase can have at most 60 characters"},
		"far too long":  {strings.Repeat("x", 5000), "That is too much text for one group"},
	} {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post(path, url.Values{"words": {tc.words}}, htmx)
			wantStatus(t, name, resp, body, 422)
			wantFieldError(t, body, "synonym-words", tc.message)
			if typed := strings.TrimSpace(tc.words); typed != "" && len(typed) < 200 && !strings.Contains(body, `value="`+typed+`"`) {
				t.Errorf("%s: the text typed is lost:\n%.2000s", name, body)
			}
		}
	}
	if all, _ := groups.All(context.Background(), e.shopID); len(all) != 0 {
		t.Fatalf("refused groups were stored: %+v", all)
	}

	resp, _ := e.post(path, url.Values{"words": {"hoodie, sweatshirt,  jumper "}}, false)
	wantRedirect(t, "create", resp, path+"?done=Settings+saved")
	resp, body := e.post(path, url.Values{"words": {"trainers\nsneakers"}}, true)
	wantStatus(t, "htmx create", resp, body, 200)
	if !strings.HasPrefix(body, `<div id="synonyms-body"`) || !strings.Contains(body, savedToast) || strings.Count(body, `data-testid="synonym-row"`) != 2 {
		t.Fatalf("htmx create answered:\n%.3000s", body)
	}
	all, _ := groups.All(context.Background(), e.shopID)
	if len(all) != 2 || !slices.Equal(all[0].Words, []string{"hoodie", "sweatshirt", "jumper"}) || !slices.Equal(all[1].Words, []string{"trainers", "sneakers"}) {
		t.Fatalf("stored %+v", all)
	}
	if _, page := e.page(aiPath); !strings.Contains(page, "hoodie, sweatshirt, jumper") {
		t.Fatal("the AI agent page does not list the groups")
	}

	edit := fmt.Sprintf("%s/%d", path, all[0].ID)
	if resp, page := e.page(edit); resp.StatusCode != 200 || !strings.Contains(page, `value="hoodie, sweatshirt, jumper"`) {
		t.Fatalf("edit page: %d", resp.StatusCode)
	}
	resp, body = e.post(edit, url.Values{"words": {"hoodie"}}, true)
	wantStatus(t, "invalid edit", resp, body, 422)
	wantFieldError(t, body, "synonym-words", "Enter at least two different words or phrases")
	if g, _ := groups.Get(context.Background(), e.shopID, all[0].ID); len(g.Words) != 3 {
		t.Fatalf("a refused edit changed the group: %+v", g)
	}
	resp, _ = e.post(edit, url.Values{"words": {"hoodie, hooded sweatshirt"}}, false)
	wantRedirect(t, "edit", resp, path+"?done=Settings+saved")
	if g, _ := groups.Get(context.Background(), e.shopID, all[0].ID); !slices.Equal(g.Words, []string{"hoodie", "hooded sweatshirt"}) {
		t.Fatalf("edited: %+v", g)
	}

	del := fmt.Sprintf("%s/%d/delete", path, all[1].ID)
	if resp, page := e.page(del); resp.StatusCode != 200 || !strings.Contains(page, "Delete “trainers, sneakers”?") {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	resp, _ = e.post(del, nil, false)
	wantRedirect(t, "delete", resp, path+"?done=Deleted")
	if left, _ := groups.All(context.Background(), e.shopID); len(left) != 1 {
		t.Fatalf("after delete: %+v", left)
	}
}

// A shop at its cap of groups is told so beside the field, with its text
// kept.
func TestSynonymGroupsCapIsWorded(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	groups := storage.NewSynonymGroups(e.DB, time.Now)
	for i := range storage.MaxSynonymGroupsPer {
		if _, err := groups.Create(context.Background(), e.shopID, []string{fmt.Sprintf("w%d", i), "x"}); err != nil {
			t.Fatal(err)
		}
	}
	resp, body := e.post(aiPath+"/synonyms", url.Values{"words": {"tee, t-shirt"}}, true)
	wantStatus(t, "over the cap", resp, body, 422)
	wantFieldError(t, body, "synonym-words", "the most it can have")
	if !strings.Contains(body, `value="tee, t-shirt"`) {
		t.Fatal("the text typed is lost")
	}
}

// Another shop's group is not there for this shop's staff, by any route.
func TestSynonymsOfAnotherShopAreNotFound(t *testing.T) {
	t.Parallel()
	e := startAI(t, nil)
	groups := storage.NewSynonymGroups(e.DB, time.Now)
	other := e.otherShop()
	theirs, err := groups.Create(context.Background(), other, []string{"theirs", "notyours"})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("%s/synonyms/%d", aiPath, theirs.ID)
	for _, p := range []string{path, path + "/delete"} {
		if resp, body := e.page(p); resp.StatusCode != 404 || strings.Contains(body, "notyours") {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
		for _, htmx := range []bool{false, true} {
			if resp, body := e.post(p, url.Values{"words": {"mine, also mine"}}, htmx); resp.StatusCode != 404 {
				t.Errorf("POST %s: %d %.300s", p, resp.StatusCode, body)
			}
		}
	}
	if resp, body := e.post(path, url.Values{"words": {"one"}}, false); resp.StatusCode != 404 {
		t.Errorf("an invalid edit of another shop's group: %d %.300s", resp.StatusCode, body)
	}
	if got, _ := groups.Get(context.Background(), other, theirs.ID); !slices.Equal(got.Words, []string{"theirs", "notyours"}) {
		t.Fatalf("the other shop's group changed: %+v", got)
	}
	if _, page := e.page(aiPath + "/synonyms"); strings.Contains(page, "notyours") {
		t.Fatal("this shop lists another shop's group")
	}
}

// manyWords is n different words separated by commas.
func manyWords(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("word%d", i)
	}
	return strings.Join(w, ", ")
}
