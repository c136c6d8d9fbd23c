package webhooks

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"hubchat/app/apperr"
	"hubchat/storage"
)

// ShopLifecycle is what the lifecycle topics need from storage.
type ShopLifecycle interface {
	ByDomain(ctx context.Context, domain string) (storage.Shop, error)
	MarkUninstalled(ctx context.Context, shopID int64) error
}

// PrivacyStore carries out the compliance topics.
type PrivacyStore interface {
	ExportCustomer(ctx context.Context, shopID int64, requestID string, c storage.CustomerRef, receivedAt time.Time) (storage.PrivacyRequest, error)
	RedactCustomer(ctx context.Context, shopID int64, requestID string, c storage.CustomerRef, receivedAt time.Time) (storage.PrivacyRequest, error)
	RedactShop(ctx context.Context, domain string) (map[string]int64, error)
}

// Topics returns the handlers of the lifecycle and compliance topics.
func Topics(shops ShopLifecycle, privacy PrivacyStore, log *slog.Logger) map[string]TopicHandler {
	t := lifecycleTopics{shops: shops, privacy: privacy, log: log}
	return map[string]TopicHandler{
		"app/uninstalled":        t.uninstalled,
		"customers/data_request": t.dataRequest,
		"customers/redact":       t.customerRedact,
		"shop/redact":            t.shopRedact,
	}
}

type lifecycleTopics struct {
	shops   ShopLifecycle
	privacy PrivacyStore
	log     *slog.Logger
}

// shop finds the shop a delivery is for; ok is false when hubchat
// holds nothing for it, so there is nothing to do.
func (t lifecycleTopics) shop(ctx context.Context, domain string) (storage.Shop, bool, error) {
	shop, err := t.shops.ByDomain(ctx, domain)
	if apperr.Is(err, apperr.NotFound) {
		return storage.Shop{}, false, nil
	}
	return shop, err == nil, err
}

// uninstalled stops serving the shop. A delayed delivery from before the
// current installation is ignored: the merchant has installed again since.
func (t lifecycleTopics) uninstalled(ctx context.Context, d storage.Delivery) error {
	shop, ok, err := t.shop(ctx, d.ShopDomain)
	if !ok || err != nil {
		return err
	}
	if d.TriggeredAt.Valid && d.TriggeredAt.Time.Before(shop.InstalledAt) {
		t.log.Info("stale app/uninstalled ignored", "shop", shop.Domain)
		return nil
	}
	return t.shops.MarkUninstalled(ctx, shop.ID)
}

// compliancePayload is the body of the customers/* compliance topics.
type compliancePayload struct {
	ShopDomain string `json:"shop_domain"`
	Customer   struct {
		ID    int64  `json:"id"`
		Email string `json:"email"`
		Phone string `json:"phone"`
	} `json:"customer"`
	DataRequest struct {
		ID json.Number `json:"id"`
	} `json:"data_request"`
}

func (p compliancePayload) ref() storage.CustomerRef {
	return storage.CustomerRef{ID: p.Customer.ID, Email: p.Customer.Email, Phone: p.Customer.Phone}
}

func parseCompliance(d storage.Delivery) (compliancePayload, error) {
	var p compliancePayload
	if err := json.Unmarshal(d.Body, &p); err != nil {
		return p, apperr.Wrap(apperr.Invalid, err, "%s body is not valid JSON", d.Topic)
	}
	if p.Customer.ID == 0 && p.Customer.Email == "" && p.Customer.Phone == "" {
		return p, apperr.New(apperr.Invalid, "%s names no customer", d.Topic)
	}
	return p, nil
}

// forCustomer parses a customers/* compliance delivery and, when hubchat
// holds anything for its shop, acts on it.
func (t lifecycleTopics) forCustomer(ctx context.Context, d storage.Delivery, act func(shopID int64, p compliancePayload) error) error {
	p, err := parseCompliance(d)
	if err != nil {
		return err
	}
	shop, ok, err := t.shop(ctx, d.ShopDomain)
	if !ok || err != nil {
		return err
	}
	return act(shop.ID, p)
}

func (t lifecycleTopics) dataRequest(ctx context.Context, d storage.Delivery) error {
	return t.forCustomer(ctx, d, func(shopID int64, p compliancePayload) error {
		_, err := t.privacy.ExportCustomer(ctx, shopID, p.DataRequest.ID.String(), p.ref(), d.ReceivedAt)
		return err
	})
}

func (t lifecycleTopics) customerRedact(ctx context.Context, d storage.Delivery) error {
	return t.forCustomer(ctx, d, func(shopID int64, p compliancePayload) error {
		_, err := t.privacy.RedactCustomer(ctx, shopID, "", p.ref(), d.ReceivedAt)
		return err
	})
}

// shopRedact erases the shop, 48 hours after uninstall. Shopify cancels it
// when the merchant reinstalls; a late one for a shop that is installed
// again is refused rather than erasing a store in use.
func (t lifecycleTopics) shopRedact(ctx context.Context, d storage.Delivery) error {
	shop, ok, err := t.shop(ctx, d.ShopDomain)
	if err != nil {
		return err
	}
	if ok && shop.Installed() {
		t.log.Warn("shop/redact for an installed shop ignored", "shop", shop.Domain)
		return nil
	}
	erased, err := t.privacy.RedactShop(ctx, d.ShopDomain)
	if err == nil {
		t.log.Info("shop erased", "shop", d.ShopDomain, "shops", erased["shops"], "webhook_deliveries", erased["webhook_deliveries"])
	}
	return err
}
