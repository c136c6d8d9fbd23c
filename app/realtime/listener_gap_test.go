package realtime_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"hubchat/app/realtime"
	"hubchat/storage"
)

// A gap in the ids is settled by its writer's commit, not by a wait for
// every appender in flight. Here a slow append holds the gap below a later
// one that has committed, and another instance's appender has taken the
// log's fence (and will draw its id later) and stays open. Once the slow
// one commits, both events arrive, while the other is still open: waiting
// for the appenders in flight at the gap would have waited for it too. (A
// gap that outlasts the listener's GapGrace is settled by that wait, as
// the test of a rolled-back writer shows; here the grace is long.)
func TestAGapIsSettledByItsWritersCommitNotByLaterAppenders(t *testing.T) {
	e := newEnv(t)
	in := e.start(t, realtime.ListenerConfig{Poll: time.Minute, GapGrace: time.Minute})
	_, _, fast := e.shopper(t, e.shop)
	sub, _ := in.hub.Subscribe(realtime.Agents(e.shop))
	defer sub.Close()

	release := e.holdConversation(t, e.conversation)
	slow := make(chan int64, 1)
	go func() {
		id, err := e.log.Append(context.Background(), e.message("slow"))
		if err != nil {
			t.Errorf("slow append: %v", err)
		}
		slow <- id
	}()
	e.waitForBlockedAppend(t)
	e.holdAppendersFence(t)
	late := e.append(t, storage.NewEvent{ShopID: e.shop, Kind: "message.created", ConversationID: fast})
	expectQuiet(t, sub, 300*time.Millisecond)

	release(false)
	early := <-slow
	got := make(chan []int64, 1)
	go func() { got <- collect(t, sub, 2) }()
	select {
	case ids := <-got:
		if fmt.Sprint(ids) != fmt.Sprint([]int64{early, late}) {
			t.Fatalf("received %v, want %v", ids, []int64{early, late})
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the events after the gap waited for an appender that started after it")
	}
}

// holdAppendersFence opens a transaction that takes the event log's fence,
// as an appender of another instance does before it draws its id, and keeps
// it until the test ends. The fence's lock space is read from the lock the
// blocked append holds (waitForBlockedAppend).
func (e *env) holdAppendersFence(t *testing.T) {
	t.Helper()
	var space int64
	if err := e.db.Get(&space, `SELECT l.classid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted AND a.query LIKE '%INSERT INTO events%'
		LIMIT 1`); err != nil {
		t.Fatalf("the blocked append's fence: %v", err)
	}
	tx := e.db.MustBeginTx(context.Background(), nil)
	t.Cleanup(func() { tx.Rollback() })
	tx.MustExec(`SELECT pg_advisory_xact_lock($1::int, (pg_current_xact_id()::text::bigint % 2147483647)::int)`, space)
}
