package storage

import (
	"context"
	"fmt"
)

// JobFoldDashboard moves the dashboard's pending count changes into its
// quarter hours and days (Dashboard.Fold), queued periodically. The
// figures are exact without it (the reader adds what is pending); folding
// keeps what the reader adds short.
const JobFoldDashboard = "maintenance.fold_dashboard"

// Fold moves every shop's pending count changes into the quarter hours and
// days kept for the dashboard, a shop per transaction (migration 0051),
// and returns how many change rows it moved. Writers append those changes
// instead of updating shared counts, so that conversations changing at
// once do not wait on each other's commit.
func (s *Dashboard) Fold(ctx context.Context) (int64, error) {
	var shops []int64
	if err := s.db.SelectContext(ctx, &shops, `SELECT DISTINCT shop_id FROM dashboard_changes ORDER BY 1`); err != nil {
		return 0, fmt.Errorf("shops with dashboard changes: %w", err)
	}
	var moved int64
	for _, shopID := range shops {
		var n int64
		if err := s.db.GetContext(ctx, &n, `SELECT dashboard_fold($1)`, shopID); err != nil {
			return moved, fmt.Errorf("fold the dashboard counts of shop %d: %w", shopID, err)
		}
		moved += n
	}
	return moved, nil
}
