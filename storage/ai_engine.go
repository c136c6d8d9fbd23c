package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage/seal"
)

// AIEngine is which engine answers a shop's shoppers.
type AIEngine string

// The engines.
const (
	AIEngineBuiltin AIEngine = "builtin" // the built-in engine (default)
	AIEngineOpenAI  AIEngine = "openai"  // a model behind an OpenAI-compatible endpoint
)

// AIEngineSettings are a shop's answering engine settings. The API key is
// not here, only whether one is stored: it leaves storage only through
// AIEngineStore.Endpoint.
type AIEngineSettings struct {
	ShopID int64    `db:"shop_id"`
	Engine AIEngine `db:"engine"`
	// BaseURL and Model are the endpoint's, as the caller validated them.
	BaseURL   string `db:"base_url"`
	Model     string `db:"model"`
	HasAPIKey bool   `db:"has_api_key"`
	// UpdatedAt is when they were last saved; zero for defaults.
	UpdatedAt time.Time `db:"updated_at"`
	// KnowledgeVersion is the shop's knowledge version (Knowledge.Version)
	// as Endpoint read it with the settings, which the built-in engine's
	// answer then need not read.
	KnowledgeVersion int64 `db:"knowledge_version"`
}

// AIEngineStore reads and writes the shops' answering engine settings,
// sealing the API key at rest.
type AIEngineStore struct {
	db   *sqlx.DB
	keys *seal.Keyring
	now  func() time.Time
}

// NewAIEngines returns the engine settings store; keys seal and open the
// API keys.
func NewAIEngines(db *sqlx.DB, keys *seal.Keyring, now func() time.Time) *AIEngineStore {
	return &AIEngineStore{db: db, keys: keys, now: now}
}

const aiEngineColumns = `shop_id, engine, base_url, model, api_key_sealed IS NOT NULL AS has_api_key, updated_at`

// Get returns the shop's engine settings; a shop that never saved any uses
// the built-in engine.
func (s *AIEngineStore) Get(ctx context.Context, shopID int64) (AIEngineSettings, error) {
	var a AIEngineSettings
	err := s.db.GetContext(ctx, &a, `SELECT `+aiEngineColumns+` FROM ai_engine_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		return AIEngineSettings{ShopID: shopID, Engine: AIEngineBuiltin}, nil
	}
	if err != nil {
		return AIEngineSettings{}, fmt.Errorf("engine settings of shop %d: %w", shopID, err)
	}
	return a, nil
}

// Save stores the shop's engine settings (validated by the caller) and
// returns them as stored. A non-empty apiKey is sealed and replaces the
// stored one; "" keeps it. An unknown engine, or the OpenAI-compatible one
// without a base URL, a model and a key (given or stored), is Invalid; an
// unknown shop NotFound.
func (s *AIEngineStore) Save(ctx context.Context, a AIEngineSettings, apiKey string) (AIEngineSettings, error) {
	if a.Engine != AIEngineBuiltin && a.Engine != AIEngineOpenAI {
		return AIEngineSettings{}, fmt.Errorf("engine settings of shop %d: engine %q: %w", a.ShopID, a.Engine, ErrInvalid)
	}
	domain, err := s.domain(ctx, a.ShopID)
	if err != nil {
		return AIEngineSettings{}, err
	}
	var sealed sql.NullString
	if apiKey != "" {
		v, err := s.keys.Seal([]byte(apiKey), apiKeyData(domain))
		if err != nil {
			return AIEngineSettings{}, fmt.Errorf("seal the API key of shop %d: %w", a.ShopID, err)
		}
		sealed = sql.NullString{String: v, Valid: true}
	}
	// The stored key is read into the row proposed for insertion, as the
	// table's check (an endpoint has a key) applies to it before any update.
	var saved AIEngineSettings
	err = s.db.GetContext(ctx, &saved, `
		INSERT INTO ai_engine_settings (shop_id, engine, base_url, model, api_key_sealed, updated_at)
		VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT api_key_sealed FROM ai_engine_settings WHERE shop_id = $1)), $6)
		ON CONFLICT (shop_id) DO UPDATE SET engine = EXCLUDED.engine, base_url = EXCLUDED.base_url,
			model = EXCLUDED.model, api_key_sealed = EXCLUDED.api_key_sealed, updated_at = EXCLUDED.updated_at
		RETURNING `+aiEngineColumns, a.ShopID, a.Engine, a.BaseURL, a.Model, sealed, s.now())
	if isCheckViolation(err) {
		return AIEngineSettings{}, fmt.Errorf("engine settings of shop %d: an endpoint needs a base URL, a model and an API key: %w", a.ShopID, ErrInvalid)
	}
	if err != nil {
		return AIEngineSettings{}, fmt.Errorf("save engine settings of shop %d: %w", a.ShopID, err)
	}
	return saved, nil
}

// Endpoint returns the shop's engine settings with the API key in clear
// ("" when none is stored): for the engine's calls, never for a page or a
// log.
func (s *AIEngineStore) Endpoint(ctx context.Context, shopID int64) (AIEngineSettings, string, error) {
	var row struct {
		AIEngineSettings
		Domain string         `db:"domain"`
		Sealed sql.NullString `db:"api_key_sealed"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT sh.id AS shop_id, COALESCE(e.engine, 'builtin') AS engine,
			COALESCE(e.base_url, '') AS base_url, COALESCE(e.model, '') AS model,
			e.api_key_sealed IS NOT NULL AS has_api_key, COALESCE(e.updated_at, 'epoch') AS updated_at,
			sh.domain, e.api_key_sealed, sh.knowledge_version
		FROM shops sh LEFT JOIN ai_engine_settings e ON e.shop_id = sh.id WHERE sh.id = $1`, shopID)
	if err != nil {
		return AIEngineSettings{}, "", notFound(err, "shop %d", shopID)
	}
	if !row.Sealed.Valid {
		return row.AIEngineSettings, "", nil
	}
	key, err := s.keys.Open(row.Sealed.String, apiKeyData(row.Domain))
	if err != nil {
		return AIEngineSettings{}, "", fmt.Errorf("open the API key of shop %d: %w", shopID, err)
	}
	return row.AIEngineSettings, string(key), nil
}

// apiKeyData binds a sealed key to its shop and its column, so it cannot
// be moved to another shop or read as another secret.
func apiKeyData(domain string) []byte { return []byte(domain + "\x00ai_engine_settings.api_key") }

func (s *AIEngineStore) domain(ctx context.Context, shopID int64) (string, error) {
	var domain string
	if err := s.db.GetContext(ctx, &domain, `SELECT domain FROM shops WHERE id = $1`, shopID); err != nil {
		return "", notFound(err, "shop %d", shopID)
	}
	return domain, nil
}

// isCheckViolation reports whether err is PostgreSQL's check_violation.
func isCheckViolation(err error) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23514"
}
