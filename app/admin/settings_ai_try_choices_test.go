package admin_test

import (
	"html"
	"net/url"
	"strings"
	"testing"

	"hubchat/app/aiagent"
)

// "Did you mean…?" in the try panel: the choices the shopper would get are
// buttons, as text, and picking one asks it (the panel again, with the
// choice as its question and its answer); a handoff shows none.
func TestTryYourAgentShowsChoicesAndAsksThem(t *testing.T) {
	t.Parallel()
	engine := &scriptedEngine{answers: map[string]aiagent.Answer{}}
	e := startAI(t, engine)
	choices := []string{"Size guide", "<i>Sizes</i> & fit"}
	engine.answers["sizes?"] = aiagent.Answer{Text: "Did you mean:", Choices: choices, Confidence: 0.42,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
	engine.answers["Size guide"] = aiagent.Answer{Text: "Our tops follow US sizing.", Confidence: 0.9,
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagProduct}
	engine.answers["refund now"] = aiagent.Answer{Handoff: true, Choices: choices, HandoffReason: "low confidence",
		Intent: aiagent.IntentQuestion, Tag: aiagent.TagOther}

	resp, frag := e.post(aiPath+"/try", url.Values{"question": {"sizes?"}, "language": {"es"}}, true)
	wantStatus(t, "try", resp, frag, 200)
	if n := strings.Count(frag, `data-testid="try-choice"`); n != 2 || strings.Contains(frag, "<i>Sizes</i>") ||
		!strings.Contains(frag, "&lt;i&gt;Sizes&lt;/i&gt; &amp; fit") || !strings.Contains(frag, `name="language" value="es"`) {
		t.Fatalf("the choices (%d) are not buttons of escaped text asking in Spanish:\n%.3000s", n, frag)
	}

	resp, panel := e.post(aiPath+"/try", url.Values{"question": {"Size guide"}, "language": {"es"}, "picked": {"1"}}, true)
	wantStatus(t, "pick", resp, panel, 200)
	if !strings.HasPrefix(panel, `<section class="card" id="try-panel"`) || !strings.Contains(panel, `value="Size guide"`) ||
		!strings.Contains(html.UnescapeString(panel), "Our tops follow US sizing.") {
		t.Fatalf("a pick answers with the panel, its question and answer:\n%.3000s", panel)
	}
	if asked := engine.questions(); len(asked) != 2 || asked[1].q.Text != "Size guide" || asked[1].q.Language != "es" {
		t.Fatalf("asked %v", asked)
	}

	// Without htmx a pick shows the whole page, the question in its field.
	resp, page := e.post(aiPath+"/try", url.Values{"question": {"Size guide"}, "picked": {"1"}}, false)
	wantStatus(t, "plain pick", resp, page, 200)
	if !strings.Contains(page, `data-testid="ai-agent-form"`) || !strings.Contains(page, `value="Size guide"`) {
		t.Fatal("a plain pick shows the page with the question")
	}

	_, frag = e.post(aiPath+"/try", url.Values{"question": {"refund now"}}, true)
	if strings.Contains(frag, `data-testid="try-choice"`) || !strings.Contains(frag, "Would hand off") {
		t.Fatalf("a handoff offers choices:\n%.2000s", frag)
	}
}
