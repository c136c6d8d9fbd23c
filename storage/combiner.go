package storage

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// combiner is group commit in the app: it gathers the writes that
// concurrent requests ask for while a batch is being written, and writes
// them as the next batch, in one transaction (one commit, one WAL flush for
// all of them) instead of one commit each. A busy instance writes as many
// batches a second as the database flushes, each as large as what arrived
// meanwhile; a quiet one writes each request alone, at once.
//
// Each caller is answered after its batch has committed, with its own
// result. A batch that fails is written again one write at a time, so a
// write that cannot be stored fails only its own request. A caller whose
// context ends is answered at once with its error; its write is left out
// if its batch has not started, and otherwise commits or not with it.
//
// Writes go into lanes (laneOf; one lane unless laneCount says more). A
// lane writes its batches in the order their writes arrived, each by a
// goroutine of its own; lanes write at the same time, each batch on a
// connection of its own. Writes that must keep their order go to the same
// lane. A lane starts its next batch when the one before has committed,
// or, with writeOverlapped, as soon as the one before is committing (all
// its statements done, its locks held): the next batch's statements then
// run during the previous one's WAL flush, and any of its writes that
// touch the same rows wait for that commit on the rows' locks. At most
// maxBatchesInFlight batches of a lane are being written at once.
type combiner[In, Out any] struct {
	// write stores a batch in one transaction: one result per input, in
	// order, or an error for the whole batch (nothing stored).
	write func(ctx context.Context, batch []In) ([]Out, error)
	// writeOverlapped, when set, is used instead of write: it closes
	// committing just before it commits, which lets the lane's next batch
	// start (a signal, not a call: nothing runs in its transaction).
	writeOverlapped func(ctx context.Context, batch []In, committing chan<- struct{}) ([]Out, error)
	// maxBatch caps a batch, bounding a transaction's size and how long it
	// holds its locks.
	maxBatch int
	// timeout bounds writing one batch; callers' contexts are not the
	// batch's, which serves other callers too.
	timeout time.Duration
	// laneCount is how many lanes there are (0 is one); laneOf picks a
	// write's lane, taken modulo laneCount.
	laneCount int
	laneOf    func(In) uint64

	once  sync.Once
	lanes []combinerLane[In, Out]
	// writtenAgain counts the batches that failed as a whole and were
	// written again one write at a time (a deadlock, a failed commit).
	writtenAgain atomic.Int64
}

// maxBatchesInFlight bounds a lane's batches being written at once: one
// short of its commit, the others committing.
const maxBatchesInFlight = 2

// combinerLane is one lane's queue.
type combinerLane[In, Out any] struct {
	mu      sync.Mutex
	waiting []*combinedWrite[In, Out]
	// writing says a batch of the lane is being written and has not yet
	// reached its commit: the next one waits for it.
	writing bool
	// inFlight counts the lane's batches being written, committing or not.
	inFlight int
}

// combinedWrite is one caller's write, and its answer once done is closed.
type combinedWrite[In, Out any] struct {
	ctx  context.Context
	in   In
	out  Out
	err  error
	done chan struct{}
}

// do writes in with the next batch of its lane and returns its result
// once that batch has committed, or ctx's error as soon as ctx ends.
func (c *combiner[In, Out]) do(ctx context.Context, in In) (Out, error) {
	w := &combinedWrite[In, Out]{ctx: ctx, in: in, done: make(chan struct{})}
	lane := c.lane(in)
	lane.mu.Lock()
	lane.waiting = append(lane.waiting, w)
	c.startNext(lane)
	lane.mu.Unlock()
	select {
	case <-w.done:
		return w.out, w.err
	case <-ctx.Done():
		var zero Out
		return zero, ctx.Err()
	}
}

// lane is in's lane.
func (c *combiner[In, Out]) lane(in In) *combinerLane[In, Out] {
	lanes := c.allLanes()
	if len(lanes) == 1 {
		return &lanes[0]
	}
	return &lanes[c.laneOf(in)%uint64(len(lanes))]
}

// allLanes are the combiner's lanes, made on first use.
func (c *combiner[In, Out]) allLanes() []combinerLane[In, Out] {
	c.once.Do(func() { c.lanes = make([]combinerLane[In, Out], max(1, c.laneCount)) })
	return c.lanes
}

// startNext starts writing the lane's next batch, when writes wait, no
// batch of the lane is short of its commit, and fewer than
// maxBatchesInFlight are being written. The caller holds lane.mu.
func (c *combiner[In, Out]) startNext(lane *combinerLane[In, Out]) {
	n := min(len(lane.waiting), c.maxBatch)
	if n == 0 || lane.writing || lane.inFlight >= maxBatchesInFlight {
		return
	}
	batch := append([]*combinedWrite[In, Out](nil), lane.waiting[:n]...)
	lane.waiting = lane.waiting[n:]
	if len(lane.waiting) == 0 {
		lane.waiting = nil
	}
	lane.writing = true
	lane.inFlight++
	go c.runBatch(lane, batch)
}

// runBatch writes a batch of the lane and starts the next one once this
// one is committing (or done).
func (c *combiner[In, Out]) runBatch(lane *combinerLane[In, Out], batch []*combinedWrite[In, Out]) {
	committing, written, released := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(released)
		select {
		case <-committing:
		case <-written:
		}
		lane.mu.Lock()
		lane.writing = false
		c.startNext(lane)
		lane.mu.Unlock()
	}()
	c.writeBatch(batch, committing)
	close(written)
	<-released
	lane.mu.Lock()
	lane.inFlight--
	c.startNext(lane)
	lane.mu.Unlock()
}

// writeBatch writes the batch's live writes together, or, when that
// fails, each alone. The writes written again alone do not signal
// committing: the lane's next batch, which may hold later writes of the
// same senders, waits until they are all done. Only a batch whose COMMIT
// itself fails (its connection lost), after the signal, can have a later
// batch go before the writes it writes again.
func (c *combiner[In, Out]) writeBatch(batch []*combinedWrite[In, Out], committing chan<- struct{}) {
	live := batch[:0]
	for _, w := range batch {
		if err := w.ctx.Err(); err != nil {
			w.answer(*new(Out), err) // gone: not written
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		return
	}
	outs, err := c.writeTogether(live, committing)
	if err == nil {
		for i, w := range live {
			w.answer(outs[i], nil)
		}
		return
	}
	if len(live) == 1 {
		live[0].answer(*new(Out), err)
		return
	}
	c.writtenAgain.Add(1)
	for _, w := range live {
		outs, err := c.writeTogether([]*combinedWrite[In, Out]{w}, make(chan struct{}))
		if err != nil {
			w.answer(*new(Out), err)
			continue
		}
		w.answer(outs[0], nil)
	}
}

// writeTogether runs write (or writeOverlapped) for ws, within the
// combiner's timeout.
func (c *combiner[In, Out]) writeTogether(ws []*combinedWrite[In, Out], committing chan<- struct{}) ([]Out, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	ins := make([]In, len(ws))
	for i, w := range ws {
		ins[i] = w.in
	}
	if c.writeOverlapped != nil {
		return c.writeOverlapped(ctx, ins, committing)
	}
	return c.write(ctx, ins)
}

func (w *combinedWrite[In, Out]) answer(out Out, err error) {
	w.out, w.err = out, err
	close(w.done)
}

// waitingCount is how many writes wait for a batch, in every lane.
func (c *combiner[In, Out]) waitingCount() int {
	n := 0
	lanes := c.allLanes()
	for i := range lanes {
		lanes[i].mu.Lock()
		n += len(lanes[i].waiting)
		lanes[i].mu.Unlock()
	}
	return n
}
