package loadtest

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// AIResult is the AI-agent scenario's figures: from the start of a
// shopper's POST to the agent's answer to it on the shopper's stream.
type AIResult struct {
	Answer            Latencies
	Asked, Unanswered int64
	Errors            int64
	FirstError        string
}

// aiQuestions are asked in turn; the demo shop's knowledge answers them or
// the agent offers a person, either of which is its answer.
var aiQuestions = []string{
	"how long does shipping take?", "can I return an item?", "do you ship to canada",
	"what is your refund policy", "where is my order?",
}

// RunAIAnswers has each shopper ask perShopper questions, one at a time,
// all shoppers at once, with the shop's AI agent on.
func RunAIAnswers(ctx context.Context, shoppers []*Shopper, perShopper int) AIResult {
	var res AIResult
	var mu sync.Mutex
	var took []time.Duration
	var wg sync.WaitGroup
	for _, s := range shoppers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, unanswered, err := askInTurn(ctx, s, perShopper)
			mu.Lock()
			defer mu.Unlock()
			took = append(took, d...)
			res.Asked += int64(len(d)) + unanswered
			res.Unanswered += unanswered
			if err != nil {
				res.Errors++
				if res.FirstError == "" {
					res.FirstError = err.Error()
				}
			}
		}()
	}
	wg.Wait()
	res.Answer = Summarise(took)
	return res
}

// askInTurn asks n questions on s's stream, each after the last answer,
// waiting at most 10 s for each.
func askInTurn(ctx context.Context, s *Shopper, n int) ([]time.Duration, int64, error) {
	answers := make(chan aiAnswer, 16)
	sctx, stop := context.WithCancel(ctx)
	defer stop()
	ready := make(chan struct{})
	st := s.Stream(func(e Event) {
		if m, ok := messageOf(e); ok && m.Author == "ai" {
			answers <- aiAnswer{replyTo: m.ReplyTo, at: e.At}
		}
	})
	go st.Run(sctx, strconv.FormatInt(s.EventID, 10), ready)
	<-ready
	var took []time.Duration
	var unanswered int64
	for q := range n {
		start := time.Now()
		a, err := s.Post(ctx, newClientID(), aiQuestions[q%len(aiQuestions)])
		if err != nil {
			return took, unanswered, err
		}
		at, ok := awaitAnswer(answers, a.Message.ID, 10*time.Second)
		if !ok {
			unanswered++
			continue
		}
		took = append(took, at.Sub(start))
	}
	return took, unanswered, nil
}

type aiAnswer struct {
	replyTo int64
	at      time.Time
}

// awaitAnswer waits for the answer to message id.
func awaitAnswer(answers <-chan aiAnswer, id int64, within time.Duration) (time.Time, bool) {
	timeout := time.After(within)
	for {
		select {
		case a := <-answers:
			if a.replyTo == id {
				return a.at, true
			}
		case <-timeout:
			return time.Time{}, false
		}
	}
}

// String summarises the scenario.
func (a AIResult) String() string {
	return fmt.Sprintf("%s; %d asked, %d unanswered, errors %d", a.Answer, a.Asked, a.Unanswered, a.Errors)
}
