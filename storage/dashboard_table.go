package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// DashboardFilter chooses the rows of the dashboard's conversations table:
// the agent's conversations started in Days, narrowed by the others ("" for
// any), newest first.
type DashboardFilter struct {
	Days    DashboardDays
	Status  string // AIStatusOpen, AIStatusResolved or AIStatusUnresolved
	Tag     string // one of Tags
	Channel string // web_chat or sms
	Search  string // words of the first question or any message of the thread
	// AfterAt and AfterID, when set, are the last row of the page before
	// (its StartedAt and ID): the keyset cursor.
	AfterAt time.Time
	AfterID int64
	Limit   int // at most 1,000; 50 when 0
}

// DashboardRow is one conversation of the table.
type DashboardRow struct {
	ID            int64     `db:"id"`
	FirstQuestion string    `db:"first_message"`
	ProfileName   string    `db:"profile_name"` // name, else email or phone, else "" (anonymous)
	Channel       string    `db:"channel"`
	Status        string    `db:"ai_status"`
	Tag           string    `db:"tag"` // "" before the agent tagged it
	MessageCount  int       `db:"message_count"`
	StartedAt     time.Time `db:"created_at"`
	UpdatedAt     time.Time `db:"updated_at"`
	// Ticket says the conversation is a ticket of the team's inbox (handed
	// to the team), which the dashboard links to.
	Ticket bool `db:"ticket"`
}

// Conversations lists one page of the table. A next page starts after the
// last row returned; fewer rows than the limit means the last page.
func (s *Dashboard) Conversations(ctx context.Context, shopID int64, f DashboardFilter) ([]DashboardRow, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	search, err := s.planSearch(ctx, f.Search)
	if err != nil {
		return nil, err
	}
	with, from, where, args := dashboardWhere(shopID, f, search)
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	args = append(args, min(limit, 1000))
	tx, err := beginDashboardRead(ctx, s.db)
	if err != nil {
		return nil, fmt.Errorf("dashboard conversations of shop %d: %w", shopID, err)
	}
	defer tx.Rollback()
	rows := []DashboardRow{}
	err = tx.SelectContext(ctx, &rows, with+`
		SELECT c.id, c.first_message, c.channel, c.ai_status, coalesce(c.tag, '') AS tag, c.message_count,
			c.created_at, c.updated_at, NOT c.ai_answering AS ticket,
			CASE WHEN p.first_name <> '' OR p.last_name <> '' THEN trim(p.first_name || ' ' || p.last_name)
			     WHEN p.email <> '' THEN p.email ELSE p.phone END AS profile_name
		FROM `+from+`
		JOIN profiles p ON p.id = c.profile_id AND p.shop_id = c.shop_id
		WHERE `+where+`
		ORDER BY c.created_at DESC, c.id DESC
		LIMIT $`+fmt.Sprint(len(args)), args...)
	if err != nil {
		return nil, fmt.Errorf("dashboard conversations of shop %d: %w", shopID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("dashboard conversations of shop %d: %w", shopID, err)
	}
	return rows, nil
}

// validate says which filter is not one the table knows (ErrInvalid).
func (f DashboardFilter) validate() error {
	switch {
	case f.Days.Zone == nil:
		return fmt.Errorf("the table needs a period: %w", ErrInvalid)
	case f.Status != "" && !slices.Contains([]string{AIStatusOpen, AIStatusResolved, AIStatusUnresolved}, f.Status):
		return fmt.Errorf("status %q: %w", f.Status, ErrInvalid)
	case f.Tag != "" && !slices.Contains(Tags, f.Tag):
		return fmt.Errorf("tag %q: %w", f.Tag, ErrInvalid)
	case f.Channel != "" && !slices.Contains([]string{ChannelWebChat, ChannelSMS}, f.Channel):
		return fmt.Errorf("channel %q: %w", f.Channel, ErrInvalid)
	}
	return nil
}

// dashboardWhere builds the table's query parts: a WITH clause (the
// search's, or ""), what it reads from, its conditions and their
// parameters. Every value is a parameter.
func dashboardWhere(shopID int64, f DashboardFilter, search dashboardSearch) (with, from, where string, args []any) {
	start, end := f.Days.Bounds()
	conds := []string{"c.shop_id = $1", "c.ai_involved", "c.created_at >= $2", "c.created_at < $3"}
	args = []any{shopID, start, end}
	for _, eq := range []struct{ column, value string }{
		{"c.ai_status", f.Status}, {"c.tag", f.Tag}, {"c.channel", f.Channel},
	} {
		if eq.value != "" {
			args = append(args, eq.value)
			conds = append(conds, fmt.Sprintf("%s = $%d", eq.column, len(args)))
		}
	}
	if !f.AfterAt.IsZero() {
		args = append(args, f.AfterAt, f.AfterID)
		conds = append(conds, fmt.Sprintf("(c.created_at, c.id) < ($%d, $%d)", len(args)-1, len(args)))
	}
	from = "conversations c"
	if search.query != "" {
		var searchFrom, cond string
		var values []any
		with, searchFrom, cond, values = search.clauses(len(args) + 1)
		args = append(args, values...)
		if searchFrom != "" {
			from = searchFrom
		}
		if cond != "" {
			conds = append(conds, cond)
		}
	}
	return with, from, strings.Join(conds, " AND "), args
}
