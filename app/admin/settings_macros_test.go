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

func TestMacroSettings(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	resp, page := e.page("/app/settings/macros")
	wantStatus(t, "GET", resp, page, 200)
	for _, want := range []string{`data-testid="macro-empty"`, "{{customer.first_name}}", "{{customer.last_order_number}}", "{{agent.first_name}}"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}

	resp, _ = e.post("/app/settings/macros", url.Values{"name": {"Order status"},
		"body": {"Hi {{customer.first_name}}, order {{ customer.last_order_number }} ships today. – {{agent.first_name}}"}}, false)
	wantRedirect(t, "create", resp, "/app/settings/macros?done=Settings+saved")

	for name, tc := range map[string]struct {
		form           url.Values
		field, message string
	}{
		"unknown variable": {url.Values{"name": {"Hello"}, "body": {"Hi {{customer.name}} and {{ shop.name }}"}}, "body",
			"Unknown variables {{customer.name}}, {{shop.name}}. Use one of {{customer.first_name}}, {{customer.last_order_number}}, {{agent.first_name}}."},
		"unclosed variable": {url.Values{"name": {"Hello"}, "body": {"Hi {{ customer.first_name, thanks!\nBye"}}, "body",
			"The variable “{{ customer.first_name, thanks!” is not closed. End it with }}, as in {{customer.first_name}}."},
		"duplicate name": {url.Values{"name": {"ORDER STATUS"}, "body": {"Again"}}, "name", "A macro named “ORDER STATUS” already exists."},
		"empty name":     {url.Values{"name": {""}, "body": {"Hi"}}, "name", "Enter a name."},
		"empty body":     {url.Values{"name": {"Empty"}, "body": {" "}}, "body", "Enter the reply."},
		"long body":      {url.Values{"name": {"Long"}, "body": {strings.Repeat("x", 5001)}}, "body", "at most 5,000 characters"},
	} {
		for _, htmx := range []bool{false, true} {
			resp, body := e.post("/app/settings/macros", tc.form, htmx)
			wantStatus(t, name, resp, body, 422)
			wantFieldError(t, body, tc.field, tc.message)
		}
	}
	macros := storage.NewMacros(e.DB, time.Now)
	list, _ := macros.List(context.Background(), e.shopID)
	if len(list) != 1 {
		t.Fatalf("%d macros saved, want 1", len(list))
	}
	m := list[0]

	resp, frag := e.post("/app/settings/macros", url.Values{"name": {"Thanks"}, "body": {"Thanks for waiting!"}}, true)
	wantStatus(t, "htmx create", resp, frag, 200)
	if !strings.HasPrefix(frag, `<div id="macros-body"`) || !strings.Contains(frag, savedToast) || strings.Count(frag, `data-testid="macro-row"`) != 2 {
		t.Fatalf("htmx create: %.1500s", frag)
	}

	edit := fmt.Sprintf("/app/settings/macros/%d", m.ID)
	if resp, page := e.page(edit); resp.StatusCode != 200 || !strings.Contains(page, `value="Order status"`) {
		t.Fatalf("edit page: %d", resp.StatusCode)
	}
	resp, body := e.post(edit, url.Values{"name": {"thanks"}, "body": {"x"}}, true)
	wantStatus(t, "rename onto a taken name", resp, body, 422)
	wantFieldError(t, body, "name", "already exists")
	resp, body = e.post(edit, url.Values{"name": {"Order status"}, "body": {"Your order is {{order.number}}"}}, false)
	wantStatus(t, "unknown variable on edit", resp, body, 422)
	wantFieldError(t, body, "body", "Unknown variable {{order.number}}.")
	resp, _ = e.post(edit, url.Values{"name": {"Order status"}, "body": {"It ships today, {{customer.first_name}}."}}, false)
	wantRedirect(t, "edit", resp, "/app/settings/macros?done=Settings+saved")
	if got, _ := macros.Get(context.Background(), e.shopID, m.ID); got.Body != "It ships today, {{customer.first_name}}." {
		t.Fatalf("edited: %+v", got)
	}

	del := fmt.Sprintf("/app/settings/macros/%d/delete", m.ID)
	if resp, page := e.page(del); resp.StatusCode != 200 || !strings.Contains(page, "Delete “Order status”?") {
		t.Fatalf("confirmation: %d", resp.StatusCode)
	}
	resp, _ = e.post(del, nil, true)
	if resp.StatusCode != 204 || !strings.Contains(resp.Header.Get("HX-Trigger"), "done=Deleted") {
		t.Fatalf("htmx delete: %d %q", resp.StatusCode, resp.Header.Get("HX-Trigger"))
	}
	if _, err := macros.Get(context.Background(), e.shopID, m.ID); err == nil {
		t.Fatal("not deleted")
	}
}
