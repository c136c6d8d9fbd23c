package shopify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// ErrTokenRejected means Shopify's token endpoint refused a code, session
// token or refresh token (an OAuth error such as invalid_subject_token): a
// 4xx answer other than 408 and 429, which asking again does not change.
var ErrTokenRejected = errors.New("shopify: token request rejected")

// OAuth requests access tokens from a shop's token endpoint
// (POST https://{shop}/admin/oauth/access_token) with the app's credentials,
// always asking for expiring offline tokens (SHOPIFY.md §1).
type OAuth struct {
	APIKey    string
	APISecret string
	// Scopes are requested on the authorize screen.
	Scopes []string
	// HTTP sends the requests; nil means a client with a 15 s timeout.
	HTTP *http.Client
	// ShopURL returns the origin of a shop's admin endpoints: nil means
	// https://{shop}; the local fake Shopify points it at itself.
	ShopURL func(shop string) string
}

// The token types of a token-exchange request.
const (
	grantTokenExchange   = "urn:ietf:params:oauth:grant-type:token-exchange"
	subjectTypeIDToken   = "urn:ietf:params:oauth:token-type:id_token"
	requestedOfflineType = "urn:shopify:params:oauth:token-type:offline-access-token"
	requestedOnlineType  = "urn:shopify:params:oauth:token-type:online-access-token"
)

// AccessToken is a token endpoint's answer.
type AccessToken struct {
	AccessToken           string          `json:"access_token"`
	Scope                 string          `json:"scope"`
	ExpiresIn             int             `json:"expires_in"`
	RefreshToken          string          `json:"refresh_token"`
	RefreshTokenExpiresIn int             `json:"refresh_token_expires_in"`
	AssociatedUser        *AssociatedUser `json:"associated_user"`
}

// AssociatedUser is the staff member an online token belongs to.
type AssociatedUser struct {
	ID            int64  `json:"id"`
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	Email         string `json:"email"`
	AccountOwner  bool   `json:"account_owner"`
	Locale        string `json:"locale"`
	Collaborator  bool   `json:"collaborator"`
	EmailVerified bool   `json:"email_verified"`
}

// ExpiresAt is when the access token expires, or zero for a token that
// does not expire.
func (t AccessToken) ExpiresAt(issued time.Time) time.Time {
	if t.ExpiresIn <= 0 {
		return time.Time{}
	}
	return issued.Add(time.Duration(t.ExpiresIn) * time.Second)
}

// RefreshExpiresAt is when the refresh token expires, or zero when none.
func (t AccessToken) RefreshExpiresAt(issued time.Time) time.Time {
	if t.RefreshToken == "" || t.RefreshTokenExpiresIn <= 0 {
		return time.Time{}
	}
	return issued.Add(time.Duration(t.RefreshTokenExpiresIn) * time.Second)
}

// AuthorizeURL is where the merchant grants the app its scopes. state is
// the nonce the callback must return.
func (o *OAuth) AuthorizeURL(shop, redirectURI, state string) string {
	q := url.Values{
		"client_id":    {o.APIKey},
		"scope":        {strings.Join(o.Scopes, ",")},
		"redirect_uri": {redirectURI},
		"state":        {state},
	}
	return o.origin(shop) + "/admin/oauth/authorize?" + q.Encode()
}

// ExchangeCode trades the callback's authorization code for an expiring
// offline token.
func (o *OAuth) ExchangeCode(ctx context.Context, shop, code string) (AccessToken, error) {
	return o.request(ctx, shop, map[string]string{"code": code, "expiring": "1"})
}

// ExchangeSessionToken trades a session token for an expiring offline token,
// or, when online, for the staff user's online token (which names the user).
func (o *OAuth) ExchangeSessionToken(ctx context.Context, shop, sessionToken string, online bool) (AccessToken, error) {
	requested := requestedOfflineType
	if online {
		requested = requestedOnlineType
	}
	return o.request(ctx, shop, map[string]string{
		"grant_type":           grantTokenExchange,
		"subject_token":        sessionToken,
		"subject_token_type":   subjectTypeIDToken,
		"requested_token_type": requested,
		"expiring":             "1",
	})
}

// Refresh trades a refresh token for a new access and refresh token pair.
func (o *OAuth) Refresh(ctx context.Context, shop, refreshToken string) (AccessToken, error) {
	return o.request(ctx, shop, map[string]string{"grant_type": "refresh_token", "refresh_token": refreshToken})
}

func (o *OAuth) request(ctx context.Context, shop string, fields map[string]string) (AccessToken, error) {
	if _, err := NormalizeShopDomain(shop); err != nil {
		return AccessToken{}, err
	}
	fields["client_id"], fields["client_secret"] = o.APIKey, o.APISecret
	body, _ := json.Marshal(fields)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.origin(shop)+"/admin/oauth/access_token", bytes.NewReader(body))
	if err != nil {
		return AccessToken{}, fmt.Errorf("token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := o.client().Do(req)
	if err != nil {
		return AccessToken{}, fmt.Errorf("token request to %s: %w", shop, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return AccessToken{}, fmt.Errorf("token response from %s: %w", shop, err)
	}
	if resp.StatusCode != http.StatusOK {
		return AccessToken{}, tokenError(shop, resp.StatusCode, raw)
	}
	var t AccessToken
	if err := json.Unmarshal(raw, &t); err != nil || t.AccessToken == "" {
		return AccessToken{}, fmt.Errorf("token response from %s: no access token in the answer", shop)
	}
	return t, nil
}

// tokenError names the OAuth error without echoing anything secret: the
// response body of a failed grant carries only an error code and text.
func tokenError(shop string, status int, raw []byte) error {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(raw, &e)
	if status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests {
		return fmt.Errorf("%w by %s: %d %s %s", ErrTokenRejected, shop, status, e.Error, e.Description)
	}
	return fmt.Errorf("token endpoint of %s answered %d", shop, status)
}

func (o *OAuth) origin(shop string) string {
	if o.ShopURL != nil {
		return strings.TrimRight(o.ShopURL(shop), "/")
	}
	return "https://" + shop
}

func (o *OAuth) client() *http.Client {
	if o.HTTP != nil {
		return o.HTTP
	}
	return &http.Client{Timeout: 15 * time.Second}
}

// MissingScopes returns the required scopes the grant lacks. A write_ scope
// implies its read_ scope, as Shopify grants them.
func MissingScopes(granted string, required []string) []string {
	have := map[string]bool{}
	for _, s := range strings.Split(granted, ",") {
		s = strings.TrimSpace(s)
		have[s] = true
		if r, ok := strings.CutPrefix(s, "write_"); ok {
			have["read_"+r] = true
		}
	}
	var missing []string
	for _, s := range required {
		if !have[s] {
			missing = append(missing, s)
		}
	}
	return missing
}
