package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/seal"
)

// Handoff is what the AI agent does when it cannot help (SPEC §2).
type Handoff string

// The handoffs. A conversation's handoff is one of them, or HandoffNone
// until the agent hands off.
const (
	HandoffNone          Handoff = "none"
	HandoffInbox         Handoff = "inbox"          // ask the shopper, then a ticket in the team's inbox
	HandoffCustomMessage Handoff = "custom_message" // show the merchant's message and stop
	HandoffZendesk       Handoff = "zendesk"        // a ticket in the merchant's Zendesk
	HandoffGorgias       Handoff = "gorgias"        // a ticket in the merchant's Gorgias
)

// Handoffs lists every handoff, in the order the settings show them.
var Handoffs = []Handoff{HandoffInbox, HandoffCustomMessage, HandoffZendesk, HandoffGorgias}

// AISettings are a shop's AI agent settings (Settings → AI agent). The
// helpdesk secrets are not here: only whether one is stored. They leave
// storage only through AISettingsStore.Secrets.
type AISettings struct {
	ShopID  int64 `db:"shop_id"`
	Enabled bool  `db:"enabled"`
	// FirstEnabledAt is when the agent was first turned on; nil means never.
	// Turning the agent off keeps it.
	FirstEnabledAt *time.Time `db:"first_enabled_at"`
	Handoff        Handoff    `db:"handoff"`
	// CustomMessage is what the Custom message handoff shows the shopper.
	CustomMessage string `db:"custom_message"`
	// The Zendesk account, as helpdesk.ZendeskSettings normalised it.
	ZendeskSubdomain  string `db:"zendesk_subdomain"`
	ZendeskAgentEmail string `db:"zendesk_agent_email"`
	HasZendeskToken   bool   `db:"has_zendesk_token"`
	// The Gorgias account, as helpdesk.GorgiasSettings normalised it.
	GorgiasDomain   string `db:"gorgias_domain"`
	GorgiasUsername string `db:"gorgias_username"`
	HasGorgiasKey   bool   `db:"has_gorgias_key"`
	// UpdatedAt is when the settings were last saved; zero for defaults.
	UpdatedAt time.Time `db:"updated_at"`
	// Version is the row's version (settingsVersion), NoSettingsRow for
	// the defaults.
	Version int64 `db:"version"`
}

// HelpdeskSecrets are the API token and key of the helpdesk handoffs, in
// clear. An empty one is not stored (Get) or is left as stored (Save).
type HelpdeskSecrets struct {
	ZendeskAPIToken string
	GorgiasAPIKey   string
}

// AISettingsStore reads and writes the shops' AI agent settings, sealing
// the helpdesk secrets at rest with the shop's domain as associated data.
type AISettingsStore struct {
	db   *sqlx.DB
	keys *seal.Keyring
	now  func() time.Time
}

// NewAISettings returns the AI settings store; keys seal and open the
// helpdesk secrets.
func NewAISettings(db *sqlx.DB, keys *seal.Keyring, now func() time.Time) *AISettingsStore {
	return &AISettingsStore{db: db, keys: keys, now: now}
}

const aiSettingsColumns = `shop_id, enabled, first_enabled_at, handoff, custom_message,
	zendesk_subdomain, zendesk_agent_email, zendesk_api_token_sealed IS NOT NULL AS has_zendesk_token,
	gorgias_domain, gorgias_username, gorgias_api_key_sealed IS NOT NULL AS has_gorgias_key, updated_at, ` + settingsVersion

