package loadtest

import (
	"context"
	"database/sql"
	"time"
)

// awaitQuietQueue waits, at most limit, until the app's job queue has no
// job due or running: the work one scenario leaves behind (the profile
// syncs of a thousand new shoppers, a webhook backlog) is done before the
// next scenario is measured, so that each measures its own traffic. It
// says so when the limit passes first.
func awaitQuietQueue(ctx context.Context, db *sql.DB, limit time.Duration, logf func(string, ...any)) {
	if db == nil {
		return
	}
	deadline := time.Now().Add(limit)
	for {
		var due int
		err := db.QueryRowContext(ctx, `SELECT count(*) FROM jobs
			WHERE status = 'running' OR (status = 'queued' AND run_at <= now())`).Scan(&due)
		if err != nil || due == 0 {
			return
		}
		if time.Now().After(deadline) {
			logf("%d jobs still due or running after %s: the next scenario runs beside them", due, limit)
			return
		}
		if !sleepCtx(ctx, 200*time.Millisecond) {
			return
		}
	}
}
