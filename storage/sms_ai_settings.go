package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
)

// The touchpoints that start an SMS conversation's attribution window
// (Settings → AI agent → Text messages).
const (
	// TouchpointClick: the person clicked a tracked product link the AI
	// agent texted (as web chat's product-card clicks).
	TouchpointClick = "click"
	// TouchpointReceived: the AI agent's text went out to the person's
	// phone (Twilio took it and did not report it failed).
	TouchpointReceived = "received"
)

// Touchpoints lists the touchpoints in the order the settings show them.
var Touchpoints = []string{TouchpointClick, TouchpointReceived}

// The bounds of the SMS attribution window, in hours: at least an hour, at
// most 30 days (what SMS marketing tools let a merchant choose).
const (
	MinSMSWindowHours     = 1
	MaxSMSWindowHours     = 30 * 24
	DefaultSMSWindowHours = 24
)

// SMSAISettings are whether the shop's AI agent answers text messages,
// and how orders are credited to its SMS conversations.
type SMSAISettings struct {
	ShopID int64 `db:"shop_id"`
	// AnswersSMS says the AI agent answers texts first (when it is on),
	// as it answers web chat; off by default.
	AnswersSMS bool `db:"answers_sms"`
	// WindowHours is how long after the touchpoint an order is credited.
	WindowHours int `db:"attribution_window_hours"`
	// Touchpoint is TouchpointClick or TouchpointReceived.
	Touchpoint string    `db:"attribution_touchpoint"`
	UpdatedAt  time.Time `db:"updated_at"` // zero for the defaults
	// Version is the row's version (settingsVersion), NoSettingsRow for
	// the defaults.
	Version int64 `db:"version"`
}

// Window is the attribution window as a duration.
func (s SMSAISettings) Window() time.Duration { return time.Duration(s.WindowHours) * time.Hour }

// SMSAISettingsStore reads and writes the shops' SMS AI settings.
type SMSAISettingsStore struct {
	db  *sqlx.DB
	now func() time.Time
}

// NewSMSAISettings returns the SMS AI settings store.
func NewSMSAISettings(db *sqlx.DB, now func() time.Time) *SMSAISettingsStore {
	return &SMSAISettingsStore{db: db, now: now}
}

const smsAISettingsColumns = `shop_id, answers_sms, attribution_window_hours, attribution_touchpoint, updated_at, ` + settingsVersion

// DefaultSMSAISettings are a shop's settings before it saves any: the
// agent does not answer texts; an order within 24 hours after a click on
// a texted link is credited, as on web chat.
func DefaultSMSAISettings(shopID int64) SMSAISettings {
	return SMSAISettings{ShopID: shopID, WindowHours: DefaultSMSWindowHours, Touchpoint: TouchpointClick, Version: NoSettingsRow}
}

// Get returns the shop's settings, or the defaults.
func (s *SMSAISettingsStore) Get(ctx context.Context, shopID int64) (SMSAISettings, error) {
	var out SMSAISettings
	err := s.db.GetContext(ctx, &out, `SELECT `+smsAISettingsColumns+` FROM sms_ai_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSMSAISettings(shopID), nil
	}
	if err != nil {
		return SMSAISettings{}, fmt.Errorf("SMS AI settings of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Save stores the shop's settings and returns them as stored. A window
// outside [MinSMSWindowHours, MaxSMSWindowHours] or an unknown touchpoint
// is Invalid (the caller words it); an unknown shop NotFound. The new
// window and touchpoint apply to orders attributed from now on.
func (s *SMSAISettingsStore) Save(ctx context.Context, a SMSAISettings) (SMSAISettings, error) {
	if a.WindowHours < MinSMSWindowHours || a.WindowHours > MaxSMSWindowHours || !slices.Contains(Touchpoints, a.Touchpoint) {
		return SMSAISettings{}, fmt.Errorf("SMS AI settings of shop %d: window %d h, touchpoint %q: %w", a.ShopID, a.WindowHours, a.Touchpoint, ErrInvalid)
	}
	var out SMSAISettings
	err := s.db.GetContext(ctx, &out, `
		INSERT INTO sms_ai_settings (shop_id, answers_sms, attribution_window_hours, attribution_touchpoint, updated_at)
		SELECT id, $2, $3, $4, $5 FROM shops WHERE id = $1
		ON CONFLICT (shop_id) DO UPDATE SET answers_sms = EXCLUDED.answers_sms,
			attribution_window_hours = EXCLUDED.attribution_window_hours,
			attribution_touchpoint = EXCLUDED.attribution_touchpoint, updated_at = EXCLUDED.updated_at
		RETURNING `+smsAISettingsColumns, a.ShopID, a.AnswersSMS, a.WindowHours, a.Touchpoint, s.now())
	if err != nil {
		return SMSAISettings{}, notFound(err, "shop %d", a.ShopID)
	}
	return out, nil
}
