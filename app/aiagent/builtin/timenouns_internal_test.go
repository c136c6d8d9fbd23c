package builtin

import (
	"slices"
	"strings"
	"testing"

	"hubchat/storage"
)

// "Refund time", a fragment, asks how long a refund takes and is answered
// by the paragraph that says it, not by the policy's opening; "time" in a
// sentence ("can i pick a delivery time for my order") or after a thing
// one does ("feeding time") asks no duration.
func TestTimeAfterAServiceInAFragmentAsksHowLong(t *testing.T) {
	kit := languageFor("en")
	a := kit.analyzer
	for text, want := range map[string]bool{"refund time": true, "us shipping time": true,
		"can i pick a delivery time for my order": false, "feeding time": false, "the first time": false} {
		if got := slices.Contains(a.terms(text), "~duration"); got != want {
			t.Errorf("%q: terms %v, a duration %v, want %v", text, a.terms(text), got, want)
		}
	}
	snap := storage.KnowledgeSnapshot{ShopName: "Driftwood", Currency: "CAD", Policies: []storage.ShopPolicy{{Type: "REFUND_POLICY",
		Title: "Refund policy", Body: "You can return unused items within 30 days of delivery, in their original packaging.\n\n" +
			"Once your return arrives we check it and refund the original payment method; the money shows up 5 to 7 business days later."}}}
	idx := buildIndex(snap, kit, true)
	if got := idx.respond(kit, normalized("refund time")); !strings.Contains(got.Text, "5 to 7") {
		t.Errorf("refund time: %q (handoff %v), want the paragraph on when the money shows up", got.Text, got.Handoff)
	}
}
