package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Agent is a staff member of a shop who uses the embedded admin.
type Agent struct {
	ID            int64      `db:"id"`
	ShopID        int64      `db:"shop_id"`
	ShopifyUserID int64      `db:"shopify_user_id"`
	FirstName     string     `db:"first_name"`
	LastName      string     `db:"last_name"`
	Email         string     `db:"email"`
	AccountOwner  bool       `db:"account_owner"`
	Locale        string     `db:"locale"`
	NamedAt       *time.Time `db:"named_at"`
	LastSeenAt    time.Time  `db:"last_seen_at"`
}

// DisplayName is the agent's name, or a stand-in until Shopify has told us.
func (a Agent) DisplayName() string {
	switch {
	case a.FirstName != "" || a.LastName != "":
		return trimJoin(a.FirstName, a.LastName)
	case a.Email != "":
		return a.Email
	}
	return fmt.Sprintf("Staff member %d", a.ShopifyUserID)
}

// AgentName is what an online token says about a staff member.
type AgentName struct {
	FirstName, LastName, Email, Locale string
	AccountOwner                       bool
}

// Agents stores the shops' staff members.
type Agents struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewAgents returns the agent store.
func NewAgents(db *sqlx.DB, now func() time.Time) *Agents {
	return &Agents{db: db, now: now}
}

const agentColumns = `id, shop_id, shopify_user_id, first_name, last_name, email, account_owner, locale, named_at, last_seen_at`

// Seen records that the shop's staff user opened the admin, creating the
// agent on first sight, and returns it.
func (s *Agents) Seen(ctx context.Context, shopID, shopifyUserID int64) (Agent, error) {
	return s.SeenSpeaking(ctx, shopID, shopifyUserID, "")
}

// SeenSpeaking is Seen that also remembers the language the Shopify admin
// was opened in (its locale, BCP 47), so the staff member's later requests,
// which do not carry it, are answered in the same language. An empty
// locale keeps the one remembered.
func (s *Agents) SeenSpeaking(ctx context.Context, shopID, shopifyUserID int64, locale string) (Agent, error) {
	var a Agent
	err := s.db.GetContext(ctx, &a, `
		INSERT INTO agents (shop_id, shopify_user_id, locale, last_seen_at, created_at) VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (shop_id, shopify_user_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at,
			locale = COALESCE(NULLIF(EXCLUDED.locale, ''), agents.locale)
		RETURNING `+agentColumns, shopID, shopifyUserID, locale, s.now())
	if err != nil {
		return Agent{}, fmt.Errorf("record agent %d of shop %d: %w", shopifyUserID, shopID, err)
	}
	return a, nil
}

// Name stores the agent's name as Shopify gave it. The locale Shopify gives
// with the name is kept only while the admin has not given one: the
// admin's, from the latest load, is the newer word.
func (s *Agents) Name(ctx context.Context, shopID, agentID int64, n AgentName) (Agent, error) {
	var a Agent
	err := s.db.GetContext(ctx, &a, `
		UPDATE agents SET first_name = $3, last_name = $4, email = $5, locale = COALESCE(NULLIF(locale, ''), $6), account_owner = $7, named_at = $8
		WHERE shop_id = $1 AND id = $2
		RETURNING `+agentColumns, shopID, agentID, n.FirstName, n.LastName, n.Email, n.Locale, n.AccountOwner, s.now())
	if err != nil {
		return Agent{}, notFound(err, "agent %d", agentID)
	}
	return a, nil
}

// Get returns one of the shop's agents.
func (s *Agents) Get(ctx context.Context, shopID, agentID int64) (Agent, error) {
	var a Agent
	err := s.db.GetContext(ctx, &a, `SELECT `+agentColumns+` FROM agents WHERE shop_id = $1 AND id = $2`, shopID, agentID)
	if err != nil {
		return Agent{}, notFound(err, "agent %d", agentID)
	}
	return a, nil
}

func trimJoin(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
