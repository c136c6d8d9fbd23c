package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// InboxFilter is a view of the inbox (SPEC §3.2).
type InboxFilter struct {
	Status    string // open, snoozed or closed
	Assignee  string // "" any, "me", "unassigned"
	AgentID   int64  // who "me" is
	Channel   string // "" any, web_chat or sms
	Search    string // words to find in messages and names
	ProfileID int64  // only this shopper's tickets (their history), 0 for all
	BeforeAt  time.Time
	BeforeID  int64 // with BeforeAt, the keyset cursor: rows after this one
	Limit     int
}

// InboxRow is one row of the inbox list.
type InboxRow struct {
	Conversation
	ProfileName  string `db:"profile_name"`
	AssigneeName string `db:"assignee_name"`
	ProfileEmail string `db:"profile_email"`
	CustomerID   *int64 `db:"shopify_customer_id"`
}

// Inbox lists the shop's tickets of a view, most recent first, one page at
// a time (keyset pagination: pass the last row's LastMessageAt and ID).
func (s *Conversations) Inbox(ctx context.Context, shopID int64, f InboxFilter) ([]InboxRow, error) {
	rows := []InboxRow{}
	query, args := inboxQuery(shopID, f, "")
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return nil, fmt.Errorf("inbox of shop %d: %w", shopID, err)
	}
	return rows, nil
}

// InboxPage is what the inbox page shows besides its rows: the unread
// badge, and whether the shop ever had a conversation (the setup card).
type InboxPage struct {
	Rows            []InboxRow
	Unread          int
	AnyConversation bool
}

// inboxPageRow is a row of the page with the unread count beside it.
type inboxPageRow struct {
	InboxRow
	Unread int `db:"unread_count"`
}

// unreadTickets counts the open tickets no agent has opened since their
// last message. The AI agent's conversations are not the team's tickets.
const unreadTickets = `SELECT count(*) FROM conversations WHERE shop_id = $1 AND unread AND status = 'open' AND NOT ai_answering`

// InboxPage reads the inbox page in one statement when the view has rows:
// the rows carry the unread count (one scalar subquery, evaluated once),
// and a row proves the shop has a conversation. An empty view costs one
// statement more, for the count and the proof.
func (s *Conversations) InboxPage(ctx context.Context, shopID int64, f InboxFilter) (InboxPage, error) {
	var rows []inboxPageRow
	query, args := inboxQuery(shopID, f, "("+unreadTickets+") AS unread_count,")
	if err := s.db.SelectContext(ctx, &rows, query, args...); err != nil {
		return InboxPage{}, fmt.Errorf("inbox page of shop %d: %w", shopID, err)
	}
	page := InboxPage{Rows: make([]InboxRow, 0, len(rows))}
	for _, r := range rows {
		page.Rows = append(page.Rows, r.InboxRow)
		page.Unread = r.Unread
	}
	if len(rows) > 0 {
		page.AnyConversation = true
		return page, nil
	}
	err := s.db.QueryRowContext(ctx, `SELECT (`+unreadTickets+`), EXISTS (SELECT 1 FROM conversations WHERE shop_id = $1)`, shopID).
		Scan(&page.Unread, &page.AnyConversation)
	if err != nil {
		return InboxPage{}, fmt.Errorf("inbox page of shop %d: %w", shopID, err)
	}
	return page, nil
}

// inboxQuery is the inbox's statement for the filter, with extra (columns,
// each followed by a comma) selected beside each row.
func inboxQuery(shopID int64, f InboxFilter, extra string) (string, []any) {
	hits, where, args := inboxWhere(shopID, f)
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	args = append(args, f.Limit)
	from := `conversations c`
	if hits != "" {
		// Start from the search's matches, which are few for what people
		// type, and fetch each by its key: the planner cannot size the
		// matches and would otherwise scan every ticket to join them.
		from = `hits CROSS JOIN LATERAL (SELECT * FROM conversations WHERE id = hits.id OFFSET 0) c`
	}
	return hits + `
		SELECT ` + extra + ` c.id, c.shop_id, c.profile_id, c.channel, c.status, c.snoozed_until, c.assignee_agent_id, c.first_message,
			c.last_message_preview, c.message_count, c.last_message_at, c.awaiting_reply_since, c.unread, c.closed_at,
			c.closed_by, c.created_at, c.updated_at,
			CASE WHEN p.first_name <> '' OR p.last_name <> '' THEN trim(p.first_name || ' ' || p.last_name)
			     WHEN p.email <> '' THEN p.email WHEN p.phone <> '' THEN p.phone ELSE 'Anonymous' END AS profile_name,
			p.email AS profile_email, p.shopify_customer_id,
			coalesce(trim(a.first_name || ' ' || a.last_name), '') AS assignee_name
		FROM ` + from + `
		JOIN profiles p ON p.id = c.profile_id
		LEFT JOIN agents a ON a.id = c.assignee_agent_id
		WHERE ` + where + `
		ORDER BY c.last_message_at DESC, c.id DESC
		LIMIT $` + fmt.Sprint(len(args)), args
}

