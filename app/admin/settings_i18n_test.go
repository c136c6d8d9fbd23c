package admin_test

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"hubchat/storage"
	"hubchat/views/i18n"
)

// speaking makes the staff member of e's session read the admin in l, as
// the admin guard remembers it from a signed admin load (agents.locale).
func (e settingsEnv) speaking(l i18n.Locale) {
	e.t.Helper()
	e.OpenAdminIn(e.t, 9001, l.Lang())
}

// settingsWords are the messages of the settings catalog in lang, by key,
// read from the catalog file itself; plural messages give each of their
// forms.
func settingsWords(t *testing.T, lang string) map[string][]string {
	t.Helper()
	raw, err := os.ReadFile("../../views/i18n/catalog/" + lang + "/settings.json")
	if err != nil {
		t.Fatal(err)
	}
	var entries map[string]json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for key, value := range entries {
		var text string
		if json.Unmarshal(value, &text) == nil {
			out[key] = []string{text}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(value, &forms); err != nil {
			t.Fatal(err)
		}
		for _, f := range forms {
			out[key] = append(out[key], f)
		}
	}
	return out
}

var catalogPlaceholder = regexp.MustCompile(`\{[a-z0-9_]+\}`)

// machineAttributes are the attributes no person reads (classes, ids,
// addresses, htmx's), left out of the search for English: the confidence
// meter's class "meter__bar--high" is not the word "high".
var machineAttributes = regexp.MustCompile(`\s(?:class|id|name|for|type|style|src|href|action|data-[a-z-]+|hx-[a-z-]+|aria-(?:describedby|labelledby))="[^"]*"`)

// englishLeftIn lists the English settings messages that page still shows
// although l translates them: a message, or for one with placeholders each
// of its literal runs long enough to be telling (12 characters or more).
// English that l's own messages keep on purpose (the name of a menu of
// Gorgias, whose admin is in English only) is not counted.
func englishLeftIn(t *testing.T, page string, l i18n.Locale, english map[string][]string) []string {
	var kept strings.Builder
	for _, texts := range settingsWords(t, l.Lang()) {
		kept.WriteString(strings.Join(texts, "\n") + "\n")
	}
	page = machineAttributes.ReplaceAllString(page, "")
	var left []string
	for _, texts := range english {
		for _, text := range texts {
			for _, run := range catalogPlaceholder.Split(text, -1) {
				run = strings.TrimSpace(run)
				whole := run == strings.TrimSpace(text)
				if len(run) < 4 || (!whole && len(run) < 12) || strings.Contains(kept.String(), run) {
					continue
				}
				if strings.Contains(page, html.EscapeString(run)) {
					left = append(left, strconv.Quote(run))
				}
			}
		}
	}
	return left
}

// The settings pages speak the staff member's language: each page, its
// confirmation dialogs and its validation errors are in Spanish or Polish,
// with not one English message of the settings catalog left on them, so a
// word hard-coded in English on any of these pages fails here.
func TestSettingsPagesSpeakTheStaffMembersLanguage(t *testing.T) {
	t.Parallel()
	e := startSettings(t)
	ctx := context.Background()
	faq, err := storage.NewFAQs(e.DB, time.Now).Create(ctx, e.shopID, "¿Envíos? / Wysyłka?", "3 días / 3 dni", true)
	if err != nil {
		t.Fatal(err)
	}
	macro, err := storage.NewMacros(e.DB, time.Now).Create(ctx, e.shopID, "Saludo / Powitanie", "Hola {{customer.first_name}}")
	if err != nil {
		t.Fatal(err)
	}
	article, err := storage.NewArticles(e.DB, time.Now).Create(ctx, e.shopID, "Guía de tallas / Tabela rozmiarów", "Las sudaderas son grandes.", false)
	if err != nil {
		t.Fatal(err)
	}
	group, err := storage.NewSynonymGroups(e.DB, time.Now).Create(ctx, e.shopID, []string{"sudadera", "bluza"})
	if err != nil {
		t.Fatal(err)
	}
	english := settingsWords(t, "en")
	faqPath, macroPath := "/app/settings/faqs/"+strconv.FormatInt(faq.ID, 10), "/app/settings/macros/"+strconv.FormatInt(macro.ID, 10)
	articlePath := "/app/settings/ai-agent/articles/" + strconv.FormatInt(article.ID, 10)
	synonymPath := "/app/settings/ai-agent/synonyms/" + strconv.FormatInt(group.ID, 10)
	invalidWebChat := url.Values{"login_status": {"nobody"}, "welcome_message": {""}, "during_hours_message": {strings.Repeat("x", 501)},
		"outside_hours_message": {""}, "color": {"blue"}, "position": {"top"}, "icon": {"rocket"},
		"oh_mon_start": {"13:00", "09:00"}, "oh_mon_end": {"17:00", "14:00"}, "oh_tue_start": {"18:00"}, "oh_tue_end": {"08:00"}}

	for _, tc := range []struct {
		l    i18n.Locale
		want []string // words of that language each page set below must show
	}{
		{i18n.Spanish, []string{"Configuración", "Horario de atención", "Lunes", "Quién ve el chat", "Preguntas y respuestas",
			"Respuestas guardadas", "Hay 9 problemas en este formulario", "Lunes, la franja 2 (09:00–14:00) se solapa con la franja 1 (13:00–17:00).",
			"Introduce un mensaje de bienvenida.", "como máximo 500 caracteres (tiene 501)", "¿Eliminar «Saludo / Powitanie»?",
			"Variables desconocidas: {{shop.name}}, {{x}}.", "Enlace a la política de privacidad", "Usa un enlace seguro",
			"Prueba tu agente", "Artículos de conocimiento", "Introduce el mensaje que ven los compradores.", "Introduce un título.",
			"Introduce al menos dos palabras o frases distintas", "Motor de respuestas", "Importar desde un archivo", "Gestionar sinónimos",
			"Respondido por", "Entendido como", "Pregunta frecuente"}},
		{i18n.Polish, []string{"Ustawienia", "Godziny pracy", "Poniedziałek", "Kto widzi czat", "Pytania i odpowiedzi",
			"Zapisane odpowiedzi", "W tym formularzu jest 9 problemów", "Poniedziałek: przedział 2 (09:00–14:00) nakłada się na przedział 1 (13:00–17:00).",
			"Wpisz wiadomość powitalną.", "najwyżej 500 znaków (ma 501)", "Usunąć „Saludo / Powitanie”?",
			"Nieznane zmienne {{shop.name}}, {{x}}.", "Link do polityki prywatności", "Użyj bezpiecznego linku",
			"Przetestuj agenta", "Artykuły wiedzy", "Wpisz wiadomość, którą widzą klienci.", "Wpisz tytuł.",
			"Wpisz co najmniej dwa różne słowa", "Silnik odpowiedzi", "Importuj z pliku", "Zarządzaj synonimami",
			"Odpowiedź od", "Zrozumiane jako", "Pytanie"}},
	} {
		t.Run(tc.l.Lang(), func(t *testing.T) {
			e.t = t
			e.speaking(tc.l)
			var all strings.Builder
			show := func(what string, status int, get func() (int, string)) {
				got, page := get()
				if got != status {
					t.Fatalf("%s: status %d, want %d\n%.2000s", what, got, status, page)
				}
				if fragment := !strings.Contains(page, "<html"); !fragment && !strings.Contains(page, `<html lang="`+tc.l.Lang()+`">`) {
					t.Errorf("%s is not marked as %s", what, tc.l.Lang())
				}
				for _, left := range englishLeftIn(t, page, tc.l, english) {
					t.Errorf("%s still shows English %s", what, left)
				}
				all.WriteString(page)
			}
			for _, path := range []string{"/app/settings", "/app/settings/web-chat", "/app/settings/general", "/app/settings/faqs",
				faqPath, faqPath + "/delete", "/app/settings/macros", macroPath, macroPath + "/delete",
				"/app/settings/ai-agent", "/app/settings/ai-agent/articles/new", articlePath, articlePath + "/delete",
				"/app/settings/ai-agent/import", "/app/settings/ai-agent/synonyms", synonymPath, synonymPath + "/delete"} {
				show("GET "+path, 200, func() (int, string) { resp, page := e.page(path); return resp.StatusCode, page })
			}
			for _, p := range []struct {
				path string
				form url.Values
			}{
				{"/app/settings/web-chat", invalidWebChat},
				{"/app/settings/general", url.Values{"privacy_url": {"http://example.com/privacy"}, "terms_url": {"terms"}}},
				{"/app/settings/faqs", url.Values{"question": {""}, "answer": {strings.Repeat("x", 2001)}}},
				{"/app/settings/macros", url.Values{"name": {"Otro"}, "body": {"Hi {{shop.name}} {{x}}"}}},
				{"/app/settings/macros", url.Values{"name": {"Saludo / Powitanie"}, "body": {"Hi"}}},
				{"/app/settings/ai-agent", url.Values{"enabled": {"on"}, "handoff": {"custom_message"}, "custom_message": {""}}},
				{"/app/settings/ai-agent/engine", url.Values{"engine": {"openai"}, "base_url": {""}, "model": {"a b"}}},
				{"/app/settings/ai-agent/articles", url.Values{"title": {""}, "body": {""}}},
				{"/app/settings/ai-agent/synonyms", url.Values{"words": {"bluza"}}},
				{"/app/settings/ai-agent/try", url.Values{"question": {""}, "language": {"es"}}},
			} {
				show("POST "+p.path, 422, func() (int, string) { resp, page := e.post(p.path, p.form, false); return resp.StatusCode, page })
			}
			// The try panel's answer, with its figures and sources.
			show("POST try", 200, func() (int, string) {
				resp, page := e.post("/app/settings/ai-agent/try", url.Values{"question": {"¿Envíos? / Wysyłka?"}, "language": {"es"}}, true)
				return resp.StatusCode, page
			})
			page := all.String()
			for _, want := range tc.want {
				if !strings.Contains(page, html.EscapeString(want)) {
					t.Errorf("no page says %q", want)
				}
			}
		})
	}
}
