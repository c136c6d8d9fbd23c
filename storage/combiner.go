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
// lane writes one batch at a time, in the order its writes arrived, by a
// goroutine that starts when a write arrives to the idle lane and ends
// when none waits; lanes write at the same time, each on a connection of
// its own. Writes that must keep their order go to the same lane.
type combiner[In, Out any] struct {
	// write stores a batch in one transaction: one result per input, in
	// order, or an error for the whole batch (nothing stored).
	write func(ctx context.Context, batch []In) ([]Out, error)
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

// combinerLane is one lane's queue.
type combinerLane[In, Out any] struct {
	mu      sync.Mutex
	waiting []*combinedWrite[In, Out]
	writing bool // a goroutine is writing this lane's batches
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
	start := !lane.writing
	lane.writing = true
	lane.mu.Unlock()
	if start {
		go c.writeBatches(lane)
	}
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

// writeBatches writes the lane's waiting writes, a batch at a time, until
// none waits.
func (c *combiner[In, Out]) writeBatches(lane *combinerLane[In, Out]) {
	for {
		lane.mu.Lock()
		n := min(len(lane.waiting), c.maxBatch)
		if n == 0 {
			lane.writing = false
			lane.waiting = nil
			lane.mu.Unlock()
			return
		}
		batch := append([]*combinedWrite[In, Out](nil), lane.waiting[:n]...)
		lane.waiting = lane.waiting[n:]
		lane.mu.Unlock()
		c.writeBatch(batch)
	}
}

// writeBatch writes the batch's live writes together, or, when that
// fails, each alone.
func (c *combiner[In, Out]) writeBatch(batch []*combinedWrite[In, Out]) {
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
	outs, err := c.writeTogether(live)
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
		outs, err := c.writeTogether([]*combinedWrite[In, Out]{w})
		if err != nil {
			w.answer(*new(Out), err)
			continue
		}
		w.answer(outs[0], nil)
	}
}

// writeTogether runs write for ws, within the combiner's timeout.
func (c *combiner[In, Out]) writeTogether(ws []*combinedWrite[In, Out]) ([]Out, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	ins := make([]In, len(ws))
	for i, w := range ws {
		ins[i] = w.in
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
