package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// AgentAlerts stores each staff member's choice of inbox alerts: a sound,
// and a browser notification, for new tickets and messages on their own
// tickets while the inbox is in another tab. Off until they turn it on.
type AgentAlerts struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewAgentAlerts returns the store of alert choices.
func NewAgentAlerts(db *sqlx.DB, now func() time.Time) *AgentAlerts {
	return &AgentAlerts{db: db, now: now}
}

// Enabled reports whether the shop's agent turned alerts on; false when
// they never chose.
func (s *AgentAlerts) Enabled(ctx context.Context, shopID, agentID int64) (bool, error) {
	var on bool
	err := s.db.GetContext(ctx, &on, `SELECT enabled FROM agent_alerts WHERE shop_id = $1 AND agent_id = $2`, shopID, agentID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("alerts of agent %d: %w", agentID, err)
	}
	return on, nil
}

// Set records the shop's agent's choice. An agent not of the shop is
// ErrNotFound.
func (s *AgentAlerts) Set(ctx context.Context, shopID, agentID int64, on bool) error {
	res, err := s.db.ExecContext(ctx, `
		INSERT INTO agent_alerts (shop_id, agent_id, enabled, updated_at)
		SELECT shop_id, id, $3, $4 FROM agents WHERE shop_id = $1 AND id = $2
		ON CONFLICT (shop_id, agent_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`,
		shopID, agentID, on, s.now())
	if err != nil {
		return fmt.Errorf("set the alerts of agent %d: %w", agentID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("agent %d: %w", agentID, ErrNotFound)
	}
	return nil
}
