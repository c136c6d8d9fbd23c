package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"hubchat/storage/seal"
)

// Shop is one store that installed hubchat. Its tokens are not here: they
// leave storage only through Shops.Token.
type Shop struct {
	ID            int64      `db:"id"`
	Domain        string     `db:"domain"`
	Name          string     `db:"name"`
	PrimaryDomain string     `db:"primary_domain"`
	Email         string     `db:"email"`
	IANATimezone  string     `db:"iana_timezone"`
	Currency      string     `db:"currency"`
	PrimaryLocale string     `db:"primary_locale"` // BCP 47 ("en", "pt-BR"); "" while unknown (see ShopDetails)
	Scopes        string     `db:"scopes"`
	InstalledAt   time.Time  `db:"installed_at"`
	UninstalledAt *time.Time `db:"uninstalled_at"`
	SyncedAt      *time.Time `db:"details_synced_at"`
	// PrivacyPolicyURL and TermsOfServiceURL are the shop's own policies.
	PrivacyPolicyURL  string `db:"privacy_policy_url"`
	TermsOfServiceURL string `db:"terms_of_service_url"`
	// StorefrontOrigins are the origins its online store is served from,
	// as the last sync read them (see ShopDetails).
	StorefrontOrigins pq.StringArray `db:"storefront_origins"`
}

// Installed reports whether the shop has the app installed now.
func (s Shop) Installed() bool { return s.UninstalledAt == nil }

// Location is the shop's time zone, UTC when it is unknown or invalid.
func (s Shop) Location() *time.Location {
	if loc, err := time.LoadLocation(s.IANATimezone); err == nil {
		return loc
	}
	return time.UTC
}

// OfflineToken is a shop's Admin API access as Shopify granted it.
type OfflineToken struct {
	AccessToken      string
	Scopes           string
	ExpiresAt        time.Time // zero: does not expire
	RefreshToken     string
	RefreshExpiresAt time.Time
}

// ShopDetails are what the Admin API says about the shop.
type ShopDetails struct {
	Name, PrimaryDomain, Email, IANATimezone, Currency string
	PrivacyPolicyURL, TermsOfServiceURL                string
	// PrimaryLocale is the shop's primary language (BCP 47); "" when the
	// shop has not granted the scope to read it, stored as it is.
	PrimaryLocale string
	// StorefrontOrigins are the origins (scheme://host[:port], as
	// shopify.Origin spells them) its online store is served from.
	StorefrontOrigins []string
	// Policies are all the shop's policies, one per type.
	Policies []ShopPolicy
}

// Shops stores shops and their sealed tokens.
type Shops struct {
	db   *sqlx.DB
	keys *seal.Keyring
	now  func() time.Time
}

// NewShops returns the shop store; keys seal and open the tokens.
func NewShops(db *sqlx.DB, keys *seal.Keyring, now func() time.Time) *Shops {
	return &Shops{db: db, keys: keys, now: now}
}

const shopColumns = `id, domain, name, primary_domain, email, iana_timezone, currency, primary_locale, scopes,
	installed_at, uninstalled_at, details_synced_at, privacy_policy_url, terms_of_service_url, storefront_origins`

// Install records an installation or a reinstallation of domain with its
// new token, and returns the shop. A reinstalled shop keeps its id and data.
func (s *Shops) Install(ctx context.Context, domain string, tok OfflineToken) (Shop, error) {
	access, refresh, err := s.sealPair(domain, tok)
	if err != nil {
		return Shop{}, err
	}
	var shop Shop
	err = s.db.GetContext(ctx, &shop, `
		INSERT INTO shops (domain, scopes, access_token_sealed, access_token_expires_at,
			refresh_token_sealed, refresh_token_expires_at, token_refreshed_at, installed_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)
		ON CONFLICT (domain) DO UPDATE SET
			scopes = EXCLUDED.scopes,
			access_token_sealed = EXCLUDED.access_token_sealed,
			access_token_expires_at = EXCLUDED.access_token_expires_at,
			refresh_token_sealed = EXCLUDED.refresh_token_sealed,
			refresh_token_expires_at = EXCLUDED.refresh_token_expires_at,
			token_refreshed_at = EXCLUDED.token_refreshed_at,
			installed_at = CASE WHEN shops.uninstalled_at IS NULL THEN shops.installed_at ELSE EXCLUDED.installed_at END,
			uninstalled_at = NULL,
			updated_at = EXCLUDED.updated_at
		RETURNING `+shopColumns,
		domain, tok.Scopes, access, nullTime(tok.ExpiresAt), refresh, nullTime(tok.RefreshExpiresAt), s.now())
	if err != nil {
		return Shop{}, fmt.Errorf("install shop %s: %w", domain, err)
	}
	return shop, nil
}

