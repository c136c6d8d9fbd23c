package builtin_test

import (
	"strings"
	"testing"
	"time"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
	"hubchat/storage"
)

// A signed-in customer asking where their order is hears its real status
// and tracking link; an anonymous visitor is asked to sign in.
func TestOrderStatus(t *testing.T) {
	f := newFixture(t)
	ups := storage.Tracking{Company: "UPS", Number: "1Z999", URL: "https://www.ups.com/track?tracknum=1Z999"}
	f.saveOrder(t, 1, 7001, "#1001", "paid", "fulfilled", time.Date(2026, 8, 3, 14, 0, 0, 0, time.UTC), ups)
	f.saveOrder(t, 2, 7001, "#1002", "paid", "", time.Date(2026, 9, 1, 2, 30, 0, 0, time.UTC)) // Aug 31 in New York
	f.saveOrder(t, 3, 7002, "#1003", "refunded", "fulfilled", time.Date(2026, 9, 2, 10, 0, 0, 0, time.UTC))

	for _, tt := range []struct {
		name, text, lang string
		customer         int64
		want             string // the answer's text
		source           string // the order it names, "" for none
		handoff          bool
	}{
		{"latest order", "where is my order?", "en", 7001,
			"Your order #1002, placed on August 31, 2026, is being prepared and hasn't shipped yet.", "#1002", false},
		{"named order with tracking", "has order #1001 shipped yet?", "en", 7001,
			"Your order #1001, placed on August 3, 2026, has shipped. You can track it here: https://www.ups.com/track?tracknum=1Z999", "#1001", false},
		{"named without #", "what's the status of order 1001", "en", 7001,
			"Your order #1001, placed on August 3, 2026, has shipped. You can track it here: https://www.ups.com/track?tracknum=1Z999", "#1001", false},
		{"another customer's order", "where is order #1003?", "en", 7001, "I couldn't find order #1003 on your account.", "", true},
		{"refunded", "track my order", "en", 7002, "Your order #1003, placed on September 2, 2026, was refunded.", "#1003", false},
		{"no orders", "where is my package", "en", 7009, "I couldn't find any order on your account.", "", true},
		{"in Spanish", "¿dónde está mi pedido #1001?", "es", 7001,
			"Tu pedido #1001, realizado el 3 de agosto de 2026, ya fue enviado. Puedes seguirlo aquí: https://www.ups.com/track?tracknum=1Z999", "#1001", false},
	} {
		a := f.askAs(t, tt.text, tt.lang, tt.customer)
		if a.Intent != aiagent.IntentOrderStatus || a.Tag != aiagent.TagOrderStatus || a.SignIn {
			t.Errorf("%s: intent %s tag %s sign-in %v", tt.name, a.Intent, a.Tag, a.SignIn)
		}
		if a.Text != tt.want || a.Handoff != tt.handoff {
			t.Errorf("%s: %q (handoff %v)\nwant %q (handoff %v)", tt.name, a.Text, a.Handoff, tt.want, tt.handoff)
		}
		if tt.handoff && a.HandoffReason != builtin.ReasonNoOrderFound {
			t.Errorf("%s: reason %q", tt.name, a.HandoffReason)
		}
		if got := orderSource(a); got != tt.source {
			t.Errorf("%s: source %q, want %q", tt.name, got, tt.source)
		}
	}

	for _, lang := range []string{"en", "es"} {
		anon := f.askAs(t, map[string]string{"en": "where is my order #1001?", "es": "¿dónde está mi pedido?"}[lang], lang, 0)
		if !anon.SignIn || anon.Handoff || anon.Intent != aiagent.IntentOrderStatus || len(anon.Sources) != 0 ||
			!strings.Contains(strings.ToLower(anon.Text), map[string]string{"en": "sign in", "es": "inicia sesión"}[lang]) {
			t.Errorf("anonymous (%s): %+v, want to be asked to sign in, nothing of any order told", lang, anon)
		}
	}
}

func orderSource(a aiagent.Answer) string {
	for _, s := range a.Sources {
		if s.Kind == aiagent.SourceOrder {
			return s.ID
		}
	}
	return ""
}
