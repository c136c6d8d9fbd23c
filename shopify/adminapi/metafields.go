package adminapi

import (
	"context"
	"fmt"
)

// App-data metafields (https://shopify.dev/docs/apps/build/custom-data/metafields/use-app-data-metafields)
// are metafields owned by the app's installation on the shop: only the app
// can read or write them, the admin does not show them, and the storefront
// reads them in Liquid as app.metafields.{namespace}.{key} — in theme app
// extensions and app proxy pages. Their namespace is an ordinary one
// (Shopify's example uses "secret_keys"); the owner, not a reserved "$app"
// prefix, is what makes them the app's. hubchat keeps the chat settings the
// storefront widget needs before any request in hubchat.chat (docs/chat-api.md).

// MaxMetafieldsPerSet is how many metafields one metafieldsSet call may
// set (Shopify's limit).
const MaxMetafieldsPerSet = 25

// Metafield types hubchat writes; Shopify supports many more.
const (
	MetafieldTypeJSON           = "json"
	MetafieldTypeSingleLineText = "single_line_text_field"
	MetafieldTypeBoolean        = "boolean"
)

// MetafieldInput is one metafield to set.
type MetafieldInput struct {
	Namespace string // 3–255 of A-Z a-z 0-9 _ -
	Key       string // 2–64 of the same
	Type      string // e.g. MetafieldTypeJSON
	// Value is the value serialised as Shopify stores it: JSON text for
	// json, "true" or "false" for boolean.
	Value string
}

// Metafield is a metafield as Shopify stored it.
type Metafield struct {
	ID        string `json:"id"` // gid://shopify/Metafield/…
	Namespace string `json:"namespace"`
	Key       string `json:"key"`
	Type      string `json:"type"`
	Value     string `json:"value"`
}

const appInstallationQuery = `query HubchatAppInstallation {
  currentAppInstallation { id }
}`

// AppInstallationID returns the id of the app's installation on the shop
// (gid://shopify/AppInstallation/…), the owner of its app-data metafields.
// A reinstall may give a new one, so callers should not keep it for long.
func (c *Client) AppInstallationID(ctx context.Context) (string, error) {
	var data struct {
		CurrentAppInstallation struct {
			ID string `json:"id"`
		} `json:"currentAppInstallation"`
	}
	if err := c.Do(ctx, appInstallationQuery, nil, &data); err != nil {
		return "", fmt.Errorf("app installation: %w", err)
	}
	id := data.CurrentAppInstallation.ID
	if _, err := numericID(id, "AppInstallation"); err != nil {
		return "", fmt.Errorf("app installation: %w", err)
	}
	return id, nil
}

const metafieldsSetMutation = `mutation HubchatMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
  metafieldsSet(metafields: $metafields) {
    metafields { id namespace key type value }
    userErrors { field message code }
  }
}`

// SetAppMetafields creates or replaces app-data metafields owned by
// ownerID, the id AppInstallationID returned, and returns them as stored.
// It sends one metafieldsSet (10 cost points), which Shopify applies
// atomically: when it rejects any field it returns a *MutationError and
// nothing is changed. No fields, more than MaxMetafieldsPerSet, or an owner
// that is not an AppInstallation id are ErrInvalidArgument, sent nowhere.
// The client's retries after a lost answer are safe: setting is idempotent.
func (c *Client) SetAppMetafields(ctx context.Context, ownerID string, fields []MetafieldInput) ([]Metafield, error) {
	if n := len(fields); n == 0 || n > MaxMetafieldsPerSet {
		return nil, fmt.Errorf("%w: set 1 to %d metafields per call, not %d", ErrInvalidArgument, MaxMetafieldsPerSet, n)
	}
	if _, err := numericID(ownerID, "AppInstallation"); err != nil {
		return nil, fmt.Errorf("%w: app metafields owner: %v", ErrInvalidArgument, err)
	}
	inputs := make([]map[string]string, len(fields))
	for i, f := range fields {
		inputs[i] = map[string]string{"ownerId": ownerID, "namespace": f.Namespace, "key": f.Key, "type": f.Type, "value": f.Value}
	}
	var data struct {
		MetafieldsSet struct {
			Metafields []Metafield `json:"metafields"`
			UserErrors []struct {
				Field   []string `json:"field"`
				Message string   `json:"message"`
				Code    string   `json:"code"`
			} `json:"userErrors"`
		} `json:"metafieldsSet"`
	}
	if err := c.Do(ctx, metafieldsSetMutation, map[string]any{"metafields": inputs}, &data); err != nil {
		return nil, fmt.Errorf("set app metafields: %w", err)
	}
	payload := data.MetafieldsSet
	if len(payload.UserErrors) > 0 {
		e := &MutationError{Mutation: "metafieldsSet"}
		for _, u := range payload.UserErrors {
			e.UserErrors = append(e.UserErrors, UserError{Field: u.Field, Message: u.Message, Code: u.Code})
		}
		return nil, e
	}
	return payload.Metafields, nil
}
