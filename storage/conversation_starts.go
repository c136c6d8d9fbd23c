package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// When many shoppers write at once, most first messages start a ticket:
// alone, each is about nine statements in sequence (find, insert, the
// story, the message, the automatic reply, the ticket's update, the job)
// on its lane's one connection, and the lanes back up behind them. A batch
// starts its shoppers' tickets together (startTickets), in six statements
// whatever their number, as joinTickets stores the posts joining a ticket.

// startTickets starts, in tx and within a savepoint of its own, a ticket
// for each candidate (joinCandidates) of the batch's first shop whose
// shopper has no conversation going on in the post's channel, stores the
// post and its automatic reply in it, and queues its job; it marks them
// done with their outcomes and events. wall is the shop the wall is set to
// now; it returns the shop it is set to after, and whether it made the
// savepoint "started" (which stays open, rolled back or not). When a
// statement fails, the savepoint is rolled back and every post is left to
// the savepoint path, which stores or fails each alone.
func (s *Conversations) startTickets(ctx context.Context, tx *sqlx.Tx, posts []batchedWrite, outs []postOutcome, events [][]NewEvent, done []bool, wall int64) (int64, bool, error) {
	shop := posts[0].shopID
	candidates := joinCandidates(posts, shop, done)
	if len(candidates) < 2 {
		return wall, false, nil
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT started; `+wallSQL(shop)); err != nil {
		return wall, false, fmt.Errorf("post messages in shop %d: %w", shop, err)
	}
	started, err := s.startAll(ctx, tx, shop, posts, candidates)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT started`); rerr != nil {
			return wall, true, fmt.Errorf("post messages: roll back the tickets started (%v): %w", err, rerr)
		}
		return wall, true, nil // the rollback set the wall back to wall
	}
	for i, res := range started {
		outs[i], done[i] = postOutcome{res: res}, true
		events[i] = postEvents(res)
	}
	return shop, true, nil
}

// startAll inserts the candidates' conversations (a shopper whose
// conversation is going on gets none, and is left to the savepoint path),
// then their stories, messages and jobs, and returns each started post's
// result by index.
func (s *Conversations) startAll(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, candidates []int) (map[int]PostResult, error) {
	now := s.now()
	n := len(candidates)
	profiles, channels, previews, ai := make([]int64, n), make([]string, n), make([]string, n), make([]bool, n)
	for k, i := range candidates {
		p := posts[i].post
		profiles[k], channels[k], previews[k], ai[k] = posts[i].profileID, p.channel(), p.Preview, p.AIAnswers
	}
	var made []struct {
		ID        int64  `db:"id"`
		ProfileID int64  `db:"profile_id"`
		Channel   string `db:"channel"`
	}
	if err := tx.SelectContext(ctx, &made, `INSERT INTO conversations (shop_id, profile_id, channel, status, first_message,
			last_message_at, created_at, updated_at, ai_answering, ai_involved)
		SELECT $1, i.profile_id, i.channel, 'open', i.preview, $5, $5, $5, i.ai, i.ai
		FROM unnest($2::bigint[], $3::text[], $4::text[], $6::bool[]) WITH ORDINALITY AS i(profile_id, channel, preview, ai, ord)
		ORDER BY i.ord
		ON CONFLICT (profile_id, channel) WHERE status <> 'closed' DO NOTHING
		RETURNING id, profile_id, channel`,
		shop, pq.Array(profiles), pq.Array(channels), pq.Array(previews), now, pq.Array(ai)); err != nil {
		return nil, fmt.Errorf("start conversations: %w", err)
	}
	if len(made) == 0 {
		return nil, nil
	}
	byProfile := map[profileChannel]int64{}
	for _, c := range made {
		byProfile[profileChannel{c.ProfileID, c.Channel}] = c.ID
	}
	var starting []startingPost
	for _, i := range candidates {
		p := posts[i]
		if id, ok := byProfile[profileChannel{p.profileID, p.post.channel()}]; ok {
			starting = append(starting, startingPost{index: i, conversationID: id, profileID: p.profileID, post: p.post})
		}
	}
	if err := s.beginStories(ctx, tx, shop, starting); err != nil {
		return nil, err
	}
	return s.insertStarted(ctx, tx, shop, starting)
}

// startingPost is a post whose ticket the batch started.
type startingPost struct {
	index                     int // in the batch
	conversationID, profileID int64
	post                      ShopperPost
}

// autoReply is the automatic reply stored after the post: a ticket that
// starts for the team has the shop's, the AI agent's has none.
func (p startingPost) autoReply() string {
	if p.post.AIAnswers {
		return ""
	}
	return p.post.AutoReply
}

