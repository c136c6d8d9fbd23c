package loadtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"time"
)

// The shoppers' side of the chatting scenario: each sends, awaits the
// reply, and sends again; a refused send is sent again with its client id.

// chat is shopper i's loop: send, await the reply, wait, send again,
// until ctx ends. A send under way then is finished under postCtx (the
// run's): a message the server took is accounted for like any other.
func (r *chatRun) chat(ctx, postCtx context.Context, i int) {
	// Start at a random point of the first period, so sends spread evenly;
	// in a run shorter than a period, within the run's first half, so every
	// shopper sends at least once however short the run.
	if !sleepCtx(ctx, firstSendAfter(r.cfg)) {
		return
	}
	for n := 1; ; n++ {
		tick := time.Now()
		r.send(postCtx, i, n)
		select {
		case <-r.replied[i]:
		case <-ctx.Done():
			return
		case <-time.After(r.cfg.SendEvery):
		}
		if !sleepCtx(ctx, r.cfg.SendEvery-time.Since(tick)) {
			return
		}
	}
}

// firstSendAfter is a random wait before a shopper's first send: within
// the first period, or within the first half of a run shorter than that.
func firstSendAfter(cfg ChatConfig) time.Duration {
	spread := cfg.SendEvery
	if half := cfg.Duration / 2; half < spread {
		spread = half
	}
	if spread <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(spread)))
}

// send posts shopper i's n-th message and records who should receive it.
func (r *chatRun) send(ctx context.Context, i, n int) {
	c, s := r.convs[i], r.shoppers[i]
	clientID := newClientID()
	c.mu.Lock()
	place := c.next
	c.next++
	c.awaiting = clientID
	c.mu.Unlock()
	sentAt := time.Now()
	var a PostAnswer
	resent, err := resending(ctx, func() (err error) {
		a, err = s.Post(ctx, clientID, "Hello, where is my order? message "+strconv.Itoa(n))
		return err
	})
	atomic.AddInt64(&r.stats.Resent, int64(resent))
	if err != nil {
		r.fail(err)
		c.taint()
		return
	}
	atomic.AddInt64(&r.stats.Sent, 1)
	c.mu.Lock()
	c.id = a.Conversation.ID
	c.mu.Unlock()
	r.byConv.Store(a.Conversation.ID, i)
	r.expectAtAgents(a.Conversation.ID, place, sentAt)
}

// resendFor is how long a refused send is tried again with its client id,
// as the widget and the composer resend a message whose send failed: the
// server stores it once however often it arrives.
const resendFor = 45 * time.Second

// resending calls send (a post of one message with its client id), and
// again while the answer says "try again" (503, 429) or none came (an
// instance down), for at most resendFor; resent counts the calls after the
// first.
func resending(ctx context.Context, send func() error) (resent int, err error) {
	deadline := time.Now().Add(resendFor)
	for ; ; resent++ {
		err = send()
		var he *HTTPError
		retryable := err != nil && (!errors.As(err, &he) || he.Status == 503 || he.Status == 429)
		if !retryable || time.Now().After(deadline) || !sleepCtx(ctx, 500*time.Millisecond) {
			return resent, err
		}
	}
}
