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
	joined, err := s.joinAll(ctx, tx, shop, posts, candidates)
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

// joinAll locks the conversations going on of the candidates' shoppers,
// and stores the message of each candidate whose conversation it joins as
// it is (joinsAsIs) with the conversation's update and job. It returns
// the outcome of each post it stored, or found stored before, by index.
func (s *Conversations) joinAll(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, candidates []int) (map[int]postOutcome, error) {
	profiles, channels := make([]int64, len(candidates)), make([]string, len(candidates))
	for k, i := range candidates {
		profiles[k], channels[k] = posts[i].profileID, posts[i].post.channel()
	}
	var going []Conversation
	if err := tx.SelectContext(ctx, &going, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND status <> 'closed'
			AND (profile_id, channel) IN (SELECT * FROM unnest($2::bigint[], $3::text[]))
		ORDER BY id FOR UPDATE`, shop, pq.Array(profiles), pq.Array(channels)); err != nil {
		return nil, fmt.Errorf("find conversations: %w", err)
	}
	byProfile := map[profileChannel]Conversation{}
	for _, c := range going {
		byProfile[profileChannel{c.ProfileID, c.Channel}] = c
	}
	var joining []int
	for _, i := range candidates {
		c, ok := byProfile[profileChannel{posts[i].profileID, posts[i].post.channel()}]
		if ok && joinsAsIs(c, posts[i].post) {
			joining = append(joining, i)
		}
	}
	if len(joining) == 0 {
		return nil, nil
	}
	return s.insertJoined(ctx, tx, shop, posts, joining, byProfile)
}

// joinsAsIs says whether post p joins conversation c with its message, the
// conversation's update and, in the AI agent's, its answering job alone
// (postInTx's other branches untaken): a ticket, or the agent's
// conversation that it goes on answering (not one handed off, nor one the
// post hands to the team because the agent was turned off since).
func joinsAsIs(c Conversation, p ShopperPost) bool {
	return !c.AIAnswering || (p.AIAnswers && c.Handoff == HandoffNone)
}

// insertJoined stores the joining posts' messages and their tickets'
// updates in one statement, reads the tickets back, and returns each
// post's outcome. A post whose client id its shopper used before is
// stored nothing, and is answered errPostedBefore.
func (s *Conversations) insertJoined(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, joining []int, going map[profileChannel]Conversation) (map[int]postOutcome, error) {
	n := len(joining)
	convs, profiles := make([]int64, n), make([]int64, n)
	clientIDs, bodies, previews, files, refused := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for k, i := range joining {
		p := posts[i].post
		convs[k], profiles[k] = going[profileChannel{posts[i].profileID, p.channel()}].ID, posts[i].profileID
		clientIDs[k], bodies[k], previews[k] = p.ClientID, p.Body, p.Preview
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
	var stored []Message
	if err := tx.SelectContext(ctx, &stored, `WITH i AS (
			SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[])
				WITH ORDINALITY AS i(conversation_id, profile_id, client_id, body, preview, files, refused, ord)),
		m AS (
			INSERT INTO messages (shop_id, conversation_id, author, profile_id, client_id, body, attachments,
				cards, kind, choices, created_at, media_refused)
			SELECT $1, i.conversation_id, '`+AuthorShopper+`', i.profile_id, NULLIF(i.client_id, ''), i.body, i.files,
				'[]', '`+KindText+`', '{}', $9, i.refused
			FROM i ORDER BY i.ord
			ON CONFLICT (profile_id, client_id) DO NOTHING
			RETURNING *),
		updated AS (
			UPDATE conversations v SET status = 'open', snoozed_until = NULL,
				message_count = message_count + 1, last_message_at = $9, last_message_preview = i.preview,
				awaiting_reply_since = coalesce(awaiting_reply_since, $9), unread = true, updated_at = $9,
				last_author = '`+AuthorShopper+`'
			FROM m JOIN i ON i.conversation_id = m.conversation_id
			WHERE v.shop_id = $1 AND v.id = m.conversation_id)
		SELECT `+messageColumns+` FROM m LEFT JOIN agents a ON a.id = m.agent_id ORDER BY m.id`,
		shop, pq.Array(convs), pq.Array(profiles), pq.Array(clientIDs), pq.Array(bodies), pq.Array(previews),
		pq.Array(files), pq.Array(refused), now); err != nil {
		return nil, fmt.Errorf("post messages: %w", err)
	}
	return joinedOutcomes(ctx, tx, shop, posts, joining, convs, stored)
}

// joinedOutcomes reads the tickets the joining posts updated and pairs
// each post with its message and ticket; a post without a message was a
// retry.
func joinedOutcomes(ctx context.Context, tx *sqlx.Tx, shop int64, posts []batchedWrite, joining []int, convs []int64, stored []Message) (map[int]postOutcome, error) {
	byConv := map[int64]Message{}
	ids := make([]int64, 0, len(stored))
	for _, m := range stored {
		byConv[m.ConversationID] = m
		ids = append(ids, m.ConversationID)
	}
	var updated []Conversation
	if err := tx.SelectContext(ctx, &updated, `SELECT `+conversationColumns+` FROM conversations
		WHERE shop_id = $1 AND id = ANY($2)`, shop, pq.Array(ids)); err != nil {
		return nil, fmt.Errorf("read conversations: %w", err)
	}
	convByID := map[int64]Conversation{}
	for _, c := range updated {
		convByID[c.ID] = c
	}
	out := map[int]postOutcome{}
	for k, i := range joining {
		m, ok := byConv[convs[k]]
		if !ok {
			out[i] = postOutcome{err: fmt.Errorf("post message %q: %w", posts[i].post.ClientID, errPostedBefore)}
			continue
		}
		out[i] = postOutcome{res: PostResult{Message: m, Conversation: convByID[convs[k]]}}
	}
	return out, queueJoinedAnswers(ctx, tx, shop, posts, joining, out)
}

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
