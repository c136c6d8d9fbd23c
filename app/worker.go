package app

import (
	"context"
	"time"

	"hubchat/app/backfill"
	"hubchat/app/conversation"
	"hubchat/app/handoff"
	"hubchat/app/jobs"
	"hubchat/app/retention"
	"hubchat/app/shopsync"
	"hubchat/app/sms"
	"hubchat/app/webhooks"
	"hubchat/storage"
)

// newWorker builds the runner of the durable job queue with a handler for
// every job kind; each handler lives in the package of its concern.
func newWorker(d Deps, s *services) (*jobs.Runner, error) {
	topics := webhooks.Topics(s.shops, s.privacy, d.Log)
	for topic, h := range s.orderTopics(d) { // app/orders_wiring.go
		topics[topic] = h
	}
	processor := &webhooks.Processor{Deliveries: s.webhooks, Topics: topics, Batches: s.orderBatches(d), Now: d.Now}
	sync := &shopsync.Jobs{Shops: s.shops, Profiles: s.profiles, Settings: s.settings, Queue: s.jobs, API: s.clients}
	sweeps := conversation.Sweeps{Store: s.conversations, Now: d.Now}
	cleanUp := retention.CleanUp{Events: s.events, Jobs: s.jobs, Deliveries: s.webhooks, Markers: s.sideEffects, Now: d.Now}
	handlers := map[string]jobs.Handler{
		shopsync.JobSyncShop:          sync.SyncShop,
		shopsync.JobSyncProfile:       sync.SyncProfile,
		shopsync.JobPublishChat:       sync.PublishChat,
		conversation.JobCloseInactive: sweeps.CloseInactive,
		conversation.JobWakeSnoozed:   sweeps.WakeSnoozed,
		retention.JobCleanUp:          cleanUp.Run,
		storage.JobNotifyNewTicket:    s.newTicketEmails(d).Handle, // app/notify_wiring.go
	}
	handlers[storage.JobAIAnswer] = s.agent.Answer
	dashboard := storage.NewDashboard(d.DB)
	handlers[storage.JobFoldDashboard] = func(ctx context.Context, _ storage.Job) error {
		_, err := dashboard.Fold(ctx)
		return err
	}
	handlers[sms.JobReceive] = s.smsJobs(d).Receive // app/sms_wiring.go
	handlers[storage.JobSendSMS] = s.smsSender(d).Send
	handlers[sms.JobStatus] = s.smsSender(d).LateStatus
	handlers[handoff.Job] = s.externalHandoffs(d).Create // app/ai_wiring.go
	for kind, h := range s.backfillJobs(d) {             // app/backfill_wiring.go
		handlers[kind] = h
	}
	// Webhooks are processed many at a time: one transaction and one
	// commit for a batch of orders (docs/BENCHMARKS.md).
	batches := map[string]jobs.BatchHandler{storage.JobProcessWebhook: processor.ProcessAll}
	// Twelve workers, not four: twenty shoppers asking at once queued for
	// four workers, each answer a few reads and a commit long on a busy
	// machine (docs/BENCHMARKS.md).
	runner, err := jobs.New(jobs.Config{Store: s.jobs, Log: d.Log, Handlers: handlers, Batches: batches, Workers: 12,
		Stages: map[string]*jobs.Stages{storage.JobAIAnswer: aiAnswerStages}, // app/ai_answer_wiring.go
		// Eight workers kept for the urgent kinds: the background work (the
		// install's thousand profile syncs, backfills, webhook batches)
		// holds four at most, as many as ran everything before, and never
		// the worker an answer needs. An answer queued by this instance's
		// own post runs at once besides (RunNow, app/ai_answer_wiring.go).
		Urgent: urgentJobs, UrgentWorkers: 8, Immediate: 8,
		Listen: jobs.ListenPostgres(d.DatabaseURL, s.jobs, d.Log),
		// Jobs still running late in the shutdown are abandoned (they run
		// again after their lease), so the process stops in time.
		ShutdownGrace: d.Config.ShutdownTimeout * 4 / 5})
	s.answers.runner = runner
	return runner, err
}

// urgentJobs are the kinds a person is waiting on, claimed before the
// background work (an install's thousand profile syncs, backfills, webhook
// bursts, emails, sweeps): a shopper waiting for the AI agent's answer, a
// text message received (its customer and the agents watching the inbox
// wait for it, and for the AI's answer it may start), a reply going out by
// text to a customer. An external handoff's ticket and a widget publish
// are answered in minutes, not seconds: background.
var urgentJobs = []string{storage.JobAIAnswer, sms.JobReceive, storage.JobSendSMS}

// periodicJobs are queued at their intervals by every instance; a job's
// unique key keeps one waiting at a time.
func periodicJobs(d Deps, s *services) []jobs.Periodic {
	return []jobs.Periodic{
		{Queue: s.jobs, Kind: conversation.JobCloseInactive, Interval: time.Minute, Log: d.Log},
		{Queue: s.jobs, Kind: conversation.JobWakeSnoozed, Interval: time.Minute, Log: d.Log},
		{Queue: s.jobs, Kind: retention.JobCleanUp, Interval: time.Hour, Log: d.Log},
		// The dashboard reads the changes not yet folded besides its
		// counts: folding every half minute keeps them a few hundred rows.
		{Queue: s.jobs, Kind: storage.JobFoldDashboard, Interval: 30 * time.Second, Log: d.Log},
		{Queue: s.jobs, Kind: backfill.JobReseed, Interval: time.Hour, Log: d.Log},
	}
}
