package admin_test

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// webChatForm is a valid Web chat form: Monday 09:00–17:00.
func webChatForm() url.Values {
	return url.Values{
		"enabled": {"on"}, "login_status": {"all"}, "welcome_message": {"  Hello there! 👋  "},
		"oh_mon_start": {"09:00"}, "oh_mon_end": {"17:00"},
		"during_hours_message": {"We're here."}, "outside_hours_message": {"We're closed."},
		"color": {"#0A7"}, "icon": {"help"}, "position": {"left"},
	}
}

func TestWebChatSettingsShowAndSave(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	resp, page := e.page("/app/settings/web-chat")
	wantStatus(t, "GET", resp, page, 200)
	for _, want := range []string{`data-testid="settings-web-chat"`, `aria-current="page"`, `data-testid="web-chat-form"`,
		`America/New_York`, `Recommended when the AI agent is on`, `data-testid="design-notice"`, `Hi! How can we help?`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}

	resp, _ = e.post("/app/settings/web-chat", webChatForm(), false)
	wantRedirect(t, "save", resp, "/app/settings/web-chat?done=Settings+saved")
	cs := e.chatSettings()
	var hours map[string][][]string
	json.Unmarshal(cs.OfficeHours, &hours)
	if !cs.Enabled || cs.LoginStatus != "all" || cs.WelcomeMessage != "Hello there! 👋" || cs.Color != "#00aa77" ||
		cs.Icon != "help" || cs.Position != "left" || cs.DuringHoursMessage != "We're here." ||
		!reflect.DeepEqual(hours["mon"], [][]string{{"09:00", "17:00"}}) || len(hours["tue"]) != 0 {
		t.Fatalf("saved %+v, hours %s", cs, cs.OfficeHours)
	}
	if _, after := e.page("/app/settings/web-chat?done=Settings+saved"); !strings.Contains(after, savedToast) {
		t.Fatal("no confirmation after the redirect")
	}
	if _, quiet := e.page("/app/settings/web-chat?done=You+won"); strings.Contains(quiet, "You won") {
		t.Fatal("the page shows a toast the link made up")
	}

	// With htmx the form comes back, saved, with the confirmation; an
	// unchecked box turns chat off.
	form := webChatForm()
	form.Del("enabled")
	resp, frag := e.post("/app/settings/web-chat", form, true)
	wantStatus(t, "htmx save", resp, frag, 200)
	if strings.Contains(frag, "<html") || !strings.HasPrefix(frag, `<form class="settings-form"`) || !strings.Contains(frag, savedToast) {
		t.Fatalf("htmx save answer:\n%.1000s", frag)
	}
	if e.chatSettings().Enabled {
		t.Fatal("chat still on")
	}
}

