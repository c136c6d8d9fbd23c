package storefront

import (
	"context"
	"slices"
	"time"

	"hubchat/app/apperr"
	"hubchat/app/ttlcache"
	"hubchat/shopify"
	"hubchat/storage"
)

// AccessTTL is how long an instance trusts what it read of a shop's state.
// A shopper token is checked against that state on every request, so
// turning chat off, requiring sign-in, uninstalling the app or a change of
// the store's domains reaches tokens already issued within AccessTTL, on
// every instance, while a request costs no query in the common case.
const AccessTTL = 3 * time.Second

// Bounds on what Access remembers. Shops are bounded by installs; origins
// are anyone's to make up in a preflight, hence the smaller bound.
const (
	maxCachedShops   = 100_000
	maxCachedOrigins = 10_000
)

// ShopAccess is what a shop allows on its storefront now.
type ShopAccess struct {
	Installed   bool
	ChatEnabled bool
	LoginStatus string // "all" or "logged_in"
	// Origins are the origins its storefront is served from: the synced
	// domains and the myshopify.com domain.
	Origins []string
}

// AllowsOrigin reports whether a request whose Origin header is origin
// comes from this shop's storefront.
func (a ShopAccess) AllowsOrigin(origin string) bool {
	o, ok := shopify.Origin(origin)
	return ok && slices.Contains(a.Origins, o)
}

// Admit returns nil when the shopper may use the chat API now, or the
// error that says why not: the app was uninstalled, chat was turned off, or
// the shop requires sign-in and the token is an anonymous visitor's.
func (a ShopAccess) Admit(s Shopper) error {
	switch {
	case !a.Installed:
		return apperr.New(apperr.Forbidden, "Chat is not available in this store.")
	case !a.ChatEnabled:
		return apperr.New(apperr.Forbidden, "Chat is not available right now.")
	case (s.ProfileID == 0 || s.Visitor) && a.LoginStatus != "all":
		return apperr.New(apperr.Forbidden, "Sign in to chat with us.")
	}
	return nil
}

// AccessShops is what Access reads of the shops.
type AccessShops interface {
	Get(ctx context.Context, shopID int64) (storage.Shop, error)
	IsStorefrontOrigin(ctx context.Context, origin string) (bool, error)
}

// Access reads shops' current state for the storefront API guard and
// remembers it for a TTL, per instance.
type Access struct {
	shops    AccessShops
	settings SettingsStore
	byShop   *ttlcache.Cache[int64, ShopAccess]
	byOrigin *ttlcache.Cache[string, bool]
}

// NewAccess returns an Access remembering what it reads for ttl by the
// clock now.
func NewAccess(shops AccessShops, settings SettingsStore, ttl time.Duration, now func() time.Time) *Access {
	return &Access{shops: shops, settings: settings,
		byShop:   ttlcache.New[int64, ShopAccess](ttl, maxCachedShops, now),
		byOrigin: ttlcache.New[string, bool](ttl, maxCachedOrigins, now)}
}

// Shop returns what shopID allows now (at most the TTL old). A shop that no
// longer exists (erased after uninstalling) allows nothing.
func (a *Access) Shop(ctx context.Context, shopID int64) (ShopAccess, error) {
	return a.byShop.Get(shopID, func() (ShopAccess, error) {
		shop, err := a.shops.Get(ctx, shopID)
		if apperr.Is(err, apperr.NotFound) {
			return ShopAccess{}, nil
		}
		if err != nil || !shop.Installed() {
			return ShopAccess{}, err
		}
		settings, err := a.settings.Get(ctx, shopID)
		if err != nil {
			return ShopAccess{}, err
		}
		return ShopAccess{Installed: true, ChatEnabled: settings.Enabled, LoginStatus: settings.LoginStatus,
			Origins: append([]string{"https://" + shop.Domain}, shop.StorefrontOrigins...)}, nil
	})
}

// IsStorefront reports whether origin (an Origin header) is the storefront
// of any shop that has the app installed: what a CORS preflight, which
// carries no token, can be answered by.
func (a *Access) IsStorefront(ctx context.Context, origin string) (bool, error) {
	o, ok := shopify.Origin(origin)
	if !ok {
		return false, nil
	}
	return a.byOrigin.Get(o, func() (bool, error) { return a.shops.IsStorefrontOrigin(ctx, o) })
}
