package eval_test

import (
	"context"
	"testing"

	"hubchat/app/aiagent"
	"hubchat/app/aiagent/eval"
)

// scriptedEngine answers each text with a set answer, and hands off on
// any other: a stand-in to score, not an engine to measure.
type scriptedEngine map[string]aiagent.Answer

func (e scriptedEngine) Answer(_ context.Context, _ int64, q aiagent.Question) (aiagent.Answer, error) {
	if a, ok := e[q.Text]; ok {
		return a, nil
	}
	return aiagent.Answer{Handoff: true, HandoffReason: "low confidence"}, nil
}

var (
	returnsFacts = eval.Expectation{Facts: []string{"30 days", "$6|six dollars"}}
	vestCard     = eval.Expectation{Cards: []string{"northwind-down-vest"}}
	handoff      = eval.Expectation{Handoff: true}
	signIn       = eval.Expectation{SignIn: true}
)

func TestScoring(t *testing.T) {
	engine := scriptedEngine{
		"returns?":           {Text: "You can return an item within 30 DAYS; a $6.00 fee applies."},
		"returns, tersely":   {Text: "Within 30 days."},
		"a vest":             {Text: "Here:", Cards: []aiagent.ProductCard{{Handle: "northwind-down-vest"}}},
		"a jacket":           {Text: "Here:", Cards: []aiagent.ProductCard{{Handle: "summit-rain-shell"}}},
		"chargeback!":        {Handoff: true, HandoffReason: "sensitive"},
		"where is my order":  {Text: "Please sign in.", SignIn: true},
		"refund and gift":    {Text: "Did you mean…?", Choices: []string{"Gift cards", "Refund policy"}},
		"Gift cards":         {Text: "Gift cards never expire."},
		"Refund policy":      {Text: "Returns within 30 days; a $6 fee applies."},
		"unsure":             {Text: "Did you mean…?", Choices: []string{"Gift cards"}},
		"dashes and accents": {Text: "Envío en 3–5 días hábiles."},
	}
	for _, c := range []struct {
		name, text string
		expect     eval.Expectation
		want       eval.Verdict
	}{
		{"facts met, in any case", "returns?", returnsFacts, eval.Correct},
		{"a fact missing", "returns, tersely", returnsFacts, eval.ConfidentlyWrong},
		{"the card shown", "a vest", vestCard, eval.Correct},
		{"another card", "a jacket", vestCard, eval.ConfidentlyWrong},
		{"handoff expected and given", "chargeback!", handoff, eval.Correct},
		{"answered instead of a handoff", "returns?", handoff, eval.ConfidentlyWrong},
		{"handed off instead of answering", "chargeback!", returnsFacts, eval.Wrong},
		{"sign-in expected and asked", "where is my order", signIn, eval.Correct},
		{"answered instead of a sign-in", "returns?", signIn, eval.ConfidentlyWrong},
		{"sign-in instead of a handoff", "where is my order", handoff, eval.Wrong},
		{"a choice leads to the answer", "refund and gift", returnsFacts, eval.Clarified},
		{"no choice leads to the answer", "unsure", returnsFacts, eval.Wrong},
		{"choices instead of a handoff", "refund and gift", handoff, eval.Wrong},
		{"accents and dashes folded", "dashes and accents", eval.Expectation{Facts: []string{"envio en 3-5 dias"}}, eval.Correct},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := eval.Question{ID: "q", Category: "paraphrase", Language: "en", Text: c.text, Expect: c.expect}
			r, err := eval.Ask(context.Background(), engine, 1, q)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != c.want {
				t.Errorf("verdict %q (lacks %s), want %q", r.Verdict, r.Missing, c.want)
			}
			if c.want == eval.Clarified && (r.Choice != "Refund policy" || r.FollowUp == nil) {
				t.Errorf("picked %q, want the choice that answers, Refund policy", r.Choice)
			}
		})
	}
}

// The figures count clarifications as correct, and only confident answers
// as confidently wrong.
func TestFigures(t *testing.T) {
	var f eval.Figures
	for _, v := range []eval.Verdict{eval.Correct, eval.Clarified, eval.Wrong, eval.ConfidentlyWrong} {
		f.Add(eval.Result{Verdict: v, Answer: aiagent.Answer{Handoff: v == eval.Wrong}})
	}
	if f.Accuracy() != 50 || f.ConfidentlyWrongRate() != 25 || f.HandoffRate() != 25 || f.Clarified != 1 {
		t.Errorf("accuracy %.0f, confidently wrong %.0f, handoffs %.0f, clarified %d; want 50, 25, 25, 1",
			f.Accuracy(), f.ConfidentlyWrongRate(), f.HandoffRate(), f.Clarified)
	}
}
