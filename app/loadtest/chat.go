package loadtest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ChatConfig shapes the chatting scenario.
type ChatConfig struct {
	Shoppers, Agents int
	// SendEvery is how often a shopper sends (after the reply to its last
	// message came, or ReplyWait passed).
	SendEvery time.Duration
	// Duration is how long shoppers send; deliveries still in flight get
	// a short drain after it.
	Duration time.Duration
}

// ChatResult is what the scenario measured. ToShoppers is the agents'
// replies reaching their shopper's stream (matched by client id);
// ToAgents is every message reaching every agent's inbox stream (matched by
// its place in its conversation, since that stream names only the ticket).
type ChatResult struct {
	ToShoppers, ToAgents Tally
	All                  Tally // both together
	Sent, Replies        int64
	Errors               int64
	// Resent counts sends tried again with their client id after a "try
	// again" answer (503, 429) or none (see postRetrying).
	Resent     int64
	FirstError string
	Reconnects int64
	// Tainted counts conversations with a failed send: the server may
	// have stored it, so their places on the agents' streams are unknown;
	// their deliveries to agents (Unaccounted receipts) are left out of
	// ToAgents. Errors says why the sends failed.
	Tainted     int
	Unaccounted int
	Elapsed     time.Duration
	ServerCPU   float64 // cores used by the instances together
	ToolCPU     float64 // cores used by the load tool itself
}

// conversationLog orders one conversation's messages as its stream does.
type conversationLog struct {
	mu       sync.Mutex
	id       int64
	next     int // the place of the next message
	awaiting string
	tainted  bool // a send failed: its places are unknown
}

// taint marks the conversation's places unknown: a send failed, and the
// server may or may not have taken it.
func (c *conversationLog) taint() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tainted = true
}

// chatRun is one run of the scenario.
type chatRun struct {
	cfg       ChatConfig
	shoppers  []*Shopper
	agents    []*Agent
	convs     []*conversationLog // per shopper
	byConv    sync.Map           // conversation id -> shopper index
	agentsLog *Ledger
	shopLog   *Ledger
	replied   []chan struct{} // per shopper: its awaited reply came
	replying  atomic.Int64    // replies being sent
	stats     ChatResult
	errMu     sync.Mutex
}

// RunChat runs shoppers chatting with agents: each shopper's conversation
// has an owning agent (on another instance when there are several) who
// answers each message as it appears on their inbox stream.
func RunChat(ctx context.Context, shoppers []*Shopper, agents []*Agent, cfg ChatConfig, instances []*Instance) (ChatResult, error) {
	r := &chatRun{cfg: cfg, shoppers: shoppers, agents: agents, agentsLog: NewLedger(), shopLog: NewLedger()}
	for range shoppers {
		r.convs = append(r.convs, &conversationLog{next: 1})
		r.replied = append(r.replied, make(chan struct{}, 1))
	}
	streamsCtx, stopStreams := context.WithCancel(ctx)
	defer stopStreams()
	var streams []*Stream
	var wg sync.WaitGroup
	open := func(st *Stream, lastID string) {
		ready := make(chan struct{})
		streams = append(streams, st)
		wg.Add(1)
		go func() { defer wg.Done(); st.Run(streamsCtx, lastID, ready) }()
		<-ready
	}
	for k, a := range agents {
		open(a.Stream(r.agentEvents(k)), "")
	}
	for i, s := range shoppers {
		open(s.Stream(r.shopperEvents(i)), strconv.FormatInt(s.EventID, 10))
	}
	before, toolBefore := cpuOf(instances), selfCPU()
	start := time.Now()
	sendCtx, stopSending := context.WithTimeout(ctx, cfg.Duration)
	var senders sync.WaitGroup
	for i := range shoppers {
		senders.Add(1)
		go func() { defer senders.Done(); r.chat(sendCtx, ctx, i) }()
	}
	senders.Wait()
	stopSending()
	r.drain(resendFor + 25*time.Second) // a reply is resent for a while, each request timing out after 20 s
	r.stats.Elapsed = time.Since(start)
	r.stats.ServerCPU = coresUsed(before, cpuOf(instances))
	r.stats.ToolCPU = coresUsed(toolBefore, selfCPU())
	stopStreams()
	wg.Wait()
	for _, st := range streams {
		r.stats.Reconnects += st.Reconnects.Load()
	}
	r.leaveOutTainted()
	r.stats.ToAgents, r.stats.ToShoppers = r.agentsLog.Tally(), r.shopLog.Tally()
	r.stats.All = TallyAll(r.agentsLog, r.shopLog)
	return r.stats, nil
}

// expectAtAgents expects a conversation's message, by its place, on every
// agent's stream.
func (r *chatRun) expectAtAgents(conv int64, place int, sentAt time.Time) {
	key := placeKey(conv, place)
	for k := range r.agents {
		r.agentsLog.Expect(agentName(k), key, sentAt)
	}
}

func placeKey(conv int64, place int) string {
	return strconv.FormatInt(conv, 10) + "#" + strconv.Itoa(place)
}

func agentName(k int) string   { return "agent " + strconv.Itoa(k) }
func shopperName(i int) string { return "shopper " + strconv.Itoa(i) }

// owner is the agent answering shopper i: with two instances and an even
// number of agents, one on the other instance.
func (r *chatRun) owner(i int) int { return (i + 1) % len(r.agents) }

