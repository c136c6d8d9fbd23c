package loadtest

import (
	"sync"
	"time"
)

// Ledger accounts for deliveries: each message a recipient should receive is
// expected once, with the time its sender started the POST that was
// accepted; each receipt on the recipient's stream is recorded. Delivered
// latency is receipt minus that start. Receipts may come before the
// expectation is recorded (the event can beat the POST's answer back to the
// sender), so nothing is judged until Tally. It is safe for concurrent use.
type Ledger struct {
	mu       sync.Mutex
	expected map[delivery]time.Time
	received map[delivery][]time.Time
}

// delivery is one message to one recipient.
type delivery struct {
	recipient, message string
}

// NewLedger returns an empty ledger.
func NewLedger() *Ledger {
	return &Ledger{expected: map[delivery]time.Time{}, received: map[delivery][]time.Time{}}
}

// Expect records that recipient should receive message, sent at sentAt.
// Expecting the same delivery twice keeps the first time.
func (l *Ledger) Expect(recipient, message string, sentAt time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := delivery{recipient, message}
	if _, ok := l.expected[k]; !ok {
		l.expected[k] = sentAt
	}
}

// Receive records that recipient's stream delivered message at at.
func (l *Ledger) Receive(recipient, message string, at time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := delivery{recipient, message}
	l.received[k] = append(l.received[k], at)
}

// Tally is what a ledger found.
type Tally struct {
	Latencies Latencies
	// Delivered counts expected deliveries received at least once.
	Delivered int
	// Lost counts expected deliveries never received.
	Lost int
	// Duplicated counts receipts beyond the first of an expected delivery,
	// and receipts of a message the recipient was never to receive.
	Duplicated int
}

// Tally judges every delivery: latency from the send to the first receipt.
func (l *Ledger) Tally() Tally { return TallyAll(l) }

// TallyAll judges the deliveries of several ledgers together (their
// percentiles over the union of their latencies).
func TallyAll(ledgers ...*Ledger) Tally {
	var t Tally
	var lat []time.Duration
	for _, l := range ledgers {
		l.tally(&t, &lat)
	}
	t.Latencies = Summarise(lat)
	return t
}

// tally adds l's deliveries to t and their latencies to lat.
func (l *Ledger) tally(t *Tally, lat *[]time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, sent := range l.expected {
		got := l.received[k]
		if len(got) == 0 {
			t.Lost++
			continue
		}
		t.Delivered++
		t.Duplicated += len(got) - 1
		first := got[0]
		for _, at := range got[1:] {
			if at.Before(first) {
				first = at
			}
		}
		*lat = append(*lat, first.Sub(sent))
	}
	for k, got := range l.received {
		if _, ok := l.expected[k]; !ok {
			t.Duplicated += len(got)
		}
	}
}

// Outstanding counts expected deliveries not received yet.
func (l *Ledger) Outstanding() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k := range l.expected {
		if len(l.received[k]) == 0 {
			n++
		}
	}
	return n
}

// Drop forgets every expectation and receipt of the messages drop names:
// deliveries the sender cannot account for (a send that failed may or
// may not have been stored). It returns how many receipts it forgot.
func (l *Ledger) Drop(drop func(message string) bool) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for k := range l.expected {
		if drop(k.message) {
			delete(l.expected, k)
		}
	}
	for k, got := range l.received {
		if drop(k.message) {
			n += len(got)
			delete(l.received, k)
		}
	}
	return n
}
