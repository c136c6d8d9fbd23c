package admin_test

import (
	"fmt"
	"net/http"
	"testing"

	"hubchat/views/i18n"
)

// An SMS ticket words its delivery statuses, their reasons (stored as
// codes) and the opt-out banner and refusal in the staff member's
// language; a reason stored as words before codes still shows.
func TestSMSTicketInPolish(t *testing.T) {
	t.Parallel()
	e := startTicket(t)
	e.speaking(i18n.Polish)
	statuses := [][2]string{{"delivered", ""}, {"undelivered", "twilio:30003"}, {"failed", "sms_off"},
		{"failed", "twilio:21617"}, {"failed", "twilio:unreachable"}, {"failed", "twilio:invalid"}, {"undelivered", "Not delivered (Twilio error 30009)."}}
	for i, s := range statuses {
		resp, body := e.reply(e.path("/messages"), fmt.Sprintf("reply %d", i), "", nil)
		wantCode(t, "reply", resp, body, 200)
		if _, err := e.DB.Exec(`UPDATE messages SET sms_status = $1, sms_error = $2 WHERE shop_id = $3 AND body = $4`,
			s[0], s[1], e.shopID, fmt.Sprintf("reply %d", i)); err != nil {
			t.Fatalf("status %d: %v", i, err)
		}
	}
	if _, err := e.DB.Exec(`UPDATE conversations SET channel = 'sms' WHERE id = $1`, e.convID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.Exec(`UPDATE profiles SET sms_opted_out_at = now() WHERE id = $1`, e.profile.ID); err != nil {
		t.Fatal(err)
	}
	resp, thread := e.get(e.path("/thread"))
	wantCode(t, "thread", resp, thread, 200)
	wantWords(t, "the thread", thread, []string{
		">Dostarczono<",
		"Nie dostarczono — telefon jest wyłączony lub poza zasięgiem (błąd Twilio 30003).",
		"Niepowodzenie — SMS są wyłączone w Ustawienia → SMS, więc ta wiadomość nie została wysłana.",
		"Niepowodzenie — Błąd Twilio 21617.",
		"Niepowodzenie — Nie udało się połączyć z Twilio, nawet po kilku próbach.",
		"Niepowodzenie — wiadomości nie można wysłać jako SMS: jest pusta, za długa lub ma za dużo obrazów",
		"Nie dostarczono — Not delivered (Twilio error 30009).",
		"Ten klient odpowiedział STOP, więc nie można wysyłać mu SMS-ów, dopóki nie odpowie START.",
	}, []string{">Delivered<", "switched off", "SMS is off", "replied STOP", "twilio:"})

	resp, body := e.reply(e.path("/messages"), "one more", "", nil)
	wantCode(t, "reply to an opted-out customer", resp, body, http.StatusConflict)
	wantWords(t, "the refusal", body, []string{"Ten klient odpowiedział STOP"}, []string{"replied STOP"})
}