// beginStories does beginStory for every started ticket in one statement:
// each takes its shopper's recent FAQ reads, drops their older events
// that belong to no conversation, and records its welcome, dated no later
// than the first FAQ read it took.
func (s *Conversations) beginStories(ctx context.Context, tx *sqlx.Tx, shop int64, starting []startingPost) error {
	convs, profiles, welcomes := make([]int64, len(starting)), make([]int64, len(starting)), make([]string, len(starting))
	for k, p := range starting {
		convs[k], profiles[k], welcomes[k] = p.conversationID, p.profileID, p.post.Welcome
	}
	now := s.now()
	_, err := tx.ExecContext(ctx, `WITH i AS (
			SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS i(conversation_id, profile_id, welcome)),
		taken AS (
			UPDATE thread_events t SET conversation_id = i.conversation_id FROM i
			WHERE t.shop_id = $1 AND t.profile_id = i.profile_id AND t.kind = '`+ThreadFAQRead+`'
				AND t.conversation_id IS NULL AND t.occurred_at >= $5
			RETURNING t.conversation_id, t.occurred_at),
		dropped AS (
			DELETE FROM thread_events t USING i
			WHERE t.shop_id = $1 AND t.profile_id = i.profile_id AND t.conversation_id IS NULL
				AND NOT (t.kind = '`+ThreadFAQRead+`' AND t.occurred_at >= $5))
		INSERT INTO thread_events (shop_id, profile_id, conversation_id, kind, text, occurred_at)
		SELECT $1, i.profile_id, i.conversation_id, '`+ThreadWelcome+`', left(i.welcome, 1000),
			least($6, (SELECT min(taken.occurred_at) FROM taken WHERE taken.conversation_id = i.conversation_id))
		FROM i WHERE i.welcome <> ''`,
		shop, pq.Array(convs), pq.Array(profiles), pq.Array(welcomes), now.Add(-StoryLead), now)
	if err != nil {
		return fmt.Errorf("begin the stories of %d tickets: %w", len(starting), err)
	}
	return nil
}

// insertStarted stores the started tickets' posts and automatic replies,
// with their tickets' updates, in one statement that returns both, and
// queues their jobs. A client id used before fails the statement
// (and so the savepoint), as it fails a post alone.
func (s *Conversations) insertStarted(ctx context.Context, tx *sqlx.Tx, shop int64, starting []startingPost) (map[int]PostResult, error) {
	n := len(starting)
	convs, profiles := make([]int64, n), make([]int64, n)
	clientIDs, bodies, files, refused, autos, previews := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for k, sp := range starting {
		p := sp.post
		convs[k], profiles[k] = sp.conversationID, sp.profileID
		clientIDs[k], bodies[k], autos[k], previews[k] = p.ClientID, p.Body, sp.autoReply(), p.Preview
		f, err := json.Marshal(orEmpty(p.Attachments))
		if err != nil {
			return nil, err
		}
		r, err := json.Marshal(orEmpty(p.MediaRefused))
		if err != nil {
			return nil, err
		}
		files[k], refused[k] = string(f), string(r)
	}
	now := s.now()
	var stored []storedRow
	if err := tx.SelectContext(ctx, &stored, `WITH i AS (
			SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[], $8::text[], $9::text[])
				WITH ORDINALITY AS i(conversation_id, profile_id, client_id, body, files, refused, auto, preview, ord)),
		r AS (
			SELECT i.conversation_id, '`+AuthorShopper+`' AS author, i.profile_id, NULLIF(i.client_id, '') AS client_id,
				i.body, i.files, i.refused, i.ord, 0 AS nth FROM i
			UNION ALL
			SELECT i.conversation_id, '`+AuthorSystem+`', NULL, NULL, i.auto, '[]', '[]', i.ord, 1 FROM i WHERE i.auto <> ''),
		m AS (
			INSERT INTO messages (shop_id, conversation_id, author, profile_id, client_id, body, attachments,
				cards, kind, choices, created_at, media_refused)
			SELECT $1, r.conversation_id, r.author, r.profile_id, r.client_id, r.body, r.files,
				'[]', '`+KindText+`', '{}', $10, r.refused
			FROM r ORDER BY r.ord, r.nth
			RETURNING *),
		updated AS (
			UPDATE conversations v SET status = 'open', snoozed_until = NULL,
				message_count = message_count + 1 + (i.auto <> '')::int, last_message_at = $10,
				last_message_preview = i.preview, awaiting_reply_since = coalesce(awaiting_reply_since, $10),
				unread = true, updated_at = $10,
				last_author = CASE WHEN i.auto <> '' THEN '`+AuthorSystem+`' ELSE '`+AuthorShopper+`' END
			FROM i WHERE v.shop_id = $1 AND v.id = i.conversation_id
			RETURNING v.*)
		SELECT `+prefixed(messageColumns, "", "msg")+`, `+prefixed(conversationColumns, "u.", "conv")+`
		FROM m JOIN updated u ON u.id = m.conversation_id LEFT JOIN agents a ON a.id = m.agent_id ORDER BY m.id`,
		shop, pq.Array(convs), pq.Array(profiles), pq.Array(clientIDs), pq.Array(bodies), pq.Array(files),
		pq.Array(refused), pq.Array(autos), pq.Array(previews), now); err != nil {
		return nil, fmt.Errorf("post messages: %w", err)
	}
	return s.startedOutcomes(ctx, tx, shop, starting, stored)
}