// agentEvents records agent k's stream and answers its own tickets' new
// shopper messages.
func (r *chatRun) agentEvents(k int) func(Event) {
	seen := map[int64]int{} // conversation -> messages seen (stream's goroutine only)
	return func(e Event) {
		ch, ok := changeOf(e)
		if !ok || ch.Kind != "message.created" {
			return
		}
		seen[ch.ConversationID]++
		r.agentsLog.Receive(agentName(k), placeKey(ch.ConversationID, seen[ch.ConversationID]), e.At)
		v, ok := r.byConv.Load(ch.ConversationID)
		if !ok {
			// The POST's answer has not reached its shopper yet: ask again
			// shortly, as an agent would glance back at the inbox.
			r.replying.Add(1)
			go func() { defer r.replying.Add(-1); r.replyWhenKnown(k, ch.ConversationID) }()
			return
		}
		if i := v.(int); r.owner(i) == k {
			r.replying.Add(1)
			go func() { defer r.replying.Add(-1); r.reply(k, i) }()
		}
	}
}

// leaveOutTainted drops from the agents' ledger the conversations whose
// places are unknown: those with a failed send, and those no accepted
// POST ever named (only a failed first send can have made them).
func (r *chatRun) leaveOutTainted() {
	tainted := map[string]bool{}
	for _, c := range r.convs {
		if c.tainted {
			r.stats.Tainted++
			if c.id != 0 {
				tainted[strconv.FormatInt(c.id, 10)] = true
			}
		}
	}
	r.stats.Unaccounted = r.agentsLog.Drop(func(message string) bool {
		conv, _, _ := strings.Cut(message, "#")
		id, _ := strconv.ParseInt(conv, 10, 64)
		_, known := r.byConv.Load(id)
		return tainted[conv] || !known
	})
}

// drain waits until no reply is being sent and every expected delivery
// has arrived, or at most within: what has not arrived by then is lost.
func (r *chatRun) drain(within time.Duration) {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) && r.replying.Load()+int64(r.agentsLog.Outstanding()+r.shopLog.Outstanding()) > 0 {
		time.Sleep(20 * time.Millisecond)
	}
}

// replyWhenKnown waits (briefly, boundedly) for the shopper's POST answer
// naming the conversation, then replies if k owns it.
func (r *chatRun) replyWhenKnown(k int, conv int64) {
	for range 50 {
		time.Sleep(20 * time.Millisecond)
		if v, ok := r.byConv.Load(conv); ok {
			if i := v.(int); r.owner(i) == k {
				r.reply(k, i)
			}
			return
		}
	}
}

// reply answers shopper i's awaited message, once.
func (r *chatRun) reply(k, i int) {
	c := r.convs[i]
	c.mu.Lock()
	if c.awaiting == "" || c.id == 0 {
		c.mu.Unlock()
		return
	}
	c.awaiting = ""
	place, conv := c.next, c.id
	c.next++
	c.mu.Unlock()
	clientID := newClientID()
	sentAt := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), resendFor+20*time.Second)
	defer cancel()
	resent, err := resending(ctx, func() error {
		one, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		return r.agents[k].Reply(one, conv, clientID, "Thanks! It ships today.")
	})
	atomic.AddInt64(&r.stats.Resent, int64(resent))
	if err != nil {
		r.fail(err)
		c.taint()
		return
	}
	atomic.AddInt64(&r.stats.Replies, 1)
	r.expectAtAgents(conv, place, sentAt)
	r.shopLog.Expect(shopperName(i), clientID, sentAt)
}

// shopperEvents records shopper i's stream: the agents' replies.
func (r *chatRun) shopperEvents(i int) func(Event) {
	return func(e Event) {
		m, ok := messageOf(e)
		if !ok || m.Author != "agent" || m.ClientID == nil {
			return
		}
		r.shopLog.Receive(shopperName(i), *m.ClientID, e.At)
		select {
		case r.replied[i] <- struct{}{}:
		default:
		}
	}
}

func (r *chatRun) fail(err error) {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	r.stats.Errors++
	if r.stats.FirstError == "" {
		r.stats.FirstError = err.Error()
	}
}

// sleepCtx sleeps d unless ctx ends first (false).
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// cpuOf reads the instances' CPU time so far.
func cpuOf(instances []*Instance) []ProcessStats {
	var out []ProcessStats
	for _, in := range instances {
		st, _ := readProcess(in.Pid())
		out = append(out, st)
	}
	return out
}

// selfCPU reads the tool's own CPU time so far.
func selfCPU() []ProcessStats {
	st, _ := readProcess(os.Getpid())
	return []ProcessStats{st}
}

// coresUsed is the CPU time the instances used between two readings, over
// the wall time between them.
func coresUsed(before, after []ProcessStats) float64 {
	var cpu time.Duration
	var wall time.Duration
	for i := range min(len(before), len(after)) {
		cpu += after[i].CPU - before[i].CPU
		wall = after[i].At.Sub(before[i].At)
	}
	if wall <= 0 {
		return 0
	}
	return float64(cpu) / float64(wall)
}

// String summarises a chat result.
func (c ChatResult) String() string {
	return fmt.Sprintf("sent %d, replies %d, errors %d (%d conversations with a failed send, their %d receipts at agents left out), stream reconnects %d, CPU: servers %.2f cores, tool %.2f",
		c.Sent, c.Replies, c.Errors, c.Tainted, c.Unaccounted, c.Reconnects, c.ServerCPU, c.ToolCPU)
}
