package storage

import (
	"context"
	"sync"
	"time"
)

// combiner is group commit in the app: it gathers the writes that
// concurrent requests ask for while a batch is being written, and writes
// them as the next batch, in one statement (one commit, one WAL flush for
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
// One batch is written at a time, by a goroutine that starts when a write
// arrives to an idle combiner and ends when no write waits.
type combiner[In, Out any] struct {
	// write stores a batch in one statement: one result per input, in
	// order, or an error for the whole batch (nothing stored).
	write func(ctx context.Context, batch []In) ([]Out, error)
	// maxBatch caps a batch, bounding a statement's size.
	maxBatch int
	// timeout bounds writing one batch; callers' contexts are not the
	// batch's, which serves other callers too.
	timeout time.Duration

	mu      sync.Mutex
	waiting []*combinedWrite[In, Out]
	writing bool // a goroutine is writing batches
}

// combinedWrite is one caller's write, and its answer once done is closed.
type combinedWrite[In, Out any] struct {
	ctx  context.Context
	in   In
	out  Out
	err  error
	done chan struct{}
}

// do writes in with the next batch and returns its result once that batch
// has committed, or ctx's error as soon as ctx ends.
func (c *combiner[In, Out]) do(ctx context.Context, in In) (Out, error) {
	w := &combinedWrite[In, Out]{ctx: ctx, in: in, done: make(chan struct{})}
	c.mu.Lock()
	c.waiting = append(c.waiting, w)
	start := !c.writing
	c.writing = true
	c.mu.Unlock()
	if start {
		go c.writeBatches()
	}
	select {
	case <-w.done:
		return w.out, w.err
	case <-ctx.Done():
		var zero Out
		return zero, ctx.Err()
	}
}

// writeBatches writes the waiting writes, a batch at a time, until none
// waits.
func (c *combiner[In, Out]) writeBatches() {
	for {
		c.mu.Lock()
		n := min(len(c.waiting), c.maxBatch)
		if n == 0 {
			c.writing = false
			c.waiting = nil
			c.mu.Unlock()
			return
		}
		batch := append([]*combinedWrite[In, Out](nil), c.waiting[:n]...)
		c.waiting = c.waiting[n:]
		c.mu.Unlock()
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
