package eval

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"hubchat/app/aiagent"
)

// Verdict is how an answer fared against its expectation.
type Verdict string

// The verdicts.
const (
	// Correct: the expectation is met.
	Correct Verdict = "correct"
	// Clarified: the engine asked "did you mean…?" and the choice the
	// shopper would pick got a correct answer. It counts as correct.
	Clarified Verdict = "clarified"
	// Wrong: not met, but the engine did not pretend: it handed off, asked
	// to sign in or offered choices none of which was right.
	Wrong Verdict = "wrong"
	// ConfidentlyWrong: the engine answered (no handoff, no sign-in, no
	// choices) though it should have handed off or asked to sign in, or
	// its answer lacks the facts or cards.
	ConfidentlyWrong Verdict = "confidently wrong"
)

// IsCorrect reports whether v counts as a correct answer.
func (v Verdict) IsCorrect() bool { return v == Correct || v == Clarified }

// Result is one question's outcome.
type Result struct {
	Shop     string
	Part     Part
	Question Question
	Answer   aiagent.Answer
	// Choice and FollowUp are the choice the shopper picked from
	// Answer.Choices and the answer to it, when the engine asked.
	Choice   string
	FollowUp *aiagent.Answer
	Verdict  Verdict
	// Missing says what the answer lacked, for the report.
	Missing string
	// Latency is the time of the first answer.
	Latency time.Duration
}

// Ask asks engine q as shop shopID's shopper and scores the answer. When
// the engine offers choices, the shopper picks the one whose answer meets
// the expectation, if any: a clarification that leads to the right answer
// is a right answer.
func Ask(ctx context.Context, engine aiagent.Engine, shopID int64, q Question) (Result, error) {
	question := aiagent.Question{Text: q.Text, Language: q.Language, CustomerID: q.CustomerID}
	start := time.Now()
	a, err := engine.Answer(ctx, shopID, question)
	r := Result{Question: q, Answer: a, Latency: time.Since(start)}
	if err != nil {
		return r, fmt.Errorf("question %s: %w", q.ID, err)
	}
	ok, missing := Meets(a, q.Expect)
	switch {
	case ok:
		r.Verdict = Correct
	case len(a.Choices) > 0:
		r.Verdict, r.Missing = Wrong, "none of the choices "+strings.Join(a.Choices, " / ")+" led to a right answer"
		if q.Expect.Handoff || q.Expect.SignIn {
			r.Missing = "asked " + strings.Join(a.Choices, " / ") + " instead"
			return r, nil
		}
		return r, pickChoice(ctx, engine, shopID, question, &r)
	case a.Handoff || a.SignIn:
		r.Verdict, r.Missing = Wrong, missing
	default:
		r.Verdict, r.Missing = ConfidentlyWrong, missing
	}
	return r, nil
}

// pickChoice asks each choice as the shopper's next message and keeps the
// first that gets a right answer (not another round of choices).
func pickChoice(ctx context.Context, engine aiagent.Engine, shopID int64, asked aiagent.Question, r *Result) error {
	for _, choice := range r.Answer.Choices {
		next := asked
		next.Text = choice
		next.History = []aiagent.Turn{{Author: "shopper", Text: asked.Text}, {Author: "ai", Text: r.Answer.Text}}
		a, err := engine.Answer(ctx, shopID, next)
		if err != nil {
			return fmt.Errorf("question %s, choice %q: %w", r.Question.ID, choice, err)
		}
		if ok, _ := Meets(a, r.Question.Expect); ok && len(a.Choices) == 0 {
			r.Verdict, r.Missing, r.Choice, r.FollowUp = Clarified, "", choice, &a
			return nil
		}
	}
	return nil
}

// Meets reports whether a meets e, and otherwise what it lacks.
func Meets(a aiagent.Answer, e Expectation) (ok bool, missing string) {
	switch {
	case e.Handoff:
		return a.Handoff, "no handoff"
	case e.SignIn:
		return a.SignIn, "no sign-in"
	}
	var lacks []string
	text := Fold(a.Text)
	for _, fact := range e.Facts {
		if !containsAny(text, strings.Split(fact, "|")) {
			lacks = append(lacks, fmt.Sprintf("fact %q", fact))
		}
	}
	shown := make([]string, len(a.Cards))
	for i, c := range a.Cards {
		shown[i] = c.Handle
	}
	for _, handle := range e.Cards {
		if !slices.Contains(shown, handle) {
			lacks = append(lacks, fmt.Sprintf("card %s", handle))
		}
	}
	return len(lacks) == 0, strings.Join(lacks, ", ")
}

func containsAny(folded string, alternatives []string) bool {
	for _, alt := range alternatives {
		if strings.Contains(folded, Fold(alt)) {
			return true
		}
	}
	return false
}

// accents removes combining marks once text is decomposed.
var accents = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// dashes are written "-" once folded: "3–5 days" meets "3-5".
var dashes = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\u00a0", " ", "\u2019", "'")

// Fold is text as facts are compared: lower case, without accents, with
// one kind of dash, apostrophe and space.
func Fold(text string) string {
	folded, _, err := transform.String(accents, text)
	if err != nil {
		folded = text
	}
	return strings.ToLower(dashes.Replace(folded))
}