func TestWebChatSettingsRefuseInvalidInput(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	before := e.chatSettings()
	tests := []struct {
		name           string
		change         func(url.Values)
		field, message string
	}{
		{"empty welcome", func(f url.Values) { f.Set("welcome_message", "   ") }, "welcome-message", "Enter a welcome message."},
		{"long welcome", func(f url.Values) { f.Set("welcome_message", strings.Repeat("é", 501)) }, "welcome-message", "at most 500 characters (it has 501)"},
		{"bad colour", func(f url.Values) { f.Set("color", "red") }, "color", "hex code"},
		{"no colour", func(f url.Values) { f.Set("color", "") }, "color", "hex code"},
		{"unknown icon", func(f url.Values) { f.Set("icon", "rocket") }, "icon", "Choose one of the launcher icons."},
		{"no login status", func(f url.Values) { f.Del("login_status") }, "login-status", "Choose who sees the chat"},
		{"bad position", func(f url.Values) { f.Set("position", "top") }, "position", "bottom right or bottom left"},
		{"empty automatic message", func(f url.Values) { f.Set("outside_hours_message", "") }, "outside-hours-message", "Enter the message for outside office hours."},
		{"overlapping ranges", func(f url.Values) {
			f["oh_mon_start"], f["oh_mon_end"] = []string{"09:00", "12:00"}, []string{"13:00", "17:00"}
		}, "oh-mon", "Monday, range 2 (12:00–17:00) overlaps range 1 (09:00–13:00)."},
		{"inverted range", func(f url.Values) { f.Set("oh_tue_start", "18:00"); f.Set("oh_tue_end", "08:00") }, "oh-tue",
			"Tuesday, range 1: 18:00–08:00 ends before it starts."},
		{"time not entered", func(f url.Values) { f.Set("oh_wed_start", ""); f.Set("oh_wed_end", "17:00") }, "oh-wed",
			"the start must be a time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, htmx := range []bool{false, true} {
				form := webChatForm()
				tt.change(form)
				resp, body := e.post("/app/settings/web-chat", form, htmx)
				wantStatus(t, tt.name, resp, body, 422)
				wantFieldError(t, body, tt.field, tt.message)
				if !strings.Contains(body, `data-testid="form-errors"`) || strings.Contains(body, "data-toast") {
					t.Fatal("no error summary, or a confirmation")
				}
				if htmx == strings.Contains(body, "<html") {
					t.Fatalf("htmx %v: wrong kind of answer", htmx)
				}
			}
		})
	}
	// Several faulty days each show their own error, and the form keeps what
	// the merchant typed.
	form := webChatForm()
	form["oh_mon_start"], form["oh_mon_end"] = []string{"09:00", "10:00"}, []string{"12:00", "11:00"}
	form.Set("oh_fri_start", "20:00")
	form.Set("oh_fri_end", "19:00")
	form.Set("welcome_message", "Keep me")
	_, body := e.post("/app/settings/web-chat", form, false)
	wantFieldError(t, body, "oh-mon", "Monday, range 2")
	wantFieldError(t, body, "oh-fri", "Friday, range 1")
	if !strings.Contains(body, ">Keep me</textarea>") || !reflect.DeepEqual(inputValues(body, "oh_fri_start"), []string{"20:00"}) {
		t.Fatal("the form lost the merchant's input")
	}
	if after := e.chatSettings(); after.WelcomeMessage != before.WelcomeMessage || string(after.OfficeHours) != string(before.OfficeHours) {
		t.Fatalf("an invalid form changed the settings: %+v", after)
	}
}

