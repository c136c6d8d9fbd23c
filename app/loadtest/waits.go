package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

// WaitCount is how often PostgreSQL's sessions were seen in one state on
// one statement while a scenario ran.
type WaitCount struct {
	State, Query string // "Lock/transactionid", "IO/WALSync", "CPU"...
	Samples      int
}

// sampleWaits polls pg_stat_activity every 50 ms until the returned
// function is called, and returns the five most frequent (state,
// statement) pairs of the app's active sessions: where the database time
// of a scenario goes, which a CPU profile of the app cannot show.
func sampleWaits(ctx context.Context, db *sql.DB) (stop func() []WaitCount) {
	if db == nil {
		return func() []WaitCount { return nil }
	}
	counts := map[[2]string]int{}
	var mu sync.Mutex
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for sleepCtx(sctx, 50*time.Millisecond) {
			rows, err := db.QueryContext(sctx, `SELECT coalesce(wait_event_type || '/' || wait_event, 'CPU'),
					left(regexp_replace(query, '\s+', ' ', 'g'), 90)
				FROM pg_stat_activity
				WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
					AND backend_type = 'client backend'`)
			if err != nil {
				continue
			}
			mu.Lock()
			for rows.Next() {
				var k [2]string
				if rows.Scan(&k[0], &k[1]) == nil {
					counts[k]++
				}
			}
			mu.Unlock()
			rows.Close()
		}
	}()
	return func() []WaitCount {
		cancel()
		<-done
		var out []WaitCount
		for k, n := range counts {
			out = append(out, WaitCount{State: k[0], Query: k[1], Samples: n})
		}
		slices.SortFunc(out, func(a, b WaitCount) int { return b.Samples - a.Samples })
		return out[:min(5, len(out))]
	}
}

// printWaits writes each scenario's top database states.
func printWaits(w io.Writer, waits map[string][]WaitCount, order []string) {
	if len(waits) == 0 {
		return
	}
	fmt.Fprintln(w, "\nPostgreSQL's active sessions, sampled every 50 ms: top 5 (state, statement) per scenario")
	for _, name := range order {
		list, ok := waits[name]
		if !ok {
			continue
		}
		fmt.Fprintf(w, "  %s\n", name)
		for _, c := range list {
			fmt.Fprintf(w, "    %5d  %-24s %s\n", c.Samples, c.State, strings.TrimSpace(c.Query))
		}
	}
}
