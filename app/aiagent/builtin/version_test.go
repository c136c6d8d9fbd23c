package builtin_test

import (
	"context"
	"strings"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/builtin"
)

// An answer told the shop's knowledge version (read by the caller with
// the engine's settings) reads it no more, and answers from that version;
// a version told of another shop is not taken for this one's.
func TestAnAnswerToldTheKnowledgeVersionReadsItNoMore(t *testing.T) {
	k := newMemoryKnowledge()
	k.set(1, faqShop("en", [2]string{"How long does shipping take?", "Shipping takes 2 to 3 business days."}))
	k.set(2, faqShop("en", [2]string{"Do you ship to Canada?", "Yes, in 5 to 8 days."}))
	e := builtin.New(k, noOrders{}, builtin.Options{MaxStale: -1})
	version, err := k.Version(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	ask := func(ctx context.Context, shopID int64, text string) (aiagent.Answer, int64) {
		t.Helper()
		before := k.versions.Load()
		a, err := e.Answer(ctx, shopID, aiagent.Question{Text: text, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		return a, k.versions.Load() - before
	}
	if _, reads := ask(context.Background(), 1, "how long is shipping"); reads == 0 {
		t.Fatal("an answer told nothing did not read the version")
	}
	told := builtin.WithKnowledgeVersion(context.Background(), 1, version)
	a, reads := ask(told, 1, "how long is shipping")
	if reads != 0 || !strings.Contains(a.Text, "2 to 3 business days") {
		t.Fatalf("told the version: %d reads, answer %q", reads, a.Text)
	}
	if _, reads := ask(told, 2, "do you ship to canada"); reads == 0 {
		t.Fatal("the version told of shop 1 was taken for shop 2's")
	}
}
