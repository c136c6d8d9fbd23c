package storage

import (
	"context"
	"errors"
	"time"
)

// EnqueueJobInTx exposes enqueueJob, the helper other stores call inside
// their transactions, to the external tests.
var EnqueueJobInTx = enqueueJob
var AppendEventInTx = appendEvent // likewise appendEvent, the event log's

// PrivacyClassification exposes, to the external tests, which tables
// privacy.go lists as holding customer data and which as holding none.
func PrivacyClassification() (customer []string, without map[string]string) {
	for _, c := range customerData {
		customer = append(customer, c.name)
	}
	return customer, tablesWithoutCustomerData
}

// LatestTouchQuery exposes the attribution's query, whose plan a test checks.
const LatestTouchQuery = latestTouch

// JoinQuery exposes the statement that joins posts to their tickets, whose
// plan a test checks.
var JoinQuery = joinQuery

// CloseDueQuery exposes the close sweep's query, whose plan a test checks.
const CloseDueQuery = closeDueQuery

// DashboardRareWords are the words of text the dashboard's search looks up
// in the index: the rare ones, by the statistics.
func DashboardRareWords(ctx context.Context, d *Dashboard, text string) (string, error) {
	q, err := d.planSearch(ctx, text)
	return q.rare, err
}

// BeginInShop exposes beginInShop, the shop wall's transactions, to the
// external tests.
var BeginInShop = beginInShop

// WaitingDeliveries is how many deliveries wait for the intake's next
// batch, for the tests that hold a batch back.
func WaitingDeliveries(w *Webhooks) int {
	return w.intake.waitingCount()
}

// WaitingPosts is how many shoppers' posts wait for their lane's next
// batch, for the tests that hold a batch back.
func WaitingPosts(c *Conversations) int { return c.posts.waitingCount() }

// BatchesWrittenAgain is how many batches of posts and replies failed as
// a whole and were written again one at a time.
func BatchesWrittenAgain(c *Conversations) int64 { return c.posts.writtenAgain.Load() }

// PostLanes is how many lanes the shoppers' posts go into, by profile id.
var PostLanes = int64(postLanes)

// ClaimUrgentFirstQuery exposes the claim that takes urgent kinds first,
// whose plan a test checks.
const ClaimUrgentFirstQuery = claimUrgentFirstQuery

// WritePostsTogether writes posts, each a shopper's (profiles[i]) of shop,
// as one batch of their lane, and returns each one's result and error.
func WritePostsTogether(ctx context.Context, c *Conversations, shopID int64, profiles []int64, posts []ShopperPost) ([]PostResult, []error, error) {
	batch := make([]batchedWrite, len(posts))
	for i, p := range posts {
		batch[i] = batchedWrite{shopID: shopID, profileID: profiles[i], post: p}
	}
	outs, err := c.writePosts(ctx, batch, make(chan struct{}))
	res, errs := make([]PostResult, len(outs)), make([]error, len(outs))
	for i, o := range outs {
		res[i], errs[i] = o.res, o.err
	}
	return res, errs, err
}

// PostOneByOne stores a shopper's post as the savepoint path of a batch
// does (postInTx, then its events), in a transaction of its own: the
// reference the posts stored together are held to.
func PostOneByOne(ctx context.Context, c *Conversations, shopID, profileID int64, p ShopperPost) (PostResult, error) {
	tx, err := c.db.BeginTxx(ctx, nil)
	if err != nil {
		return PostResult{}, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, wallSQL(shopID)); err != nil {
		return PostResult{}, err
	}
	res, events, err := c.postInTx(ctx, tx, shopID, profileID, p)
	if err != nil {
		return PostResult{}, err
	}
	if _, err := appendEvents(ctx, tx, c.now(), events...); err != nil {
		return PostResult{}, err
	}
	return res, tx.Commit()
}

// AIReplyIn is one reply of RecordAIRepliesTogether.
type AIReplyIn struct {
	ShopID, ConversationID int64
	Reply                  AIReply
}

// RecordAIRepliesTogether records replies as one batch of the AI replies'
// combiner does, in one transaction: each reply's message or refusal, or
// the batch's error (nothing stored).
func RecordAIRepliesTogether(ctx context.Context, c *Conversations, replies []AIReplyIn) ([]Message, []error, error) {
	ws := make([]aiReplyWrite, len(replies))
	for i, r := range replies {
		ws[i] = aiReplyWrite{shopID: r.ShopID, conversationID: r.ConversationID, reply: r.Reply}
	}
	outs, err := c.writeAIReplies(ctx, ws, make(chan struct{}))
	if err != nil {
		return nil, nil, err
	}
	msgs, errs := make([]Message, len(outs)), make([]error, len(outs))
	for i, o := range outs {
		msgs[i], errs[i] = o.msg, o.err
	}
	return msgs, errs, nil
}

// AIReplyOneByOne stores a reply as a batch does one it leaves to the
// reply's own statements (aiReplyInTx), in a transaction of its own: the
// reference the replies stored together are held to.
func AIReplyOneByOne(ctx context.Context, c *Conversations, shopID, conversationID int64, r AIReply) (Message, error) {
	tx, err := beginInShop(ctx, c.db, shopID, nil)
	if err != nil {
		return Message{}, err
	}
	defer tx.Rollback()
	now := c.now()
	out, event, err := c.aiReplyInTx(ctx, tx, aiReplyWrite{shopID: shopID, conversationID: conversationID, reply: r}, now)
	if err != nil || out.err != nil {
		return out.msg, errors.Join(err, out.err)
	}
	if _, err := appendEvents(ctx, tx, now, *event); err != nil {
		return Message{}, err
	}
	return out.msg, tx.Commit()
}

// ClaimIDsTogether makes the claims by id of ids in one statement, as the
// claims asked for at once are made: each one's job, when it was claimed.
func ClaimIDsTogether(ctx context.Context, q *Jobs, ids []int64, lease time.Duration) ([]Job, []bool, error) {
	claims := make([]idClaim, len(ids))
	for i, id := range ids {
		claims[i] = idClaim{id: id, until: q.now().Add(lease)}
	}
	outs, err := q.claimIDs(ctx, claims)
	if err != nil {
		return nil, nil, err
	}
	jobs, ok := make([]Job, len(outs)), make([]bool, len(outs))
	for i, o := range outs {
		jobs[i], ok[i] = o.job, o.ok
	}
	return jobs, ok, nil
}

// CompleteTogether completes claims in one statement, as the completions
// asked for at once are: each one's outcome, as Complete's.
func CompleteTogether(ctx context.Context, q *Jobs, claims []JobClaim) ([]error, error) {
	return q.completeClaims(ctx, claims)
}

// NotClosed exposes the condition of statements that find conversations by
// id, whose plan a test checks.
const NotClosed = notClosed
