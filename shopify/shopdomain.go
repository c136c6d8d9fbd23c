package shopify

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// shopDomainPattern is Shopify's own rule (SHOPIFY.md §1), applied after
// ASCII lowercasing. It is anchored and ASCII-only, so a scheme, path, port,
// userinfo, trailing dot or any non-ASCII look-alike fails it.
var shopDomainPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*\.myshopify\.com$`)

// storeHandlePattern is the {store} in admin.shopify.com/store/{store},
// mirroring the library's shopAdminRegex.
var storeHandlePattern = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_-]*$`)

// maxShopNameLen is the DNS limit on one label: a longer name cannot be a
// real shop, so there is no reason to carry it into keys or URLs.
const maxShopNameLen = 63

const shopDomainSuffix = ".myshopify.com"

// NormalizeShopDomain returns the canonical (lowercase) form of a
// {name}.myshopify.com domain, or an error wrapping ErrInvalidShop.
//
// Only ASCII letters are folded, before the pattern is checked: folding
// Unicode first would let a look-alike such as the Kelvin sign (U+212A, which
// strings.ToLower turns into "k") name a different shop than the one the
// string spells. Callers must store and compare the returned form.
//
// Unlike Shopify's library it accepts only myshopify.com (not its internal
// domains) and no trailing slash: hubchat has no use for either.
func NormalizeShopDomain(s string) (string, error) {
	lower := asciiLower(s)
	if !shopDomainPattern.MatchString(lower) {
		return "", fmt.Errorf("%w: %s", ErrInvalidShop, quoteInput(s))
	}
	if len(lower)-len(shopDomainSuffix) > maxShopNameLen {
		return "", fmt.Errorf("%w: name longer than %d characters", ErrInvalidShop, maxShopNameLen)
	}
	return lower, nil
}

// ValidShopDomain reports whether s is a {name}.myshopify.com domain
// (ASCII case-insensitive). Use NormalizeShopDomain to get the form to store.
func ValidShopDomain(s string) bool {
	_, err := NormalizeShopDomain(s)
	return err == nil
}

// asciiLower folds only A–Z, leaving every other byte (including UTF-8
// sequences) as is so that the pattern rejects them.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

// DecodeHost decodes the admin's host parameter: standard base64, usually
// without padding, of "admin.shopify.com/store/{store}" or, for the legacy
// admin, "{shop}.myshopify.com/admin". It returns the decoded host, or an
// error wrapping ErrInvalidHost when it is anything else, so the result is
// safe to put in a redirect.
func DecodeHost(host string) (string, error) {
	raw := strings.TrimRight(host, "=")
	if raw == "" || len(host)-len(raw) > 2 {
		return "", fmt.Errorf("%w: not base64", ErrInvalidHost)
	}
	b, err := base64.RawStdEncoding.Strict().DecodeString(raw)
	if err != nil {
		return "", fmt.Errorf("%w: not base64: %w", ErrInvalidHost, err)
	}
	decoded := string(b)
	if store, ok := strings.CutPrefix(decoded, "admin.shopify.com/store/"); ok {
		if storeHandlePattern.MatchString(store) {
			return decoded, nil
		}
		return "", fmt.Errorf("%w: bad store handle in %s", ErrInvalidHost, quoteInput(decoded))
	}
	if shop, ok := strings.CutSuffix(decoded, "/admin"); ok && ValidShopDomain(shop) {
		return decoded, nil
	}
	return "", fmt.Errorf("%w: %s is not a Shopify admin location", ErrInvalidHost, quoteInput(decoded))
}

// EncodeHost is the inverse of DecodeHost, as Shopify builds the parameter
// (padding stripped). The fake Shopify and tests use it.
func EncodeHost(decoded string) string {
	return base64.RawStdEncoding.EncodeToString([]byte(decoded))
}

// AppHomeURL returns the URL of the app's home inside the admin,
// https://{decoded host}/apps/{apiKey}: where a non-embedded load is sent so
// the admin can frame the app.
func AppHomeURL(host, apiKey string) (string, error) {
	if apiKey == "" {
		return "", fmt.Errorf("app home url: empty api key")
	}
	decoded, err := DecodeHost(host)
	if err != nil {
		return "", fmt.Errorf("app home url: %w", err)
	}
	return "https://" + decoded + "/apps/" + url.PathEscape(apiKey), nil
}
