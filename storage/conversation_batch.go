package storage

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/stages"
)

// Group commit for shoppers' messages and agents' replies. Each message used to be a
// transaction of its own, and each commit waited for its own WAL flush:
// flushes, not statements, capped the writes. Posts that arrive while a
// batch is being written now go together into the next one (combiner): one
// transaction, one flush, for up to maxPostBatch posts.
//
// Within the batch each post runs in a savepoint of its own, with the shop
// wall set to its shop, so a post that fails (a retried client id, a
// deadlock, a bad row) is rolled back alone and fails its own request
// only. The batch's events are appended last, in one statement for each
// shop, in the order of the posts, just before the commit: the event log's
// fence (appendEvents) is held for that statement and the commit only, not
// for the whole batch, so readers that meet a gap wait no longer than they
// did for a single post.
//
// Writes go into lanes by their conversation's profile: one shopper's
// posts, and the agents' replies to them, always share a lane, which
// writes its batches one after the other in the order the writes arrived,
// so a conversation's messages keep the order they were sent in, and two
// lanes never lock the same conversation (no deadlock between a batch of
// posts and one of replies). Lanes write at the same time, each holding
// one pooled connection while it writes.

// Bounds of the posts' batches. A savepoint that writes is a
// subtransaction, and PostgreSQL keeps up to 64 of a transaction's
// subtransactions in shared memory: beyond that every snapshot taken while
// it runs must look them up on disk, so a batch stays below.
const (
	maxPostBatch     = 32
	postBatchTimeout = 10 * time.Second
)

// postLanes is how many lanes the posts go into: one for every two cores.
// More lanes write smaller batches at once, and on a machine of two cores
// (the app and PostgreSQL on it) they only contend: one lane against four
// took durable writes from 1,065-1,120 to 1,460-1,605 messages/s, and the
// AI answers' p99 from 464-470 to 323-337 ms, delivery's across two
// instances from 597 to 225 ms (docs/BENCHMARKS.md).
var postLanes = max(1, runtime.NumCPU()/2)

// batchedWrite is one shopper's post for the conversations' combiner;
// profileID, the shopper, picks the lane.
type batchedWrite struct {
	shopID, profileID int64
	post              ShopperPost
	queued            int64 // when it was handed to its lane (stages.Now)
}

// postOutcome is one post's result in its batch: err is the post's own
// failure, its savepoint rolled back.
type postOutcome struct {
	res PostResult
	err error
}

// newPostCombiner is the group commit of s's shoppers' posts and agents'
// replies.
func newPostCombiner(s *Conversations) *combiner[batchedWrite, postOutcome] {
	return &combiner[batchedWrite, postOutcome]{writeOverlapped: s.writePosts, maxBatch: maxPostBatch,
		timeout: postBatchTimeout, laneCount: postLanes,
		laneOf: func(p batchedWrite) uint64 { return uint64(p.profileID) }}
}

// writePosts stores posts (and replies) in one transaction, each in a
// savepoint of its own, and their events at the end; it returns each
// write's outcome, in order, once the transaction has committed. An error
// is the batch's: nothing of it was stored. It closes committing once
// every statement is done, just before the commit: the lane's next batch
// may start then (its writes to the same conversations wait for this
// commit on their row locks).
func (s *Conversations) writePosts(ctx context.Context, posts []batchedWrite, committing chan<- struct{}) ([]postOutcome, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("post messages: %w", err)
	}
	defer tx.Rollback()
	for _, p := range posts {
		stages.PostQueued.Since(p.queued)
	}
	outs := make([]postOutcome, len(posts))
	events := make([][]NewEvent, len(posts))
	done := make([]bool, len(posts))
	wall, outermost, err := s.storeTogether(ctx, tx, posts, outs, events, done)
	if err != nil {
		return nil, err
	}
	if wall, outermost, err = s.storeEach(ctx, tx, posts, outs, events, done, wall, outermost); err != nil {
		return nil, err
	}
	if len(posts) == 1 && outs[0].err != nil {
		return outs, nil // rolled back by the deferred Rollback
	}
	if err := appendPostEvents(ctx, tx, s.now(), posts, events, wall, outermost); err != nil {
		return nil, err
	}
	for i, p := range posts {
		if len(events[i]) > 0 {
			stages.PostToAppend.Since(p.queued)
		}
	}
	close(committing)
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("post messages: commit: %w", err)
	}
	return outs, nil
}