// UnreadCount is the number of open tickets no agent has opened since their
// last message: the badge beside Inbox. The AI agent's conversations are
// not the team's tickets.
func (s *Conversations) UnreadCount(ctx context.Context, shopID int64) (int, error) {
	var n int
	err := s.db.GetContext(ctx, &n, unreadTickets, shopID)
	if err != nil {
		return 0, fmt.Errorf("unread tickets of shop %d: %w", shopID, err)
	}
	return n, nil
}

// inboxWhere builds the filter: a WITH clause naming the search's matches
// ("" without a search), the conditions, and their parameters. Every value
// is a parameter; nothing is spliced in from the request.
func inboxWhere(shopID int64, f InboxFilter) (hits, where string, args []any) {
	// A conversation the AI agent is answering is no ticket of the team's
	// until it is handed over.
	conds := []string{"c.shop_id = $1", "NOT c.ai_answering"}
	args = []any{shopID}
	add := func(cond string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Status != "" {
		add("c.status = ?", f.Status)
	}
	if f.Channel != "" {
		add("c.channel = ?", f.Channel)
	}
	switch f.Assignee {
	case "me":
		add("c.assignee_agent_id = ?", f.AgentID)
	case "unassigned":
		conds = append(conds, "c.assignee_agent_id IS NULL")
	}
	if f.ProfileID != 0 {
		add("c.profile_id = ?", f.ProfileID)
	}
	if !f.BeforeAt.IsZero() {
		args = append(args, f.BeforeAt, f.BeforeID)
		conds = append(conds, fmt.Sprintf("(c.last_message_at, c.id) < ($%d, $%d)", len(args)-1, len(args)))
	}
	if q := searchQuery(f.Search); q != "" {
		// Two indexed lookups joined by UNION: with OR between them the
		// planner could use neither index and scanned every profile.
		args = append(args, q)
		n := len(args)
		hits = fmt.Sprintf(`WITH hits AS MATERIALIZED (
			SELECT m.conversation_id AS id FROM messages m
			WHERE m.shop_id = $1 AND to_tsvector('simple', m.body) @@ to_tsquery('simple', $%[1]d)
			UNION
			SELECT v.id FROM profiles sp,
				-- LATERAL: each matching shopper's tickets by index; the planner
				-- misjudges prefix matches and would scan every ticket. OFFSET 0
				-- keeps it from flattening this back into a plain join.
				LATERAL (SELECT v.id FROM conversations v WHERE v.profile_id = sp.id AND v.shop_id = $1 OFFSET 0) v
			WHERE sp.shop_id = $1
			  AND to_tsvector('simple', sp.first_name || ' ' || sp.last_name || ' ' || sp.email || ' ' || sp.phone)
			      @@ to_tsquery('simple', $%[1]d))`, n)
	}
	return hits, strings.Join(conds, " AND "), args
}

// searchQuery turns what an agent typed into a tsquery: every word must
// match, the last one as a prefix (so results come while typing). Only
// letters and digits survive, so no tsquery syntax can be injected.
func searchQuery(text string) string {
	return strings.Join(searchWords(text), " & ")
}

// searchWords are the tsquery terms of what was typed: at most 8 words,
// lower case, letters and digits only, the last one a prefix ("parc:*").
func searchWords(text string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words = append(words, strings.ToLower(w))
	}
	if len(words) == 0 {
		return nil
	}
	if len(words) > 8 {
		words = words[:8]
	}
	words[len(words)-1] += ":*"
	return words
}
