package builtin_test

import (
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// Sensitive topics always go to a person, with their reason and tag, in
// English and Spanish; questions about a policy that merely mention the
// topic ("what if it arrives damaged?") are answered from the shop's data.
func TestSensitiveTopicsHandOff(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		text, lang string
		reason     string // "" when the message is not sensitive
		tag        aiagent.Tag
	}{
		{"I'm going to file a chargeback with my bank", "en", builtin.ReasonPaymentDispute, aiagent.TagReturns},
		{"I will dispute this charge with PayPal", "en", builtin.ReasonPaymentDispute, aiagent.TagReturns},
		{"you charged me twice for my order", "en", builtin.ReasonPaymentDispute, aiagent.TagReturns},
		{"my lawyer will hear about this", "en", builtin.ReasonLegal, aiagent.TagOther},
		{"see you in court", "en", builtin.ReasonLegal, aiagent.TagOther},
		{"my hoodie arrived damaged", "en", builtin.ReasonDamagedItem, aiagent.TagReturns},
		{"I received a broken bottle", "en", builtin.ReasonDamagedItem, aiagent.TagReturns},
		{"the zipper on my rain shell stopped working", "en", builtin.ReasonDamagedItem, aiagent.TagReturns},
		{"the wool socks gave me a rash", "en", builtin.ReasonInjury, aiagent.TagProduct},
		{"my son had an allergic reaction to the hoodie", "en", builtin.ReasonInjury, aiagent.TagProduct},
		{"there is an unauthorized charge from you on my card", "en", builtin.ReasonFraud, aiagent.TagOther},
		{"is this store a scam?", "en", builtin.ReasonFraud, aiagent.TagOther},
		{"this is ridiculous, where is my refund", "en", builtin.ReasonAngry, aiagent.TagReturns},
		{"worst service ever", "en", builtin.ReasonAngry, aiagent.TagOther},
		{"you are useless", "en", builtin.ReasonAngry, aiagent.TagOther},
		{"WHY HAS NOBODY ANSWERED MY EMAIL", "en", builtin.ReasonAngry, aiagent.TagOther},
		{"voy a pedir un contracargo al banco", "es", builtin.ReasonPaymentDispute, aiagent.TagReturns},
		{"me cobraron dos veces", "es", builtin.ReasonPaymentDispute, aiagent.TagReturns},
		{"hablaré con mi abogado", "es", builtin.ReasonLegal, aiagent.TagOther},
		{"la sudadera me llegó rota", "es", builtin.ReasonDamagedItem, aiagent.TagReturns},
		{"el paquete llegó dañado", "es", builtin.ReasonDamagedItem, aiagent.TagReturns},
		{"la chaqueta me dio alergia", "es", builtin.ReasonInjury, aiagent.TagProduct},
		{"esto es una estafa", "es", builtin.ReasonFraud, aiagent.TagOther},
		{"pésimo servicio, estoy harta", "es", builtin.ReasonAngry, aiagent.TagOther},
		// Questions the shop's data may answer: not sensitive.
		{"what if my item arrives damaged?", "en", "", ""},
		{"what is your policy on damaged items?", "en", "", ""},
		{"can I return a damaged item?", "en", "", ""},
		{"does the hoodie come in XL", "en", "", ""},
		{"is the merino hoodie itchy if I have sensitive skin", "en", "", ""},
		{"how do I dispose of the packaging", "en", "", ""},
		{"¿qué pasa si mi pedido llega dañado?", "es", "", ""},
		{"¿cuánto tarda el envío?", "es", "", ""},
	} {
		a := f.askAs(t, tt.text, tt.lang, 0)
		if tt.reason == "" {
			if a.HandoffReason != builtin.ReasonLowConfidence && a.Handoff || isSensitive(a.HandoffReason) {
				t.Errorf("%q is a question, handed off as %q", tt.text, a.HandoffReason)
			}
			continue
		}
		if !a.Handoff || a.HandoffReason != tt.reason || a.Tag != tt.tag || a.Text == "" {
			t.Errorf("%q: handoff %v reason %q tag %s text %q, want a handoff for %q tagged %s with an apology",
				tt.text, a.Handoff, a.HandoffReason, a.Tag, a.Text, tt.reason, tt.tag)
		}
	}
	if es, en := f.askAs(t, "me cobraron dos veces", "es", 0).Text, f.ask(t, "you charged me twice").Text; es == en {
		t.Errorf("the Spanish apology is the English one: %q", es)
	}
}

func isSensitive(reason string) bool {
	switch reason {
	case builtin.ReasonPaymentDispute, builtin.ReasonLegal, builtin.ReasonDamagedItem, builtin.ReasonInjury,
		builtin.ReasonFraud, builtin.ReasonAngry:
		return true
	}
	return false
}