// Get returns the shop's AI settings; a shop that never saved any has the
// defaults: the agent off (never on), handing off to the inbox.
func (s *AISettingsStore) Get(ctx context.Context, shopID int64) (AISettings, error) {
	var a AISettings
	err := s.db.GetContext(ctx, &a, `SELECT `+aiSettingsColumns+` FROM ai_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		return AISettings{ShopID: shopID, Handoff: HandoffInbox, Version: NoSettingsRow}, nil
	}
	if err != nil {
		return AISettings{}, fmt.Errorf("AI settings of shop %d: %w", shopID, err)
	}
	return a, nil
}

// Save stores the shop's AI settings (validated by the caller) and returns
// them as stored. A secret given in replace is sealed and replaces the
// stored one; an empty one keeps what is stored. Turning the agent on for
// the first time records when; FirstEnabledAt and HasZendeskToken… of a are
// ignored. An unknown shop is NotFound; an unknown handoff Invalid.
func (s *AISettingsStore) Save(ctx context.Context, a AISettings, replace HelpdeskSecrets) (AISettings, error) {
	if !slices.Contains(Handoffs, a.Handoff) {
		return AISettings{}, fmt.Errorf("AI settings of shop %d: handoff %q: %w", a.ShopID, a.Handoff, ErrInvalid)
	}
	domain, err := s.domain(ctx, a.ShopID)
	if err != nil {
		return AISettings{}, err
	}
	token, err := s.seal(replace.ZendeskAPIToken, domain)
	if err != nil {
		return AISettings{}, err
	}
	key, err := s.seal(replace.GorgiasAPIKey, domain)
	if err != nil {
		return AISettings{}, err
	}
	var saved AISettings
	err = s.db.GetContext(ctx, &saved, `
		INSERT INTO ai_settings (shop_id, enabled, first_enabled_at, handoff, custom_message,
			zendesk_subdomain, zendesk_agent_email, zendesk_api_token_sealed,
			gorgias_domain, gorgias_username, gorgias_api_key_sealed, updated_at)
		VALUES ($1, $2, CASE WHEN $2 THEN $11::timestamptz END, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (shop_id) DO UPDATE SET enabled = EXCLUDED.enabled,
			first_enabled_at = COALESCE(ai_settings.first_enabled_at, EXCLUDED.first_enabled_at),
			handoff = EXCLUDED.handoff, custom_message = EXCLUDED.custom_message,
			zendesk_subdomain = EXCLUDED.zendesk_subdomain, zendesk_agent_email = EXCLUDED.zendesk_agent_email,
			zendesk_api_token_sealed = COALESCE(EXCLUDED.zendesk_api_token_sealed, ai_settings.zendesk_api_token_sealed),
			gorgias_domain = EXCLUDED.gorgias_domain, gorgias_username = EXCLUDED.gorgias_username,
			gorgias_api_key_sealed = COALESCE(EXCLUDED.gorgias_api_key_sealed, ai_settings.gorgias_api_key_sealed),
			updated_at = EXCLUDED.updated_at
		RETURNING `+aiSettingsColumns,
		a.ShopID, a.Enabled, a.Handoff, a.CustomMessage, a.ZendeskSubdomain, a.ZendeskAgentEmail, token,
		a.GorgiasDomain, a.GorgiasUsername, key, s.now())
	if err != nil {
		return AISettings{}, fmt.Errorf("save AI settings of shop %d: %w", a.ShopID, err)
	}
	return saved, nil
}

// Secrets returns the shop's helpdesk secrets in clear, "" for those never
// given: for the credentials check and the handoff jobs, never for a page.
func (s *AISettingsStore) Secrets(ctx context.Context, shopID int64) (HelpdeskSecrets, error) {
	var row struct {
		Domain string         `db:"domain"`
		Token  sql.NullString `db:"zendesk_api_token_sealed"`
		Key    sql.NullString `db:"gorgias_api_key_sealed"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT s.domain, a.zendesk_api_token_sealed, a.gorgias_api_key_sealed
		FROM shops s LEFT JOIN ai_settings a ON a.shop_id = s.id WHERE s.id = $1`, shopID)
	if err != nil {
		return HelpdeskSecrets{}, notFound(err, "shop %d", shopID)
	}
	var out HelpdeskSecrets
	if out.ZendeskAPIToken, err = s.open(row.Token, row.Domain); err != nil {
		return HelpdeskSecrets{}, fmt.Errorf("open the Zendesk API token of shop %d: %w", shopID, err)
	}
	if out.GorgiasAPIKey, err = s.open(row.Key, row.Domain); err != nil {
		return HelpdeskSecrets{}, fmt.Errorf("open the Gorgias API key of shop %d: %w", shopID, err)
	}
	return out, nil
}

func (s *AISettingsStore) domain(ctx context.Context, shopID int64) (string, error) {
	var domain string
	if err := s.db.GetContext(ctx, &domain, `SELECT domain FROM shops WHERE id = $1`, shopID); err != nil {
		return "", notFound(err, "shop %d", shopID)
	}
	return domain, nil
}

// seal seals a secret for the shop, or gives NULL for "" (keep the stored).
func (s *AISettingsStore) seal(secret, domain string) (sql.NullString, error) {
	if secret == "" {
		return sql.NullString{}, nil
	}
	sealed, err := s.keys.Seal([]byte(secret), []byte(domain))
	if err != nil {
		return sql.NullString{}, fmt.Errorf("seal a helpdesk secret: %w", err)
	}
	return sql.NullString{String: sealed, Valid: true}, nil
}

func (s *AISettingsStore) open(sealed sql.NullString, domain string) (string, error) {
	if !sealed.Valid {
		return "", nil
	}
	b, err := s.keys.Open(sealed.String, []byte(domain))
	if err != nil {
		return "", err
	}
	return string(b), nil
}
