package app

import (
	"context"
	"encoding/json"
	"fmt"

	"hubchat/app/jobs"
	"hubchat/shopify/adminapi"
	"hubchat/storage"
)

// jobPublishChat writes what the storefront widget needs before any request
// into the app-data metafield hubchat.chat (docs/chat-api.md).
const jobPublishChat = "chat.publish"

// chatMetafield is the metafield's JSON.
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

// publishChat writes the shop's chat settings to its app-data metafield.
func publishChat(s *services) jobs.Handler {
	return func(ctx context.Context, job storage.Job) error {
		shop, err := s.shops.Get(ctx, job.ShopID)
		if err != nil || !shop.Installed() {
			return err
		}
		cs, err := s.settings.Get(ctx, shop.ID)
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
		client, err := s.clients.For(shop)
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
}

// enqueuePublishChat queues a publish of the shop's chat settings (one
// waiting at a time: a later one publishes the latest settings anyway).
func (s *services) enqueuePublishChat(ctx context.Context, shopID int64) error {
	_, err := s.jobs.Enqueue(ctx, storage.NewJob{Kind: jobPublishChat, ShopID: shopID, UniqueKey: fmt.Sprintf("chat.publish:%d", shopID)})
	return err
}
