package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"hubchat/storage/seal"
)

// SMSSettings are a shop's SMS channel settings (Settings → SMS): its
// Twilio account and sender, as the caller validated them. The auth token
// is not here, only whether one is stored: it leaves storage only through
// SMSSettingsStore.Credentials.
type SMSSettings struct {
	ShopID     int64  `db:"shop_id"`
	Enabled    bool   `db:"enabled"`
	AccountSID string `db:"account_sid"`
	// FromNumber (E.164) or MessagingServiceSID (MG…) sends the messages;
	// at most one is set.
	FromNumber          string `db:"from_number"`
	MessagingServiceSID string `db:"messaging_service_sid"`
	HasAuthToken        bool   `db:"has_auth_token"`
	// UpdatedAt is when they were last saved; zero for defaults.
	UpdatedAt time.Time `db:"updated_at"`
}

// SMSSettingsStore reads and writes the shops' SMS settings, sealing the
// auth token at rest.
type SMSSettingsStore struct {
	db   *sqlx.DB
	keys *seal.Keyring
	now  func() time.Time
}

// NewSMSSettings returns the SMS settings store; keys seal and open the
// auth tokens.
func NewSMSSettings(db *sqlx.DB, keys *seal.Keyring, now func() time.Time) *SMSSettingsStore {
	return &SMSSettingsStore{db: db, keys: keys, now: now}
}

const smsSettingsColumns = `shop_id, enabled, account_sid, from_number, messaging_service_sid,
	auth_token_sealed IS NOT NULL AS has_auth_token, updated_at`

// Get returns the shop's SMS settings; a shop that never saved any has SMS
// off and no account.
func (s *SMSSettingsStore) Get(ctx context.Context, shopID int64) (SMSSettings, error) {
	var out SMSSettings
	err := s.db.GetContext(ctx, &out, `SELECT `+smsSettingsColumns+` FROM sms_settings WHERE shop_id = $1`, shopID)
	if errors.Is(err, sql.ErrNoRows) {
		return SMSSettings{ShopID: shopID}, nil
	}
	if err != nil {
		return SMSSettings{}, fmt.Errorf("SMS settings of shop %d: %w", shopID, err)
	}
	return out, nil
}

// Save stores the shop's SMS settings and returns them as stored. A
// non-empty authToken is sealed and replaces the stored one; "" keeps it.
// Both a number and a Messaging Service, or SMS on without an account
// SID, a token (given or stored) and a sender, are Invalid; an unknown
// shop is NotFound.
func (s *SMSSettingsStore) Save(ctx context.Context, in SMSSettings, authToken string) (SMSSettings, error) {
	domain, err := s.domain(ctx, in.ShopID)
	if err != nil {
		return SMSSettings{}, err
	}
	var sealed sql.NullString
	if authToken != "" {
		v, err := s.keys.Seal([]byte(authToken), authTokenData(domain))
		if err != nil {
			return SMSSettings{}, fmt.Errorf("seal the Twilio auth token of shop %d: %w", in.ShopID, err)
		}
		sealed = sql.NullString{String: v, Valid: true}
	}
	// The stored token is read into the row proposed for insertion, as the
	// table's checks apply to it before any update.
	var saved SMSSettings
	err = s.db.GetContext(ctx, &saved, `
		INSERT INTO sms_settings (shop_id, enabled, account_sid, auth_token_sealed, from_number, messaging_service_sid, updated_at)
		VALUES ($1, $2, $3, COALESCE($4, (SELECT auth_token_sealed FROM sms_settings WHERE shop_id = $1)), $5, $6, $7)
		ON CONFLICT (shop_id) DO UPDATE SET enabled = EXCLUDED.enabled, account_sid = EXCLUDED.account_sid,
			auth_token_sealed = EXCLUDED.auth_token_sealed, from_number = EXCLUDED.from_number,
			messaging_service_sid = EXCLUDED.messaging_service_sid, updated_at = EXCLUDED.updated_at
		RETURNING `+smsSettingsColumns,
		in.ShopID, in.Enabled, in.AccountSID, sealed, in.FromNumber, in.MessagingServiceSID, s.now())
	if isCheckViolation(err) {
		return SMSSettings{}, fmt.Errorf("SMS settings of shop %d: one sender, and SMS on only with an account, a token and a sender: %w", in.ShopID, ErrInvalid)
	}
	if err != nil {
		return SMSSettings{}, fmt.Errorf("save SMS settings of shop %d: %w", in.ShopID, err)
	}
	return saved, nil
}

// Credentials returns the shop's SMS settings with the auth token in clear
// ("" when none is stored): for the credentials check, the sending jobs
// and the webhooks' signatures, never for a page or a log.
func (s *SMSSettingsStore) Credentials(ctx context.Context, shopID int64) (SMSSettings, string, error) {
	var row struct {
		SMSSettings
		Domain string         `db:"domain"`
		Sealed sql.NullString `db:"auth_token_sealed"`
	}
	err := s.db.GetContext(ctx, &row, `SELECT sh.id AS shop_id, COALESCE(m.enabled, false) AS enabled,
			COALESCE(m.account_sid, '') AS account_sid, COALESCE(m.from_number, '') AS from_number,
			COALESCE(m.messaging_service_sid, '') AS messaging_service_sid,
			m.auth_token_sealed IS NOT NULL AS has_auth_token, COALESCE(m.updated_at, 'epoch') AS updated_at,
			sh.domain, m.auth_token_sealed
		FROM shops sh LEFT JOIN sms_settings m ON m.shop_id = sh.id WHERE sh.id = $1`, shopID)
	if err != nil {
		return SMSSettings{}, "", notFound(err, "shop %d", shopID)
	}
	if !row.Sealed.Valid {
		return row.SMSSettings, "", nil
	}
	token, err := s.keys.Open(row.Sealed.String, authTokenData(row.Domain))
	if err != nil {
		return SMSSettings{}, "", fmt.Errorf("open the Twilio auth token of shop %d: %w", shopID, err)
	}
	return row.SMSSettings, string(token), nil
}

// authTokenData binds a sealed token to its shop and its column, so it
// cannot be moved to another shop or read as another secret.
func authTokenData(domain string) []byte { return []byte(domain + "\x00sms_settings.auth_token") }

func (s *SMSSettingsStore) domain(ctx context.Context, shopID int64) (string, error) {
	var domain string
	if err := s.db.GetContext(ctx, &domain, `SELECT domain FROM shops WHERE id = $1`, shopID); err != nil {
		return "", notFound(err, "shop %d", shopID)
	}
	return domain, nil
}
