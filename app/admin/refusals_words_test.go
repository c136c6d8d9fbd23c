package admin_test

import (
	"net/url"
	"testing"
	"time"

	"hubchat/views/i18n"
)

// speaking makes staff member 9001 read the admin in l, opening it in l
// (the admin guard remembers it from the signed admin load).
func (e ticketEnv) speaking(l i18n.Locale) {
	e.t.Helper()
	e.OpenAdminIn(e.t, 9001, l.Lang())
}

// The snooze form's refusals from chat.CheckSnooze, in Polish: a time that
// has passed, and a ticket that has ended.
func TestSnoozeRefusalsInPolish(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	e.speaking(i18n.Polish)
	past := time.Now().Add(-48 * time.Hour).UTC().Format("2006-01-02T15:04")
	resp, body := e.post(e.path("/snooze"), url.Values{"preset": {"custom"}, "until": {past}})
	wantCode(t, "snooze until the past", resp, body, 422)
	wantWords(t, "a past time", body, []string{"Wybierz przyszłą datę i godzinę"}, []string{"Choose a time in the future"})

	resp, body = e.post(e.path("/close"), nil)
	wantCode(t, "close", resp, body, 200)
	resp, body = e.post(e.path("/snooze"), url.Values{"preset": {"hour"}})
	wantCode(t, "snooze an ended ticket", resp, body, 409)
	wantWords(t, "an ended ticket", body, []string{"Ta rozmowa jest zamknięta"}, []string{"cannot be snoozed"})
}

// The composer's emoji picker names its emoji for screen readers in the
// staff member's language: every name is a message of the catalog.
func TestEmojiNamesInPolish(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	e.speaking(i18n.Polish)
	resp, body := e.get(e.path(""))
	wantCode(t, "the ticket", resp, body, 200)
	wantWords(t, "the emoji picker", body,
		[]string{`aria-label="szeroko uśmiechnięta twarz"`, `title="kciuk w górę"`, `aria-label="samochód dostawczy"`},
		[]string{`"grinning face"`, `"thumbs up"`, `"delivery truck"`, "messages.emoji."})
}
