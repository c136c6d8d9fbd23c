package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/lib/pq"
)

// floorChannel is the NOTIFY channel of the floor measurement, apart from
// the app's own.
const floorChannel = "hubchat_load_floor"

// NotifyFloor measures the database's floor: the time from sending one
// committed `INSERT …; NOTIFY` (one implicit transaction, as the app's
// message write ends) to a LISTEN connection receiving it, rounds times,
// one at a time. The rows go to a table of their own, logged like the
// app's (a temporary table writes no WAL, so its commit would skip the
// flush every real message pays); it is dropped afterwards.
func NotifyFloor(ctx context.Context, databaseURL string, rounds int) (Latencies, error) {
	listener := pq.NewListener(databaseURL, 50*time.Millisecond, time.Second, nil)
	defer listener.Close()
	if err := listener.Listen(floorChannel); err != nil {
		return Latencies{}, fmt.Errorf("listen: %w", err)
	}
	db, err := sql.Open("postgres", databaseURL)
	if err != nil {
		return Latencies{}, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return Latencies{}, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS hubchat_load_floor (id bigserial PRIMARY KEY, body text NOT NULL)`); err != nil {
		return Latencies{}, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS hubchat_load_floor`)
	var took []time.Duration
	for i := range rounds {
		payload := strconv.Itoa(i)
		start := time.Now()
		// No arguments: lib/pq sends one simple query, which PostgreSQL
		// runs as one transaction, committed before NOTIFY is delivered.
		if _, err := conn.ExecContext(ctx, `INSERT INTO hubchat_load_floor (body) VALUES ('floor'); NOTIFY `+floorChannel+`, '`+payload+`'`); err != nil {
			return Latencies{}, err
		}
		if err := awaitNotification(ctx, listener, payload); err != nil {
			return Latencies{}, err
		}
		took = append(took, time.Since(start))
	}
	return Summarise(took), nil
}

// awaitNotification waits for the notification with payload.
func awaitNotification(ctx context.Context, l *pq.Listener, payload string) error {
	timeout := time.After(5 * time.Second)
	for {
		select {
		case n := <-l.Notify:
			if n != nil && n.Extra == payload {
				return nil
			}
		case <-timeout:
			return fmt.Errorf("notification %s not received within 5 s", payload)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// StreamFloor measures the server's floor: the time from a shopper's
// stream request to its first frame (the position it goes on from, which
// carries no event), one stream at a time, over rounds streams spread over
// the shoppers (each may open a few at once).
func StreamFloor(ctx context.Context, shoppers []*Shopper, rounds int) (Latencies, error) {
	var took []time.Duration
	for i := range rounds {
		s := shoppers[i%len(shoppers)]
		sctx, cancel := context.WithCancel(ctx)
		first := make(chan time.Time, 1)
		var once sync.Once
		st := s.Stream(func(e Event) { once.Do(func() { first <- e.At }) })
		start := time.Now()
		go st.Run(sctx, "", nil)
		select {
		case at := <-first:
			took = append(took, at.Sub(start))
		case <-time.After(5 * time.Second):
			cancel()
			return Latencies{}, fmt.Errorf("no first frame on a shopper stream within 5 s (failures %d)", st.Failures.Load())
		}
		cancel()
	}
	return Summarise(took), nil
}