// ByDomain finds a shop by its myshopify.com domain: how a request's
// verified shop becomes a shop id.
func (s *Shops) ByDomain(ctx context.Context, domain string) (Shop, error) {
	var shop Shop
	err := s.db.GetContext(ctx, &shop, `SELECT `+shopColumns+` FROM shops WHERE domain = $1`, domain)
	if err != nil {
		return Shop{}, notFound(err, "shop %s", domain)
	}
	return shop, nil
}

// Get returns the shop with id.
func (s *Shops) Get(ctx context.Context, shopID int64) (Shop, error) {
	var shop Shop
	err := s.db.GetContext(ctx, &shop, `SELECT `+shopColumns+` FROM shops WHERE id = $1`, shopID)
	if err != nil {
		return Shop{}, notFound(err, "shop %d", shopID)
	}
	return shop, nil
}

// MarkUninstalled records that the app was uninstalled and forgets the
// tokens, which Shopify has revoked. The shop's data stays until shop/redact.
func (s *Shops) MarkUninstalled(ctx context.Context, shopID int64) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE shops SET uninstalled_at = $2, updated_at = $2, access_token_sealed = NULL,
			access_token_expires_at = NULL, refresh_token_sealed = NULL, refresh_token_expires_at = NULL
		WHERE id = $1 AND uninstalled_at IS NULL`, shopID, s.now())
	if err != nil {
		return fmt.Errorf("mark shop %d uninstalled: %w", shopID, err)
	}
	return nil
}

// UpdateDetails stores what the Admin API says about the shop, in one
// transaction: its details, its storefront origins replaced by d's, and
// its policies replaced by d's (a policy that is no longer there is
// deleted; one that did not change is left as it was, so the knowledge
// version moves only when something did).
func (s *Shops) UpdateDetails(ctx context.Context, shopID int64, d ShopDetails) error {
	tx, err := beginInShop(ctx, s.db, shopID, nil)
	if err != nil {
		return fmt.Errorf("update shop %d details: %w", shopID, err)
	}
	defer tx.Rollback()
	now := s.now()
	_, err = tx.ExecContext(ctx, `
		UPDATE shops SET name = $2, primary_domain = $3, email = $4, iana_timezone = $5, currency = $6,
			privacy_policy_url = $7, terms_of_service_url = $8, storefront_origins = COALESCE($10::text[], '{}'),
			primary_locale = $11, details_synced_at = $9, updated_at = $9
		WHERE id = $1`, shopID, d.Name, d.PrimaryDomain, d.Email, d.IANATimezone, d.Currency,
		d.PrivacyPolicyURL, d.TermsOfServiceURL, now, pq.Array(d.StorefrontOrigins), d.PrimaryLocale)
	if err != nil {
		return fmt.Errorf("update shop %d details: %w", shopID, err)
	}
	if err := replacePolicies(ctx, tx, shopID, d.Policies, now); err != nil {
		return err
	}
	return tx.Commit()
}

// IsStorefrontOrigin reports whether origin (as shopify.Origin spells it)
// is the storefront of a shop that has the app installed: one of its synced
// storefront origins, or its myshopify.com domain over https. It is the one
// question asked across shops, for a CORS preflight, which carries no token
// to name its shop; it tells nothing about any shop but that one exists.
func (s *Shops) IsStorefrontOrigin(ctx context.Context, origin string) (bool, error) {
	myshopify, ok := strings.CutPrefix(origin, "https://")
	if !ok {
		myshopify = "" // a myshopify.com storefront is https only
	}
	var found bool
	err := s.db.GetContext(ctx, &found, `
		SELECT EXISTS (SELECT 1 FROM shops WHERE uninstalled_at IS NULL
			AND (storefront_origins @> ARRAY[$1]::text[] OR domain = $2))`, origin, myshopify)
	if err != nil {
		return false, fmt.Errorf("is %q a storefront origin: %w", origin, err)
	}
	return found, nil
}

func (s *Shops) sealPair(domain string, tok OfflineToken) (access, refresh sql.NullString, err error) {
	if tok.AccessToken == "" {
		return access, refresh, fmt.Errorf("no access token to store: %w", ErrInvalid)
	}
	ad := []byte(domain)
	a, err := s.keys.Seal([]byte(tok.AccessToken), ad)
	if err != nil {
		return access, refresh, fmt.Errorf("seal access token: %w", err)
	}
	access = sql.NullString{String: a, Valid: true}
	if tok.RefreshToken != "" {
		r, err := s.keys.Seal([]byte(tok.RefreshToken), ad)
		if err != nil {
			return access, refresh, fmt.Errorf("seal refresh token: %w", err)
		}
		refresh = sql.NullString{String: r, Valid: true}
	}
	return access, refresh, nil
}

func nullTime(t time.Time) sql.NullTime {
	return sql.NullTime{Time: t, Valid: !t.IsZero()}
}
