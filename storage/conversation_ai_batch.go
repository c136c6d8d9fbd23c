package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// Group commit for the AI agent's replies. When many shoppers ask at once
// their answers are ready within milliseconds of each other, and each was
// a transaction of five round trips and a WAL flush of its own: on two
// cores shared with PostgreSQL the round trips, not the engine, made the
// burst slow (docs/BENCHMARKS.md, "The AI agent's replies recorded
// together"). Replies that arrive while a batch is being written now go
// together into the next one (combiner): one transaction, the wall set
// once a shop, each reply's conversation update and message, the shop's
// events in one statement, one commit. A reply alone is written as before,
// in five round trips.
//
// A reply the conversation no longer takes (handed off, closed, the team's)
// is refused alone: it wrote nothing, and the others go on. Any other
// failure (a retried job's reply already stored, a number that opted out
// of texts, a deadlock with a batch of posts holding the same tickets in
// another order) fails the batch, which the combiner writes again one
// reply at a time, where each is what RecordAIReply always was.

// Bounds of the AI replies' batches: a batch holds the row locks of its
// conversations until it commits.
const (
	maxAIReplyBatch     = 32
	aiReplyBatchTimeout = 10 * time.Second
)

// aiReplyWrite is one reply for the AI replies' combiner.
type aiReplyWrite struct {
	shopID, conversationID int64
	reply                  AIReply
}

// aiReplyOutcome is one reply's result in its batch: the message stored,
// or, when the conversation took no reply, its refusal (refuseAIReply:
// ErrNotTheAgents, ErrNotFound, or the reply stored before).
type aiReplyOutcome struct {
	msg Message
	err error
}

// newAIReplyCombiner is the group commit of s's AI replies. A
// conversation's replies keep their lane, so they are written in the order
// they were recorded.
func newAIReplyCombiner(s *Conversations) *combiner[aiReplyWrite, aiReplyOutcome] {
	return &combiner[aiReplyWrite, aiReplyOutcome]{writeOverlapped: s.writeAIReplies, maxBatch: maxAIReplyBatch,
		timeout: aiReplyBatchTimeout, laneCount: postLanes,
		laneOf: func(w aiReplyWrite) uint64 { return uint64(w.conversationID) }}
}

// writeAIReplies stores replies in one transaction, shop by shop (in the
// order each shop first comes): the wall set to the shop, each of its
// replies, then the shop's events. It returns each reply's outcome, in
// order, once committed; an error is the batch's, nothing of it stored.
// It closes committing just before the commit, so the lane's next batch
// may start during the flush.
func (s *Conversations) writeAIReplies(ctx context.Context, replies []aiReplyWrite, committing chan<- struct{}) ([]aiReplyOutcome, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("record AI replies: %w", err)
	}
	defer tx.Rollback()
	now := s.now()
	outs := make([]aiReplyOutcome, len(replies))
	for _, shop := range shopsOf(replies) {
		if _, err := tx.ExecContext(ctx, wallSQL(shop)); err != nil {
			return nil, fmt.Errorf("record AI replies in shop %d: %w", shop, err)
		}
		events, err := s.answerShop(ctx, tx, shop, replies, outs, now)
		if err != nil {
			return nil, err
		}
		if _, err := appendEvents(ctx, tx, now, events...); err != nil {
			return nil, err
		}
	}
	close(committing)
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("record AI replies: commit: %w", err)
	}
	return outs, nil
}

// answerShop stores the replies of shop, the wall set to it: together
// those answerAll takes, then each other alone. It sets their outcomes and
// returns their events, in the replies' order.
func (s *Conversations) answerShop(ctx context.Context, tx *sqlx.Tx, shop int64, replies []aiReplyWrite, outs []aiReplyOutcome, now time.Time) ([]NewEvent, error) {
	stored, storedEvents := map[int]aiReplyOutcome{}, map[int]NewEvent{}
	if candidates := answerCandidates(replies, shop); len(candidates) > 0 {
		var err error
		if stored, storedEvents, err = answerAll(ctx, tx, shop, replies, candidates, now); err != nil {
			return nil, err
		}
	}
	var events []NewEvent
	for i, w := range replies {
		if w.shopID != shop {
			continue
		}
		if out, ok := stored[i]; ok {
			outs[i] = out
			events = append(events, storedEvents[i])
			continue
		}
		out, event, err := s.aiReplyInTx(ctx, tx, w, now)
		if err != nil {
			return nil, err
		}
		if outs[i] = out; event != nil {
			events = append(events, *event)
		}
	}
	return events, nil
}

// shopsOf are the replies' shops, each once, in the order they first come.
func shopsOf(replies []aiReplyWrite) []int64 {
	var shops []int64
	for _, w := range replies {
		if !slices.Contains(shops, w.shopID) {
			shops = append(shops, w.shopID)
		}
	}
	return shops
}

// aiReplyInTx stores one reply in the batch's transaction, whose wall is
// set to the reply's shop: the conversation's update, the message, its
// text when the conversation is SMS and its follow-up job. It returns the
// message's event to append, or a refusal with no event.
func (s *Conversations) aiReplyInTx(ctx context.Context, tx *sqlx.Tx, w aiReplyWrite, now time.Time) (aiReplyOutcome, *NewEvent, error) {
	r := w.reply
	c, ok, err := recordAIMessage(ctx, tx, w.shopID, w.conversationID, r, now)
	if err != nil {
		return aiReplyOutcome{}, nil, err
	}
	if !ok {
		m, err := s.refuseAIReply(ctx, tx, w.shopID, w.conversationID, r.ReplyTo)
		if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrNotTheAgents) {
			return aiReplyOutcome{}, nil, err
		}
		return aiReplyOutcome{msg: m, err: err}, nil, nil
	}
	if err := checkSMSAllowed(ctx, tx, c); err != nil {
		return aiReplyOutcome{}, nil, err // a number that opted out gets nothing
	}
	m, err := insertMessage(ctx, tx, w.shopID, c.ID, newMessage{Author: AuthorAI, Body: r.Body, Cards: r.Cards,
		Kind: r.Kind, Choices: r.Choices, ReplyTo: r.ReplyTo}, now)
	if err != nil {
		return aiReplyOutcome{}, nil, err
	}
	if m, err = textIfSMS(ctx, tx, c, m, now); err != nil {
		return aiReplyOutcome{}, nil, err
	}
	if r.FollowUp != nil {
		if _, err := enqueueJob(ctx, tx, now, *r.FollowUp); err != nil {
			return aiReplyOutcome{}, nil, err
		}
	}
	event := messageEvent(c, m)
	return aiReplyOutcome{msg: m}, &event, nil
}
