package storage

import (
	"context"
	"fmt"
)

// List returns the shop's agents, the staff members who have opened the
// app, by name: whom a ticket can be assigned to.
func (s *Agents) List(ctx context.Context, shopID int64) ([]Agent, error) {
	out := []Agent{}
	err := s.db.SelectContext(ctx, &out, `SELECT `+agentColumns+` FROM agents
		WHERE shop_id = $1 ORDER BY lower(first_name), lower(last_name), lower(email), id`, shopID)
	if err != nil {
		return nil, fmt.Errorf("agents of shop %d: %w", shopID, err)
	}
	return out, nil
}
