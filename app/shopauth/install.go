package shopauth

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"hubchat/app/apperr"
	"hubchat/shopify"
	"hubchat/storage"
)

// ShopStore is what installing needs from storage.
type ShopStore interface {
	Install(ctx context.Context, domain string, tok storage.OfflineToken) (storage.Shop, error)
	ByDomain(ctx context.Context, domain string) (storage.Shop, error)
	UpdateDetails(ctx context.Context, shopID int64, d storage.ShopDetails) error
}

// DetailsSource fetches a shop's name, domains, time zone and currency from
// the Admin API.
type DetailsSource interface {
	ShopDetails(ctx context.Context, shop storage.Shop) (storage.ShopDetails, error)
}

// Installer turns a grant from Shopify into an installed shop.
type Installer struct {
	OAuth   *shopify.OAuth
	Shops   ShopStore
	Details DetailsSource
	// AfterInstall runs once a shop is (re)installed, e.g. to queue the
	// backfill; nil means nothing.
	AfterInstall func(ctx context.Context, shop storage.Shop) error
	Log          *slog.Logger
	Now          func() time.Time
}

// InstallFromCode completes the OAuth authorization-code grant.
func (i *Installer) InstallFromCode(ctx context.Context, shop, code string) (storage.Shop, error) {
	tok, err := i.OAuth.ExchangeCode(ctx, shop, code)
	if err != nil {
		return storage.Shop{}, apperr.Wrap(apperr.Unauthorized, err, "Shopify did not confirm the installation; please install hubchat again")
	}
	return i.install(ctx, shop, tok)
}

// InstallFromSessionToken completes a Shopify-managed installation: the
// session token of the staff member who opened the app is exchanged for
// the shop's offline token.
func (i *Installer) InstallFromSessionToken(ctx context.Context, shop, sessionToken string) (storage.Shop, error) {
	tok, err := i.OAuth.ExchangeSessionToken(ctx, shop, sessionToken, false)
	if err != nil {
		return storage.Shop{}, fmt.Errorf("token exchange for %s: %w", shop, err)
	}
	return i.install(ctx, shop, tok)
}

func (i *Installer) install(ctx context.Context, domain string, tok shopify.AccessToken) (storage.Shop, error) {
	if missing := shopify.MissingScopes(tok.Scope, i.OAuth.Scopes); len(missing) > 0 {
		return storage.Shop{}, apperr.New(apperr.Forbidden,
			"hubchat needs these permissions to work: %s. Please install it again and accept them.", strings.Join(missing, ", "))
	}
	now := i.Now()
	shop, err := i.Shops.Install(ctx, domain, storage.OfflineToken{
		AccessToken: tok.AccessToken, Scopes: tok.Scope, ExpiresAt: tok.ExpiresAt(now),
		RefreshToken: tok.RefreshToken, RefreshExpiresAt: tok.RefreshExpiresAt(now),
	})
	if err != nil {
		return storage.Shop{}, err
	}
	i.Log.Info("shop installed", "shop", domain)
	// The admin's first page shows the shop's name: fetch it now, briefly.
	// On failure the shop stays installed and AfterInstall's sync retries.
	if d, err := i.details(ctx, shop); err == nil {
		if err := i.Shops.UpdateDetails(ctx, shop.ID, d); err == nil {
			shop.Name, shop.IANATimezone, shop.Currency = d.Name, d.IANATimezone, d.Currency
		}
	} else {
		i.Log.Warn("shop details not fetched at install", "shop", domain, "error", err)
	}
	if i.AfterInstall != nil {
		if err := i.AfterInstall(ctx, shop); err != nil {
			return storage.Shop{}, err
		}
	}
	return shop, nil
}

func (i *Installer) details(ctx context.Context, shop storage.Shop) (storage.ShopDetails, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return i.Details.ShopDetails(ctx, shop)
}
