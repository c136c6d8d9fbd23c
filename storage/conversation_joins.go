package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// Most posts are a shopper's next message in a conversation going on: a
// ticket (no new conversation, no automatic reply, no job, no images), or
// the AI agent's, which it goes on answering (the same, and its answering
// job). A batch stores those together (joinTickets), in four statements
// whatever their number, before it stores the others one savepoint each:
// with many posts a second the statements, each a planned query and a round
// trip, cost more than the flush the batch shares.

// errPostedBefore says a post's client id was stored before by the same
// shopper: PostFromShopper answers with the first result.
var errPostedBefore = errors.New("the message was stored before")

// joinTickets stores, in tx and within a savepoint of its own, the posts
// of the batch's first shop that join a ticket going on, and marks them
// done with their outcomes and events. A post is a candidate when it is
// the first of its shopper in the batch (their later posts follow it, one
// savepoint each) and has no images. It returns the shop the wall is set
// to, and whether it made the savepoint "joined" (which stays open, rolled
// back or not). When a statement fails, the savepoint is rolled back and
// every post is left to the savepoint path, which stores or fails each
// alone.
func (s *Conversations) joinTickets(ctx context.Context, tx *sqlx.Tx, posts []batchedWrite, outs []postOutcome, events [][]NewEvent, done []bool) (wall int64, opened bool, err error) {
	shop := posts[0].shopID
	candidates := joinCandidates(posts, shop, done)
	if len(candidates) < 2 {
		return 0, false, nil
	}
	if _, err := tx.ExecContext(ctx, `SAVEPOINT joined; `+wallSQL(shop)); err != nil {
		return 0, false, fmt.Errorf("post messages in shop %d: %w", shop, err)
	}
	joined, _, err := s.joinAll(ctx, tx, shop, posts, candidates)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT joined`); rerr != nil {
			return 0, true, fmt.Errorf("post messages: roll back the tickets joined (%v): %w", err, rerr)
		}
		return 0, true, nil // the rollback undid the wall's setting too
	}
	for i, out := range joined {
		outs[i], done[i] = out, true
		if out.err == nil {
			events[i] = postEvents(out.res)
		}
	}
	return shop, true, nil
}

// joinOrStartAlone stores a batch's only post (posts, outs, events and
// done hold it alone), when it has no images, as a batch's posts are
// stored together: joining its shopper's ticket going on (joinAll), or
// else starting one (startAll), in one statement or four instead of the
// three to eight of the savepoint path, which it is left to otherwise (a
// conversation it does not join as it is, a client id used before). The
// wall is set to its shop. No savepoint is made: a statement that fails
// fails the transaction, which is the post's.
//
// The settings the post was decided on are checked by the join itself,
// which reads their versions (a round trip fewer for most posts: a
// shopper's next message); a post that joined on settings saved over since
// fails, and its transaction, rolled back, stores nothing. A post that
// joins nothing has them checked before anything else is written.
func (s *Conversations) joinOrStartAlone(ctx context.Context, tx *sqlx.Tx, posts []batchedWrite, outs []postOutcome, events [][]NewEvent, done []bool) error {
	p, only := posts[0], []int{0}
	if len(p.post.Uploads) == 0 {
		joined, current, err := s.joinAll(ctx, tx, p.shopID, posts, only)
		if err != nil {
			return err
		}
		if o, ok := joined[0]; ok {
			if p.post.Settings.stale(current) {
				outs[0], done[0] = postOutcome{err: fmt.Errorf("post message in shop %d: %w", p.shopID, ErrSettingsChanged)}, true
				return nil
			}
			outs[0], events[0], done[0] = o, postEvents(o.res), true
			return nil
		}
	}
	if err := checkSettings(ctx, tx, posts, outs, done, ""); err != nil || done[0] || len(p.post.Uploads) > 0 {
		return err
	}
	started, err := s.startAll(ctx, tx, p.shopID, posts, only)
	if err != nil {
		return err
	}
	if res, ok := started[0]; ok {
		outs[0], events[0], done[0] = postOutcome{res: res}, postEvents(res), true
	}
	return nil
}

// joinCandidates are the indexes of the posts of shop that may join a
// ticket together: each shopper's first write of the batch when it is a
// post without images (an agent's reply before it keeps its place), and
// not done already.
func joinCandidates(posts []batchedWrite, shop int64, done []bool) []int {
	var out []int
	seen := map[int64]bool{}
	for i, p := range posts {
		first := !seen[p.profileID]
		seen[p.profileID] = true
		if first && !done[i] && p.shopID == shop && len(p.post.Uploads) == 0 {
			out = append(out, i)
		}
	}
	return out
}

// profileChannel names a shopper's conversation going on: one per
// profile and channel.
type profileChannel struct {
	profileID int64
	channel   string
}

// joinAll stores, in one statement, the message of each candidate whose
// shopper has a conversation going on that the post joins as it is
// (joinsAsIs): it locks those conversations, inserts the messages, updates
// the conversations and returns both, then queues the AI agent's answers.
// It returns the outcome of each post it stored, by index, and the
// versions of the shop's settings it read (zero when it stored none); a
// candidate it did not store (no conversation it joins as it is, or a
// client id its shopper used before) is left to the savepoint path.
func (s *Conversations) joinAll(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, candidates []int) (map[int]postOutcome, SettingsVersions, error) {
	n := len(candidates)
	profiles := make([]int64, n)
	channels, clientIDs, bodies, previews, files, refused := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	aiAnswers := make([]bool, n)
	for k, i := range candidates {
		p := posts[i].post
		profiles[k], channels[k], aiAnswers[k] = posts[i].profileID, p.channel(), p.AIAnswers
		clientIDs[k], bodies[k], previews[k] = p.ClientID, p.Body, p.Preview
		f, err := json.Marshal(orEmpty(p.Attachments))
		if err != nil {
			return nil, SettingsVersions{}, err
		}
		r, err := json.Marshal(orEmpty(p.MediaRefused))
		if err != nil {
			return nil, SettingsVersions{}, err
		}
		files[k], refused[k] = string(f), string(r)
	}
	var stored []joinedRow
	if err := tx.SelectContext(ctx, &stored, joinQuery, shop, pq.Array(profiles), pq.Array(channels), pq.Array(clientIDs),
		pq.Array(bodies), pq.Array(previews), pq.Array(files), pq.Array(refused), pq.Array(aiAnswers), s.now()); err != nil {
		return nil, SettingsVersions{}, fmt.Errorf("post messages: %w", err)
	}
	out := map[int]postOutcome{}
	joining := make([]int, 0, len(stored))
	var current SettingsVersions
	for _, r := range stored {
		current = r.Settings
		i := candidates[r.Ord-1]
		out[i] = postOutcome{res: PostResult{Message: r.Message, Conversation: r.Conversation}}
		joining = append(joining, i)
	}
	return out, current, queueJoinedAnswers(ctx, tx, shop, posts, joining, out)
}

// joinedRow is a post joinQuery stored: its place among the candidates
// (from 1), its message and its conversation as updated, and the versions
// of the shop's settings.
type joinedRow struct {
	Ord      int              `db:"ord"`
	Settings SettingsVersions `db:"settings"`
	storedRow
}

// joinQuery is joinAll's statement. The conversations going on of the
// candidates' shoppers are locked in the order of their ids (as every
// batch locks them, so two batches never wait on each other in a
// circle); a post joins one as it is (joinsAsIs, in SQL) when it is a
// ticket, or the AI agent's conversation that it goes on answering. The
// update runs on the newest version of each row it locked. The shoppers
// are named as an array too, which the index of conversations going on
// answers: matched only as pairs with the unnested rows, the plan kept for
// the statement could read that index whole, every open conversation of
// the shop, to find a few.
var joinQuery = `WITH i AS (
		SELECT * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::bool[])
			WITH ORDINALITY AS i(profile_id, channel, client_id, body, preview, files, refused, ai_answers, ord)),
	going AS MATERIALIZED (
		SELECT v.id, v.profile_id, v.channel, v.ai_answering, v.handoff FROM conversations v
		WHERE v.shop_id = $1 AND v.status <> 'closed' AND v.profile_id = ANY($2::bigint[])
			AND (v.profile_id, v.channel) IN (SELECT profile_id, channel FROM i)
		ORDER BY v.id FOR UPDATE),
	joining AS (
		SELECT i.*, g.id AS conversation_id FROM i JOIN going g ON g.profile_id = i.profile_id AND g.channel = i.channel
		WHERE NOT g.ai_answering OR (i.ai_answers AND g.handoff = '` + string(HandoffNone) + `')),
	m AS (
		INSERT INTO messages (shop_id, conversation_id, author, profile_id, client_id, body, attachments,
			cards, kind, choices, created_at, media_refused)
		SELECT $1, j.conversation_id, '` + AuthorShopper + `', j.profile_id, NULLIF(j.client_id, ''), j.body, j.files,
			'[]', '` + KindText + `', '{}', $10, j.refused
		FROM joining j ORDER BY j.ord
		ON CONFLICT (profile_id, client_id) DO NOTHING
		RETURNING *),
	u AS (
		UPDATE conversations v SET status = 'open', snoozed_until = NULL,
			message_count = message_count + 1, last_message_at = $10, last_message_preview = j.preview,
			awaiting_reply_since = coalesce(awaiting_reply_since, $10), unread = true, updated_at = $10,
			last_author = '` + AuthorShopper + `'
		FROM m JOIN joining j ON j.conversation_id = m.conversation_id
		WHERE v.shop_id = $1 AND v.id = m.conversation_id
		RETURNING v.*),
	settings AS (SELECT ` + settingsVersionsOf("$1") + `)
	SELECT j.ord, ` + prefixed(messageColumns, "", "msg") + `, ` + prefixed(conversationColumns, "u.", "conv") + `,
		st.chat AS "settings.chat", st.ai AS "settings.ai", st.smsai AS "settings.smsai"
	FROM m JOIN joining j ON j.conversation_id = m.conversation_id JOIN u ON u.id = m.conversation_id
		LEFT JOIN agents a ON a.id = m.agent_id CROSS JOIN settings st
	ORDER BY m.id`

// queueJoinedAnswers queues, in one statement, the AI agent's answer to
// each joining post stored in the agent's conversation (queueFollowUp's
// job for it), unless the post is one the agent does not answer, and sets
// the job on the post's result.
func queueJoinedAnswers(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, joining []int, out map[int]postOutcome) error {
	var kinds, payloads []string
	var now time.Time
	for _, i := range joining {
		o := out[i]
		if o.err != nil || !o.res.Conversation.AIAnswering || posts[i].post.Unanswered {
			continue
		}
		now = o.res.Message.CreatedAt
		b, err := json.Marshal(answerJob(o.res.Conversation, o.res.Message, posts[i].post))
		if err != nil {
			return err
		}
		kinds, payloads = append(kinds, JobAIAnswer), append(payloads, string(b))
	}
	jobs, err := queueConversationJobs(ctx, tx, shop, kinds, payloads, now)
	if err != nil {
		return err
	}
	for _, i := range joining {
		o := out[i]
		if id, ok := jobs[o.res.Conversation.ID]; ok && o.err == nil {
			o.res.AIAnswerJob = id
			out[i] = o
		}
	}
	return nil
}

// orEmpty is s, or an empty slice for nil, which JSON writes as [].
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
