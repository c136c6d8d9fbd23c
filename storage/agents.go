package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

	mu sync.Mutex
	// sightings are this process's last writes of each agent's sight, so
	// the admin's requests write it at most once every seenEvery.
	sightings map[sighting]sightWrite
}

// seenEvery is how stale an agent's last_seen_at may be: it is a hint of
// when they last used the admin, and writing it on every admin request
// would put a flushed commit in front of every page.
const seenEvery = time.Minute

// maxSightings bounds the remembered writes before the stale ones are
// dropped.
const maxSightings = 10_000

type sighting struct{ shopID, shopifyUserID int64 }

type sightWrite struct {
	at     time.Time
	locale string // the locale the write left on the agent
}

// NewAgents returns the agent store.
func NewAgents(db *sqlx.DB, now func() time.Time) *Agents {
	return &Agents{db: db, now: now, sightings: map[sighting]sightWrite{}}
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
//
// The sight is written at most once every seenEvery per agent by this
// store (last_seen_at is that stale at most); between writes the agent is
// only read. A new locale is always written. The write does not wait for
// its WAL flush (synchronous_commit off): the hint may be lost to a crash,
// never reordered, and a later durable commit flushes it with its own.
func (s *Agents) SeenSpeaking(ctx context.Context, shopID, shopifyUserID int64, locale string) (Agent, error) {
	key := sighting{shopID, shopifyUserID}
	if s.writtenRecently(key, locale) {
		a, err := s.byShopifyUser(ctx, shopID, shopifyUserID)
		if !errors.Is(err, ErrNotFound) {
			return a, err
		}
		// Deleted since (the shop's data erased): record it afresh.
	}
	var a Agent
	err := s.db.GetContext(ctx, &a, `
		INSERT INTO agents (shop_id, shopify_user_id, locale, last_seen_at, created_at)
		SELECT $1, $2, $3, $4, $4 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS hint
		ON CONFLICT (shop_id, shopify_user_id) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at,
			locale = COALESCE(NULLIF(EXCLUDED.locale, ''), agents.locale)
		RETURNING `+agentColumns, shopID, shopifyUserID, locale, s.now())
	if err != nil {
		return Agent{}, fmt.Errorf("record agent %d of shop %d: %w", shopifyUserID, shopID, err)
	}
	s.wrote(key, a.Locale)
	return a, nil
}

// writtenRecently reports whether this store wrote the agent's sight less
// than seenEvery ago, leaving the locale given (if any) on it.
func (s *Agents) writtenRecently(key sighting, locale string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.sightings[key]
	return ok && s.now().Sub(w.at) < seenEvery && (locale == "" || locale == w.locale)
}

// wrote remembers a write of the agent's sight, dropping the stale ones
// when there are many.
func (s *Agents) wrote(key sighting, locale string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if len(s.sightings) >= maxSightings {
		for k, w := range s.sightings {
			if now.Sub(w.at) >= seenEvery {
				delete(s.sightings, k)
			}
		}
	}
	s.sightings[key] = sightWrite{at: now, locale: locale}
}

// byShopifyUser reads the shop's agent of a Shopify staff user.
func (s *Agents) byShopifyUser(ctx context.Context, shopID, shopifyUserID int64) (Agent, error) {
	var a Agent
	err := s.db.GetContext(ctx, &a, `SELECT `+agentColumns+` FROM agents WHERE shop_id = $1 AND shopify_user_id = $2`, shopID, shopifyUserID)
	if err != nil {
		return Agent{}, notFound(err, "agent of staff user %d", shopifyUserID)
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
