package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// ChatSettings are a shop's web chat settings (Settings → Web chat, General).
type ChatSettings struct {
	ShopID              int64           `db:"shop_id"`
	Enabled             bool            `db:"enabled"`
	LoginStatus         string          `db:"login_status"` // "all" or "logged_in"
	WelcomeMessage      string          `db:"welcome_message"`
	OfficeHours         json.RawMessage `db:"office_hours"` // chat.Schedule's JSON
	DuringHoursMessage  string          `db:"during_hours_message"`
	OutsideHoursMessage string          `db:"outside_hours_message"`
	PrivacyURL          string          `db:"privacy_url"`
	TermsURL            string          `db:"terms_url"`
	Color               string          `db:"color"`
	Icon                string          `db:"icon"`
	Position            string          `db:"position"`
	UpdatedAt           time.Time       `db:"updated_at"`
	// Version is the row's version (settingsVersion): it changes with
	// every save, whichever instance saves.
	Version int64 `db:"version"`
}

// ChatSettingsStore reads and writes chat settings.
type ChatSettingsStore struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewChatSettings returns the chat settings store.
func NewChatSettings(db *sqlx.DB, now func() time.Time) *ChatSettingsStore {
	return &ChatSettingsStore{db: db, now: now}
}

const chatSettingsColumns = `shop_id, enabled, login_status, welcome_message, office_hours, during_hours_message,
	outside_hours_message, privacy_url, terms_url, color, icon, position, updated_at, ` + settingsVersion

// Get returns the shop's chat settings; a shop that never saved any has the
// defaults (the table's), created on first read so every shop has a row.
func (s *ChatSettingsStore) Get(ctx context.Context, shopID int64) (ChatSettings, error) {
	var cs ChatSettings
	err := s.db.GetContext(ctx, &cs, `SELECT `+chatSettingsColumns+` FROM chat_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.GetContext(ctx, &cs, `
			INSERT INTO chat_settings (shop_id, updated_at) VALUES ($1, $2)
			ON CONFLICT (shop_id) DO UPDATE SET shop_id = EXCLUDED.shop_id
			RETURNING `+chatSettingsColumns, shopID, s.now())
	}
	if err != nil {
		return ChatSettings{}, fmt.Errorf("chat settings of shop %d: %w", shopID, err)
	}
	return cs, nil
}

// Save stores the shop's chat settings (validated by the caller).
func (s *ChatSettingsStore) Save(ctx context.Context, cs ChatSettings) error {
	if len(cs.OfficeHours) == 0 {
		cs.OfficeHours = json.RawMessage(`{}`)
	}
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO chat_settings (shop_id, enabled, login_status, welcome_message, office_hours, during_hours_message,
			outside_hours_message, privacy_url, terms_url, color, icon, position, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (shop_id) DO UPDATE SET enabled = EXCLUDED.enabled, login_status = EXCLUDED.login_status,
			welcome_message = EXCLUDED.welcome_message, office_hours = EXCLUDED.office_hours,
			during_hours_message = EXCLUDED.during_hours_message, outside_hours_message = EXCLUDED.outside_hours_message,
			privacy_url = EXCLUDED.privacy_url, terms_url = EXCLUDED.terms_url, color = EXCLUDED.color,
			icon = EXCLUDED.icon, position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
		cs.ShopID, cs.Enabled, cs.LoginStatus, cs.WelcomeMessage, string(cs.OfficeHours), cs.DuringHoursMessage,
		cs.OutsideHoursMessage, cs.PrivacyURL, cs.TermsURL, cs.Color, cs.Icon, cs.Position, s.now())
	if err != nil {
		return fmt.Errorf("save chat settings of shop %d: %w", cs.ShopID, err)
	}
	return nil
}

// Links are the privacy policy and terms of service links the chat shows:
// the merchant's own choice, or else the shop's policies in Shopify.
func (cs ChatSettings) Links(shop Shop) (privacy, terms string) {
	privacy, terms = cs.PrivacyURL, cs.TermsURL
	if privacy == "" {
		privacy = shop.PrivacyPolicyURL
	}
	if terms == "" {
		terms = shop.TermsOfServiceURL
	}
	return privacy, terms
}
