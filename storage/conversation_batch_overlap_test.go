package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"
)

// holdCommits makes every transaction that stores a message wait, at its
// commit, for the advisory lock the test holds until it calls release: a
// deferred trigger takes that lock at the commit. waiting says how many
// commits wait.
func holdCommits(t *testing.T, f postFixture) (waiting func() int, release func()) {
	t.Helper()
	if _, err := f.owner.Exec(`CREATE FUNCTION hold_commit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$;
		CREATE CONSTRAINT TRIGGER hold_commit AFTER INSERT ON messages DEFERRABLE INITIALLY DEFERRED
			FOR EACH ROW EXECUTE FUNCTION hold_commit()`); err != nil {
		t.Fatal(err)
	}
	conn, err := f.owner.Connx(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(f.ctx, `SELECT pg_advisory_lock(4242)`); err != nil {
		t.Fatal(err)
	}
	waiting = func() int {
		return countRows(t, f.owner, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted`)
	}
	return waiting, func() {
		if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(4242)`); err != nil {
			t.Fatal(err)
		}
		conn.Close()
	}
}

// awaitCommitsWaiting returns once n commits wait, failing the test after
// a while.
func awaitCommitsWaiting(t *testing.T, waiting func() int, n int) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for waiting() < n {
		if time.Now().After(deadline) {
			t.Fatalf("%d commits waiting, want %d", waiting(), n)
		}
		time.Sleep(time.Millisecond) // polled: PostgreSQL signals nothing
	}
}

// A lane writes its next batch while the one before is committing: with
// the first batch's commit held, the posts that arrive meanwhile are
// written and reach their own commit; released, every post is stored.
func TestALanesNextBatchIsWrittenWhileTheOneBeforeCommits(t *testing.T) {
	f := newPostFixture(t, 60, 4)
	waiting, release := holdCommits(t, f)
	first := f.profiles[0]
	next := f.sameLane(first)[:6]
	var wg sync.WaitGroup
	errs := make(chan error, 1+len(next))
	send := func(p int64) {
		defer wg.Done()
		if _, err := f.send(f.ctx, p, newClientID(), "overlapped"); err != nil {
			errs <- err
		}
	}
	wg.Add(1)
	go send(first)
	awaitCommitsWaiting(t, waiting, 1)
	for _, p := range next {
		wg.Add(1)
		go send(p)
	}
	awaitCommitsWaiting(t, waiting, 2)
	release()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := countRows(t, f.owner, `SELECT count(*) FROM messages WHERE body = 'overlapped'`); n != 1+len(next) {
		t.Fatalf("%d posts stored, want %d", n, 1+len(next))
	}
}
