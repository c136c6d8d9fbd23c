package app

import (
	"context"
	"expvar"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/app/aiagent"
	"hubchat/app/conversation"
	"hubchat/app/jobs"
	"hubchat/storage"
)

// aiAnswerStages time the steps of the AI agent's answers, from the
// shopper's post to the answer's job completed; the debug address serves
// them as ai_answer_stages (/debug/vars), which the load tool prints. One
// set for the process: every App built in it adds to the same figures.
var aiAnswerStages = jobs.NewStages()

// answeringPool is the connection pool of the App built last, whose
// waits the debug address serves as db_pool_waits beside the stages: an
// answer's steps are round trips, each of which may first wait for a
// connection.
var answeringPool atomic.Pointer[sqlx.DB]

func init() {
	expvar.Publish("ai_answer_stages", expvar.Func(func() any { return aiAnswerStages.Summary() }))
	expvar.Publish("db_pool_waits", expvar.Func(func() any {
		db := answeringPool.Load()
		if db == nil {
			return nil
		}
		st := db.Stats()
		return map[string]any{"max_open": st.MaxOpenConnections, "in_use": st.InUse, "waits": st.WaitCount,
			"waited_ms": st.WaitDuration.Milliseconds()}
	}))
}

// The steps of an answer the wiring marks (the runner marks the others).
const (
	stepPostCommitted = "0 enqueued → the post's commit returned"
	stepEngineAsked   = "2 claimed → engine asked (reads, typing notice)"
	stepEngine        = "3 engine"
	stepDecided       = "4 engine → reply recorded (decision, cards)"
	stepRecorded      = "5 reply appended with its event, committed"
)

// timedEngine marks the engine's part of an answering job.
type timedEngine struct{ aiagent.Engine }

func (e timedEngine) Answer(ctx context.Context, shopID int64, q aiagent.Question) (aiagent.Answer, error) {
	jobs.Mark(ctx, stepEngineAsked)
	defer jobs.Mark(ctx, stepEngine)
	return e.Engine.Answer(ctx, shopID, q)
}

// timedReplies marks the recording of the agent's reply in an answering job.
type timedReplies struct{ conversation.AIRecorder }

func (r timedReplies) RecordAIReply(ctx context.Context, shopID, conversationID int64, reply storage.AIReply) (storage.Message, error) {
	jobs.Mark(ctx, stepDecided)
	defer jobs.Mark(ctx, stepRecorded)
	return r.AIRecorder.RecordAIReply(ctx, shopID, conversationID, reply)
}

// postsAnsweredAtOnce records shoppers' posts, and hands the answering job
// a post queued to this instance's runner once the post has committed
// (jobs.Runner.RunNow): the answer is claimed by its id at once, instead
// of waiting for the workers' wake-up and their turn among the due jobs.
// The job row stays the record: when the runner has no room, or this
// instance dies before the answer, the workers answer it as before.
type postsAnsweredAtOnce struct {
	conversation.Recorder
	runner *jobs.Runner // set once the worker is built (newWorker)
	now    func() time.Time
}

func (p *postsAnsweredAtOnce) PostFromShopper(ctx context.Context, shopID, profileID int64, post storage.ShopperPost) (storage.PostResult, error) {
	res, err := p.Recorder.PostFromShopper(ctx, shopID, profileID, post)
	if err != nil || res.AIAnswerJob == 0 {
		return res, err
	}
	aiAnswerStages.Observe(stepPostCommitted, p.now().Sub(res.Message.CreatedAt))
	if p.runner != nil {
		p.runner.RunNow(res.AIAnswerJob)
	}
	return res, nil
}
