package handoff_test

import (
	"html"
	"strings"
	"testing"
)

// A "did you mean…?" in the conversation reaches the helpdesk with the
// choices the shopper had, so the team reads what was offered.
func TestTheTranscriptCarriesTheChoicesOffered(t *testing.T) {
	f := newHandedOff(t, "ada@example.com")
	// The conversation as it was before the handoff: rewrite the agent's
	// reply into a "did you mean…?" (the handoff itself is the row's).
	if _, err := f.db.Exec(`UPDATE messages SET kind = 'choices', body = 'Did you mean one of these?',
		choices = '{"Returns of damaged items","Warranty"}' WHERE conversation_id = $1 AND author = 'ai'`, f.conv.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.jobs.Create(f.ctx, f.job); err != nil {
		t.Fatal(err)
	}
	tickets := f.zd.Tickets()
	if len(tickets) != 1 {
		t.Fatalf("%d tickets", len(tickets))
	}
	transcript := html.UnescapeString(strings.ReplaceAll(tickets[0].CommentHTML+tickets[0].CommentBody, "<br>\n", "\n"))
	if !strings.Contains(transcript, "Did you mean one of these?\n• Returns of damaged items\n• Warranty") {
		t.Fatalf("the transcript does not show the choices:\n%s", transcript)
	}
}
