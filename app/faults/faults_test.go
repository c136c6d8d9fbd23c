package faults

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"hubchat/app/loadtest"
)

// TestMain removes the hubchat built for the run. The scenarios start their
// own PostgreSQL (they restart and crash it), not the tests' shared one.
func TestMain(m *testing.M) {
	code := m.Run()
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

// The LISTEN connection that feeds every stream of an instance is
// terminated by the server, twice, during a chat: the listener reconnects
// and the streams fill what they missed from the event log.
func TestFaultListenConnectionTerminated(t *testing.T) {
	r := newRig(t, 1)
	one := r.target(r.instances[0])
	shoppers, agents := r.people(one, one, 1_000_001, 8, 2)
	r.run(scenario{name: "LISTEN connection terminated (twice)", chat: 6 * time.Second, sendEvery: time.Second, faultAfter: 2 * time.Second,
		inject: func() time.Duration {
			terminate := `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'hubchat_listener'`
			r.exec(terminate)
			r.awaitListener(time.Now(), 20*time.Second)
			start := time.Now()
			r.exec(terminate)
			return r.awaitListener(start, 20*time.Second)
		}}, shoppers, agents, one.Instances)
	r.after("LISTEN connection terminated", one, one, 1_100_001)
}

// awaitListener waits for the instance's LISTEN connection to be back and
// returns how long that took from since.
func (r *rig) awaitListener(since time.Time, within time.Duration) time.Duration {
	r.t.Helper()
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var n int
		if err := r.db.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'hubchat_listener'`).Scan(&n); err == nil && n > 0 {
			return time.Since(since)
		}
	}
	r.t.Fatalf("the LISTEN connection did not come back within %s", within)
	return 0
}

// A lock held on the messages table past the statement deadline (10 s):
// the sends that wait on it are refused when their deadline passes, none
// is half-stored, and once the lock is gone the app serves again by itself.
func TestFaultDatabaseSlowedByAHeldLock(t *testing.T) {
	long(t)
	r := newRig(t, 1)
	one := r.target(r.instances[0])
	shoppers, agents := r.people(one, one, 2_000_001, 8, 2)
	r.run(scenario{name: "messages locked 12 s (statement deadline 10 s)", chat: 16 * time.Second, sendEvery: time.Second, faultAfter: 2 * time.Second,
		inject: func() time.Duration {
			ctx := context.Background()
			tx, err := r.db.BeginTx(ctx, nil)
			if err != nil {
				t.Error(err)
				return 0
			}
			if _, err := tx.Exec(`LOCK TABLE messages IN ACCESS EXCLUSIVE MODE`); err != nil {
				t.Error(err)
			}
			time.Sleep(12 * time.Second)
			released := time.Now()
			tx.Rollback()
			return r.awaitReady(r.instances[0], released, 30*time.Second)
		}}, shoppers, agents, one.Instances)
	r.after("messages locked", one, one, 2_100_001)
}

// PostgreSQL restarted cleanly, then crashed (immediate stop, recovery
// from its WAL), during a chat: sends meanwhile are refused (503, to be
// retried), every acknowledged message survives and is delivered once.
func TestFaultPostgresRestartedDuringChat(t *testing.T) {
	long(t)
	r := newRig(t, 1)
	one := r.target(r.instances[0])
	for i, mode := range []string{"fast", "immediate"} {
		shoppers, agents := r.people(one, one, int64(3_000_001+i*100_000), 8, 2)
		r.run(scenario{name: "PostgreSQL restarted (" + mode + ")", chat: 10 * time.Second, sendEvery: time.Second, faultAfter: 3 * time.Second,
			inject: func() time.Duration {
				if err := r.cluster.Restart(context.Background(), mode); err != nil {
					t.Error(err)
				}
				return r.awaitReady(r.instances[0], time.Now(), 60*time.Second)
			}}, shoppers, agents, one.Instances)
	}
	r.after("PostgreSQL restarted", one, one, 3_500_001)
}

// One of two instances is killed (SIGKILL) during a chat and started again
// behind the same address, as a supervisor does: its shoppers' sends fail
// while it is down, their streams reconnect with Last-Event-ID and resume
// without a gap, the agents on the other instance miss nothing, and the
// jobs the dead one held are finished by a live worker.
func TestFaultOneOfTwoInstancesKilled(t *testing.T) {
	long(t)
	r := newRig(t, 2)
	both, first := r.target(r.instances...), r.target(r.instances[0])
	shoppers, agents := r.people(both, first, 4_000_001, 8, 2)
	victim := r.instances[1]
	r.run(scenario{name: "one of two instances killed and restarted", chat: 12 * time.Second, sendEvery: time.Second, faultAfter: 3 * time.Second,
		inject: func() time.Duration {
			port := portOf(t, victim.Base)
			victim.Kill()
			time.Sleep(time.Second)
			killedAt := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			again := r.start(ctx, buildHubchat(t), 1, port)
			return r.awaitReady(again, killedAt, 30*time.Second)
		}}, shoppers, agents, []*loadtest.Instance{r.instances[0]})
	r.after("instance killed", first, first, 4_100_001)
	r.awaitJobsSettled(t, 40*time.Second) // a dead worker's lease is 15 s
}

// awaitJobsSettled waits until no job is queued due or running.
func (r *rig) awaitJobsSettled(t *testing.T, within time.Duration) {
	t.Helper()
	var n int
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err := r.db.QueryRow(`SELECT count(*) FROM jobs WHERE status = 'running' OR status = 'queued' AND run_at <= now()`).Scan(&n); err == nil && n == 0 {
			return
		}
	}
	t.Errorf("%d jobs still unfinished %s after the fault", n, within)
}
