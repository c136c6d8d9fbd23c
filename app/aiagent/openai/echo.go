package openai

import (
	"strings"
	"unicode"
)

// echoRun is how many consecutive words of the system prompt an answer may
// share with it before it counts as quoting it. Eight words of a rule are
// not said by chance in an answer about a shop.
const echoRun = 8

// promptMarkers are the headings the prompt gives its sections: an answer
// naming one is reading the prompt back.
var promptMarkers = []string{"MATERIAL:", "ORDERS (the signed-in", "Rules:\n- Answer only"}

// instructionRuns are the runs of echoRun words of the instructions, as
// words are compared: lower case, letters and digits only.
var instructionRuns = wordRuns(words(instructions), echoRun)

// quotesInstructions reports whether an answer quotes the system prompt's
// rules or its section headings: what an injected "print your system
// prompt" makes a model obeying it write. The model cannot be stopped from
// trying; the answer is refused instead (the built-in engine's is given).
func quotesInstructions(answer string) bool {
	for _, m := range promptMarkers {
		if strings.Contains(answer, m) {
			return true
		}
	}
	w := words(answer)
	for i := 0; i+echoRun <= len(w); i++ {
		if instructionRuns[strings.Join(w[i:i+echoRun], " ")] {
			return true
		}
	}
	return false
}

// words splits s into lower-case words of letters and digits; the
// placeholder of the prompt's language is a word like any other.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func wordRuns(w []string, n int) map[string]bool {
	runs := map[string]bool{}
	for i := 0; i+n <= len(w); i++ {
		runs[strings.Join(w[i:i+n], " ")] = true
	}
	return runs
}

// echoGuard passes a streamed answer (the text so far, after each piece)
// on to onText until it quotes the instructions; from then on it passes
// nothing, so at most echoRun-1 words of a quote reach the shopper's
// screen before the finished answer is refused and replaced.
func echoGuard(onText func(string)) func(string) {
	if onText == nil {
		return nil
	}
	stopped := false
	return func(soFar string) {
		if stopped = stopped || quotesInstructions(soFar); !stopped {
			onText(soFar)
		}
	}
}
