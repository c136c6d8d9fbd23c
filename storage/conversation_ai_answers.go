package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// answerCandidates are the indexes of the replies of shop that answerAll
// may store together: the first of each conversation, queueing no job.
func answerCandidates(replies []aiReplyWrite, shop int64) []int {
	var out []int
	seen := map[int64]bool{}
	for i, w := range replies {
		first := !seen[w.conversationID]
		seen[w.conversationID] = true
		if first && w.shopID == shop && w.reply.FollowUp == nil {
			out = append(out, i)
		}
	}
	return out
}

// answerAll stores, in one statement, the replies of a batch's shop (the
// transaction's wall set to it) that are the first of their conversation
// in the batch and queue no follow-up: each web-chat conversation still
// the agent's to answer is updated and gets its message. It returns the
// outcome and event of each reply it stored, by index; a reply it did not
// store (an SMS conversation, one the agent no longer answers, one of the
// others) is left to aiReplyInTx, which stores or refuses it alone. A
// reply stored before (a retried job) fails the statement on the unique
// index of replies, and with it the batch.
func answerAll(ctx context.Context, tx *sqlx.Tx, shop int64, replies []aiReplyWrite, candidates []int, now time.Time) (map[int]aiReplyOutcome, map[int]NewEvent, error) {
	n := len(candidates)
	convs, replyTo := make([]int64, n), make([]int64, n)
	bodies, previews, cards, kinds := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	choices, tags, handoffs := make([]string, n), make([]string, n), make([]string, n)
	offers := make([]bool, n)
	for k, i := range candidates {
		r := replies[i].reply
		c, err := json.Marshal(orEmpty(r.Cards))
		if err != nil {
			return nil, nil, err
		}
		ch, err := json.Marshal(orEmpty(r.Choices))
		if err != nil {
			return nil, nil, err
		}
		convs[k], replyTo[k], cards[k], choices[k] = replies[i].conversationID, r.ReplyTo, string(c), string(ch)
		bodies[k], previews[k], kinds[k], tags[k] = r.Body, r.Preview, cmp.Or(r.Kind, KindText), r.Tag
		handoffs[k], offers[k] = string(cmp.Or(r.Handoff, HandoffNone)), r.Kind == KindHandoffOffer
	}
	var stored []joinedRow
	if err := tx.SelectContext(ctx, &stored, answerAllQuery, shop, pq.Array(convs), pq.Array(replyTo), pq.Array(bodies),
		pq.Array(previews), pq.Array(cards), pq.Array(kinds), pq.Array(choices), pq.Array(tags), pq.Array(handoffs),
		pq.Array(offers), now); err != nil {
		return nil, nil, fmt.Errorf("record AI replies: %w", err)
	}
	outs, events := map[int]aiReplyOutcome{}, map[int]NewEvent{}
	for _, r := range stored {
		i := candidates[r.Ord-1]
		outs[i], events[i] = aiReplyOutcome{msg: r.Message}, messageEvent(r.Conversation, r.Message)
	}
	return outs, events, nil
}

// answerAllQuery is answerAll's statement: recordAIMessage's update and
// insertMessage's insert, for every reply at once. The conversations are
// locked first, in the order of their ids, as a batch of posts locks them
// (joinQuery), so the two never wait on each other in a circle; the update
// runs on the newest version of each row it locked.
var answerAllQuery = `WITH i AS (
		SELECT * FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::jsonb[],
			$9::text[], $10::text[], $11::bool[])
			WITH ORDINALITY AS i(conversation_id, reply_to, body, preview, cards, kind, choices, tag, handoff, offered, ord)),
	locked AS MATERIALIZED (
		SELECT v.id FROM conversations v WHERE v.shop_id = $1 AND v.id = ANY($2::bigint[]) ORDER BY v.id FOR UPDATE),
	u AS (
		UPDATE conversations v SET message_count = message_count + 1, last_message_at = $12,
			last_message_preview = i.preview, last_author = '` + AuthorAI + `', updated_at = $12,
			tag = coalesce(NULLIF(i.tag, ''), v.tag), handoff = i.handoff,
			handoff_at = CASE WHEN i.handoff <> '` + string(HandoffNone) + `' THEN $12::timestamptz END,
			handoff_offered_at = CASE WHEN i.offered THEN $12::timestamptz END
		FROM i JOIN locked l ON l.id = i.conversation_id
		WHERE v.shop_id = $1 AND v.id = i.conversation_id AND v.ai_answering AND v.handoff = '` + string(HandoffNone) + `'
			AND v.` + notClosed + ` AND v.channel = '` + ChannelWebChat + `'
		RETURNING v.*),
	m AS (
		INSERT INTO messages (shop_id, conversation_id, author, body, attachments, cards, kind, choices, reply_to,
			created_at, media_refused)
		SELECT $1, u.id, '` + AuthorAI + `', i.body, '[]', i.cards, i.kind,
			ARRAY(SELECT jsonb_array_elements_text(i.choices)), NULLIF(i.reply_to, 0), $12, '[]'
		FROM u JOIN i ON i.conversation_id = u.id ORDER BY i.ord
		RETURNING *)
	SELECT i.ord, ` + prefixed(messageColumns, "", "msg") + `, ` + prefixed(conversationColumns, "u.", "conv") + `
	FROM m JOIN i ON i.conversation_id = m.conversation_id JOIN u ON u.id = m.conversation_id
		LEFT JOIN agents a ON a.id = m.agent_id
	ORDER BY m.id`
