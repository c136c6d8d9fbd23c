package builtin

import (
	"strings"
	"testing"
)

// A number glued to its unit ("14oz") is the quantity the shop writes
// apart ("14 oz") and answers as it does; one the shop never gives stays
// a word of its own.
func TestANumberGluedToItsUnitIsTheShopsQuantity(t *testing.T) {
	idx := buildIndex(faqShop("en", [2]string{"How long do your candles burn?",
		"Our 8 oz candles burn for 45 to 50 hours and the large 14 oz candle for 70 to 80 hours."},
		[2]string{"How long does a reed diffuser last?", "A 200 ml reed diffuser lasts 3 to 4 months."}), languageFor("en"), true)
	if got, ok := idx.gluedQuantity("14oz"); !ok || got != "14 oz" {
		t.Errorf("14oz read as %q (%v), want the shop's 14 oz", got, ok)
	}
	if got, ok := idx.gluedQuantity("12oz"); ok {
		t.Errorf("12oz, which the shop never gives, read as %q", got)
	}
	kit := idx.kit
	if a := idx.respond(kit, normalized("how long will a 14oz candle burn")); a.Handoff || !strings.Contains(a.Text, "70 to 80") {
		t.Errorf("a 14oz candle: %q (handoff %v, choices %v), want the candles' burn times", a.Text, a.Handoff, a.Choices)
	}
}