// storeTogether checks the posts' settings, then stores together those
// that join a ticket going on or start one (joinTickets, startTickets),
// and marks them done. A post alone has its wall set with the
// transaction's BEGIN, its settings checked by the statement that joins it
// or before its start (joinOrStartAlone), and is joined or started
// without a savepoint: its failure is the transaction's. It returns the shop the wall is set to and the savepoint
// that holds the others ("" for none).
func (s *Conversations) storeTogether(ctx context.Context, tx *sqlx.Tx, posts []batchedWrite, outs []postOutcome, events [][]NewEvent, done []bool) (wall int64, outermost string, err error) {
	if len(posts) == 1 {
		wall = posts[0].shopID
		if _, err := tx.ExecContext(ctx, wallSQL(wall)); err != nil {
			return 0, "", fmt.Errorf("post messages in shop %d: %w", wall, err)
		}
		return wall, "", s.joinOrStartAlone(ctx, tx, posts, outs, events, done)
	}
	if err := checkSettings(ctx, tx, posts, outs, done, ""); err != nil {
		return 0, "", err
	}
	joined, started := false, false
	if wall, joined, err = s.joinTickets(ctx, tx, posts, outs, events, done); err != nil {
		return 0, "", err
	}
	if joined {
		outermost = "joined"
	}
	if wall, started, err = s.startTickets(ctx, tx, posts, outs, events, done, wall); err != nil {
		return 0, "", err
	}
	if started && outermost == "" {
		outermost = "started"
	}
	return wall, outermost, nil
}

// storeEach stores the posts not done yet one at a time, each in a
// savepoint of its own when the batch has others (rolled back alone when
// it fails). A post alone, its wall set already, stops at its failure
// (the transaction's). It returns the shop the wall is set to and the
// outermost savepoint, as storeTogether.
func (s *Conversations) storeEach(ctx context.Context, tx *sqlx.Tx, posts []batchedWrite, outs []postOutcome, events [][]NewEvent, done []bool, wall int64, outermost string) (int64, string, error) {
	alone := len(posts) == 1
	opened := false // a post's savepoint is open
	for i, p := range posts {
		if done[i] {
			continue
		}
		if !alone {
			if err := enterPost(ctx, tx, p.shopID, opened); err != nil {
				return 0, "", err
			}
		}
		before := wall
		wall, opened = p.shopID, !alone
		if opened && outermost == "" {
			outermost = "post"
		}
		outs[i].res, events[i], outs[i].err = s.postInTx(ctx, tx, p.shopID, p.profileID, p.post)
		if outs[i].err == nil || alone {
			continue
		}
		if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT post`); err != nil {
			return 0, "", fmt.Errorf("post messages: roll back a failed post (%v): %w", outs[i].err, err)
		}
		wall = before // the rollback undid the post's setting too
	}
	return wall, outermost, nil
}

// enterPost starts a post in the batch's transaction: it releases the
// savepoint of the post before (release), opens the post's own, and sets
// the shop wall to shopID, in one round trip. The shop id is a number
// formatted here, never text from a request.
func enterPost(ctx context.Context, tx *sqlx.Tx, shopID int64, release bool) error {
	sql := ""
	if release {
		sql = "RELEASE SAVEPOINT post; "
	}
	sql += "SAVEPOINT post; " + wallSQL(shopID)
	if _, err := tx.ExecContext(ctx, sql); err != nil {
		return fmt.Errorf("post messages in shop %d: %w", shopID, err)
	}
	return nil
}

// wallSQL sets the shop wall of the transaction to shopID (beginInShop).
func wallSQL(shopID int64) string {
	return `SELECT set_config('` + shopSetting + `', '` + strconv.FormatInt(shopID, 10) + `', true)`
}

// appendPostEvents appends the events of the posts stored (those without
// an error), one statement for each shop in the order the shops first
// come, each post's events in the posts' order. wall is the shop the
// transaction's wall is set to now. The savepoint named outermost (none
// when "") is released first, so the events are written by the batch's
// transaction itself, not by the last post's savepoint.
func appendPostEvents(ctx context.Context, tx *sqlx.Tx, now time.Time, posts []batchedWrite, events [][]NewEvent, wall int64, outermost string) error {
	byShop := map[int64][]NewEvent{}
	var shops []int64
	for i, p := range posts {
		if len(events[i]) == 0 {
			continue
		}
		if _, ok := byShop[p.shopID]; !ok {
			shops = append(shops, p.shopID)
		}
		byShop[p.shopID] = append(byShop[p.shopID], events[i]...)
	}
	release := ""
	if outermost != "" {
		release = "RELEASE SAVEPOINT " + outermost + "; "
	}
	for _, shop := range shops {
		if shop != wall || release != "" {
			if _, err := tx.ExecContext(ctx, release+wallSQL(shop)); err != nil {
				return fmt.Errorf("post messages in shop %d: %w", shop, err)
			}
			wall, release = shop, ""
		}
		if _, err := appendEvents(ctx, tx, now, byShop[shop]...); err != nil {
			return err
		}
	}
	return nil
}
