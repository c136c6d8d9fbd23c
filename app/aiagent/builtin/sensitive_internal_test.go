package builtin

import "testing"

// English reports of a sensitive topic are recognised however they are
// worded, and the ordinary questions that share their words are not: a
// handoff of a question the shop's data answers costs an answer.
func TestEnglishSensitiveReportsAndLookAlikes(t *testing.T) {
	cases := []struct {
		text, reason string // reason "": not sensitive
	}{
		{"they billed my credit card twice for one order", ReasonPaymentDispute},
		{"I was charged two times, please fix", ReasonPaymentDispute},
		{"there's a duplicate charge on my statement", ReasonPaymentDispute},
		{"fix this or I'm disputing it", ReasonPaymentDispute},
		{"I'm reporting your store to the consumer office", ReasonLegal},
		{"my cat got really sick after the new litter", ReasonInjury},
		{"she has been vomiting since the chews", ReasonInjury},
		{"we had to take him to the vet after eating the toy", ReasonInjury},
		{"the pedal came off and I crashed", ReasonInjury},
		{"the lamp sparked when I plugged it in", ReasonDamagedItem},
		{"the blender overheated and melted", ReasonDamagedItem},
		{"my boots came with a broken lace hook", ReasonDamagedItem},
		{"the tent came with two bent poles", ReasonDamagedItem},
		{"there's a big tear on the sleeve", ReasonDamagedItem},
		{"found a crack in the lid", ReasonDamagedItem},
		{"the strap snapped on the second walk", ReasonDamagedItem},
		{"the jar arrived opened and half empty", ReasonDamagedItem},
		{"my order is wrong", ReasonDamagedItem},
		{"the charger is missing from my package", ReasonDamagedItem},
		{"half my order is missing", ReasonDamagedItem},
		{"my plant arrived dead", ReasonDamagedItem},
		{"the plant died in the box", ReasonDamagedItem},
		{"the carrier held my box for a week and the plant died", ReasonDamagedItem},
		{"nobody replies to my messages", ReasonAngry},
		{"still no response after a week", ReasonAngry},
		{"this is the fourth time I write to you", ReasonAngry},
		{"two weeks and nothing", ReasonAngry},
		{"I'm done with your company", ReasonAngry},
		{"honestly I'm furious", ReasonAngry},
		{"I'm so sick of waiting", ReasonAngry},
		{"fed up with this", ReasonAngry},
		// Questions that share their words.
		{"will I be charged twice if I order two items", ""},
		{"will I be charged again next month for my subscription", ""},
		{"can I split the payment on my first order", ""},
		{"does the warranty cover wear and tear on the straps", ""},
		{"is there a hole in the lid for a straw", ""},
		{"how long is the coffee good once it is opened", ""},
		{"is my gift card expired", ""},
		{"once I'm done with this bag can I compost it", ""},
		{"the second time I order do I still get the discount", ""},
		{"returns within 30 days and no restocking fee?", ""},
		{"what if my dog gets sick on the new food", ""},
		{"is this toy a choking hazard", ""},
		{"we went over the size chart and still can't choose", ""},
		{"is the mug scratch resistant", ""},
		{"can I get a response by email instead", ""},
		{"my dog is sick of his food, anything he might like better", ""},
		{"what if my plant arrives dead", ""},
		{"why is my pothos dying", ""},
	}
	kit := languageFor("en")
	for _, c := range cases {
		r, ok := sensitiveTopic(kit, normalized(c.text), c.text)
		if got := map[bool]string{true: r.reason}[ok]; got != c.reason {
			t.Errorf("%q: sensitive %q, want %q", c.text, got, c.reason)
		}
	}
}