// storedRow is a message a statement stored, with its conversation as the
// statement updated it.
type storedRow struct {
	Message      Message      `db:"msg"`
	Conversation Conversation `db:"conv"`
}

// startedOutcomes pairs each started post with its messages and its
// ticket, and queues the jobs its ticket asks for (queueFollowUp's: the AI
// agent's answer, or the team's email).
func (s *Conversations) startedOutcomes(ctx context.Context, tx *sqlx.Tx, shop int64, starting []startingPost, stored []storedRow) (map[int]PostResult, error) {
	byConv := map[int64]*PostResult{}
	for _, sp := range starting {
		byConv[sp.conversationID] = &PostResult{Started: true}
	}
	for _, r := range stored {
		res := byConv[r.Message.ConversationID]
		res.Conversation = r.Conversation
		if r.Message.Author == AuthorShopper {
			res.Message = r.Message
		} else {
			res.Automatic = append(res.Automatic, r.Message)
		}
	}
	jobs, err := s.queueStartedJobs(ctx, tx, shop, starting, byConv)
	if err != nil {
		return nil, err
	}
	out := map[int]PostResult{}
	for _, sp := range starting {
		res := byConv[sp.conversationID]
		if res.Conversation.AIAnswering {
			res.AIAnswerJob = jobs[sp.conversationID]
		}
		out[sp.index] = *res
	}
	return out, nil
}

// queueStartedJobs queues, in one statement, each started ticket's job:
// the AI agent's answer when the ticket is the agent's (unless the post is
// one it does not answer), the team's email otherwise. It returns the
// jobs' ids by conversation.
func (s *Conversations) queueStartedJobs(ctx context.Context, tx *sqlx.Tx, shop int64, starting []startingPost, byConv map[int64]*PostResult) (map[int64]int64, error) {
	var kinds, payloads []string
	for _, sp := range starting {
		res := byConv[sp.conversationID]
		var payload any = map[string]int64{"conversation_id": sp.conversationID}
		kind := JobNotifyNewTicket
		if res.Conversation.AIAnswering {
			if sp.post.Unanswered {
				continue
			}
			kind, payload = JobAIAnswer, answerJob(res.Conversation, res.Message, sp.post)
		}
		b, err := json.Marshal(payload)
		if err != nil {
			return nil, err
		}
		kinds, payloads = append(kinds, kind), append(payloads, string(b))
	}
	return queueConversationJobs(ctx, tx, shop, kinds, payloads, s.now())
}

// queueConversationJobs queues, in one statement, jobs of kinds whose
// payloads name a conversation ("conversation_id"), due now, and returns
// their ids by conversation.
func queueConversationJobs(ctx context.Context, tx *sqlx.Tx, shop int64, kinds, payloads []string, now time.Time) (map[int64]int64, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	var queued []struct {
		ID             int64 `db:"id"`
		ConversationID int64 `db:"conversation_id"`
		TxKey          int32 `db:"tx_key"`
	}
	// The jobs are due now: the transaction holds its key in the
	// enqueuers' lock space in the same statement (notifyJobIfDue's lock,
	// a round trip of its own there), for the workers' wake-up to wait
	// for this transaction alone.
	if err := tx.SelectContext(ctx, &queued, `WITH hold AS MATERIALIZED (
			SELECT pg_advisory_xact_lock($6, `+txKeySQL+`), `+txKeySQL+` AS tx_key),
		j AS (
			INSERT INTO jobs (kind, shop_id, payload, max_attempts, run_at, created_at, updated_at)
			SELECT i.kind, $1, i.payload, $4, $5, $5, $5
			FROM unnest($2::text[], $3::jsonb[]) WITH ORDINALITY AS i(kind, payload, ord) ORDER BY i.ord
			RETURNING id, payload)
		SELECT j.id, (j.payload->>'conversation_id')::bigint AS conversation_id, hold.tx_key FROM j, hold`,
		shop, pq.Array(kinds), pq.Array(payloads), DefaultMaxAttempts, now, enqueuersLockSpace); err != nil {
		return nil, fmt.Errorf("enqueue the jobs of %d conversations: %w", len(kinds), err)
	}
	out := map[int64]int64{}
	for _, q := range queued {
		out[q.ConversationID] = q.ID
	}
	if len(queued) > 0 {
		jobsWakeup.markTx(queued[0].TxKey)
	}
	return out, nil
}