func TestOfficeHoursEditor(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	form := webChatForm()
	form["oh_mon_start"], form["oh_mon_end"] = []string{"09:00", "13:00"}, []string{"12:00", "17:00"}

	// Without JavaScript: the button's name and value come with the form, and
	// the whole page comes back with the change, not saved.
	dup := cloneForm(form)
	dup.Set("oh_action", "duplicate:mon:0")
	resp, page := e.post("/app/settings/web-chat", dup, false)
	wantStatus(t, "duplicate", resp, page, 200)
	if got := inputValues(page, "oh_mon_start"); !reflect.DeepEqual(got, []string{"09:00", "12:00", "13:00"}) ||
		!strings.Contains(page, `data-testid="unsaved"`) || !strings.Contains(page, "<html") {
		t.Fatalf("after duplicate: %v\n%.2000s", got, page)
	}
	if string(e.chatSettings().OfficeHours) != "{}" {
		t.Fatal("an editor button saved the settings")
	}

	// With htmx: the editor alone comes back.
	copyAll := cloneForm(form)
	copyAll.Set("oh_action", "copy:mon")
	resp, frag := e.post("/app/settings/web-chat/office-hours", copyAll, true)
	wantStatus(t, "copy to all days", resp, frag, 200)
	if !strings.HasPrefix(frag, `<fieldset class="hours" id="office-hours"`) {
		t.Fatalf("copy answer is not the editor:\n%.500s", frag)
	}
	for _, day := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if s, end := inputValues(frag, "oh_"+day+"_start"), inputValues(frag, "oh_"+day+"_end"); !reflect.DeepEqual(s, []string{"09:00", "13:00"}) ||
			!reflect.DeepEqual(end, []string{"12:00", "17:00"}) {
			t.Fatalf("%s after copy to all days: %v–%v", day, s, end)
		}
	}

	steps := []struct {
		action string
		day    string
		want   []string // the day's starts and ends after the action
	}{
		{"add:tue", "tue", []string{"09:00", "17:00"}},
		{"add:mon", "mon", []string{"09:00", "13:00", "17:00", "12:00", "17:00", "18:00"}},
		{"delete:mon:0", "mon", []string{"13:00", "17:00"}},
		{"duplicate:mon:1", "mon", []string{"09:00", "13:00", "17:00", "12:00", "17:00", "21:00"}},
	}
	for _, s := range steps {
		f := cloneForm(form)
		f.Set("oh_action", s.action)
		for _, htmx := range []bool{false, true} {
			path := "/app/settings/web-chat"
			if htmx {
				path += "/office-hours"
			}
			resp, body := e.post(path, f, htmx)
			wantStatus(t, s.action, resp, body, 200)
			got := append(inputValues(body, "oh_"+s.day+"_start"), inputValues(body, "oh_"+s.day+"_end")...)
			if !reflect.DeepEqual(got, s.want) {
				t.Errorf("%s (htmx %v): %v, want %v", s.action, htmx, got, s.want)
			}
		}
	}

	for _, bad := range []string{"duplicate:mon:5", "copy:someday", "explode"} {
		f := cloneForm(form)
		f.Set("oh_action", bad)
		if resp, body := e.post("/app/settings/web-chat/office-hours", f, true); resp.StatusCode != 422 {
			t.Errorf("%s: %d %.300s", bad, resp.StatusCode, body)
		}
	}
	if resp, _ := e.post("/app/settings/web-chat/office-hours", form, true); resp.StatusCode != 422 {
		t.Errorf("the editor's address saved a form: %d", resp.StatusCode)
	}

	// A day with no free time for a copy keeps its ranges and says why
	// beside it; the rest of the editor is as it was.
	full := cloneForm(form)
	full["oh_tue_start"], full["oh_tue_end"] = []string{"00:00"}, []string{"00:00"}
	full.Set("oh_action", "duplicate:tue:0")
	for _, htmx := range []bool{false, true} {
		path := "/app/settings/web-chat"
		if htmx {
			path += "/office-hours"
		}
		resp, body := e.post(path, full, htmx)
		wantStatus(t, "duplicate on a full day", resp, body, 422)
		if !strings.Contains(body, `data-testid="error-oh-tue"`) || !strings.Contains(body, "Tuesday has no free time left for another range.") ||
			len(inputValues(body, "oh_tue_start")) != 1 || !reflect.DeepEqual(inputValues(body, "oh_mon_start"), []string{"09:00", "13:00"}) {
			t.Errorf("duplicate on a full day (htmx %v): %.3000s", htmx, body)
		}
	}

	// An end of 00:00 is midnight, stored as 24:00 and shown as 00:00 again.
	late := webChatForm()
	late.Set("oh_sat_start", "22:00")
	late.Set("oh_sat_end", "00:00")
	if resp, body := e.post("/app/settings/web-chat", late, false); resp.StatusCode != 303 {
		t.Fatalf("save until midnight: %d %.2000s", resp.StatusCode, body)
	}
	var stored map[string][][]string
	json.Unmarshal(e.chatSettings().OfficeHours, &stored)
	if !reflect.DeepEqual(stored["sat"], [][]string{{"22:00", "24:00"}}) {
		t.Fatalf("stored %v", stored)
	}
	if _, page := e.page("/app/settings/web-chat"); !reflect.DeepEqual(inputValues(page, "oh_sat_end"), []string{"00:00"}) {
		t.Fatal("midnight is not shown as 00:00")
	}
}

func cloneForm(f url.Values) url.Values {
	c := url.Values{}
	for k, v := range f {
		c[k] = append([]string(nil), v...)
	}
	return c
}
