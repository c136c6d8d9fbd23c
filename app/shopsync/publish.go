package shopsync

import (
	"context"
	"encoding/json"
	"fmt"

	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// chatMetafield is the JSON of the app-data metafield hubchat.chat: what the
// storefront widget needs before any request (docs/chat-api.md).
type chatMetafield struct {
	Enabled        bool   `json:"enabled"`
	LoginStatus    string `json:"login_status"`
	WelcomeMessage string `json:"welcome_message"`
	Color          string `json:"color"`
	Icon           string `json:"icon"`
	Position       string `json:"position"`
	PrivacyURL     string `json:"privacy_url"`
	TermsURL       string `json:"terms_url"`
}

// PublishChat writes the shop's chat settings to its app-data metafield.
func (j *Jobs) PublishChat(ctx context.Context, job storage.Job) error {
	shop, err := j.Shops.Get(ctx, job.ShopID)
	if err != nil || !shop.Installed() {
		return err
	}
	cs, err := j.Settings.Get(ctx, shop.ID)
	if err != nil {
		return err
	}
	privacy, terms := cs.Links(shop)
	value, err := json.Marshal(chatMetafield{
		Enabled: cs.Enabled, LoginStatus: cs.LoginStatus, WelcomeMessage: cs.WelcomeMessage,
		Color: cs.Color, Icon: cs.Icon, Position: cs.Position, PrivacyURL: privacy, TermsURL: terms,
	})
	if err != nil {
		return err
	}
	client, err := j.API.For(shop)
	if err != nil {
		return err
	}
	owner, err := client.AppInstallationID(ctx)
	if err != nil {
		return fmt.Errorf("publish chat settings of %s: %w", shop.Domain, err)
	}
	_, err = client.SetAppMetafields(ctx, owner, []adminapi.MetafieldInput{{
		Namespace: "hubchat", Key: "chat", Type: adminapi.MetafieldTypeJSON, Value: string(value),
	}})
	return err
}
