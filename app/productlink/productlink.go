// Package productlink makes the links of the product cards a conversation
// shows and serves their clicks: a click is recorded for the conversation
// (the AI agent's sales are credited by it, SPEC §5) and the shopper is sent
// on to the product. Links are signed, so that nobody can make a click count
// for a conversation that never showed the card.
package productlink

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/url"
	"regexp"

	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v5"

	"hubchat/app/apperr"
	"hubchat/app/web"
	"hubchat/storage"
)

// ProxyPath is where a card's link points on the storefront: the app
// proxy's path (shopify.app.toml) and the route that serves clicks.
const ProxyPath = "/apps/hubchat/click"

const audience = "hubchat-product-link"

// handlePattern is what a Shopify product handle may be; the redirect only
// ever goes to a product page of the storefront itself.
var handlePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,254}$`)

// Card is a product shown in a conversation.
type Card struct {
	ShopID         int64  `json:"shp"`
	ConversationID int64  `json:"cnv"`
	ProductID      int64  `json:"prd"` // the product's Shopify id
	Handle         string `json:"hdl"` // its handle: the storefront's /products/{handle}
}

// Signer signs and verifies card links with a key derived from the app
// secret, so that a link can never pass as any other token of the app.
type Signer struct{ key []byte }

// NewSigner derives the links' key from the app secret.
func NewSigner(appSecret string) Signer {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write([]byte("hubchat product link v1"))
	return Signer{key: m.Sum(nil)}
}

type linkClaims struct {
	jwt.RegisteredClaims
	Card
}

// Link is the storefront URL (a path on the shop's own domain) of card's
// link. Links do not expire: a card stays in the transcript, and a click
// days later still leads to the product (it is credited by the 24-hour rule
// only if an order follows it).
func (s Signer) Link(card Card) (string, error) {
	if card.ProductID <= 0 || card.ConversationID <= 0 || !handlePattern.MatchString(card.Handle) {
		return "", fmt.Errorf("product link: invalid card %+v", card)
	}
	c := linkClaims{RegisteredClaims: jwt.RegisteredClaims{Issuer: "hubchat", Audience: jwt.ClaimStrings{audience}}, Card: card}
	token, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.key)
	if err != nil {
		return "", fmt.Errorf("product link: %w", err)
	}
	return ProxyPath + "?" + url.Values{"l": {token}}.Encode(), nil
}

// Verify returns the card a link's token was made for, or an Invalid error.
func (s Signer) Verify(token string) (Card, error) {
	var c linkClaims
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithAudience(audience), jwt.WithIssuer("hubchat")).
		ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.key, nil })
	if err != nil || !handlePattern.MatchString(c.Handle) {
		return Card{}, apperr.New(apperr.Invalid, "This product link is not valid.")
	}
	return c.Card, nil
}

// ClickRecorder records a card's click (storage.Attribution).
type ClickRecorder interface {
	RecordClick(ctx context.Context, shopID int64, c storage.ProductClick) (int64, error)
}

// Handler serves clicks behind the app proxy guard, which has checked
// Shopify's signature and found the shop.
type Handler struct {
	Signer Signer
	Clicks ClickRecorder
}

// Click records the click of the link in query parameter l (or of the
// short link in s, which texts carry) and redirects to the product. A link
// made for another shop is refused like a forged one.
func (h Handler) Click(c *fiber.Ctx) error {
	card, err := h.Signer.Verify(c.Query("l"))
	if short := c.Query("s"); short != "" {
		card, err = h.Signer.VerifyShort(short)
	}
	if err != nil {
		return err
	}
	if card.ShopID != web.ShopID(c) {
		return apperr.New(apperr.Invalid, "This product link is not valid.")
	}
	_, err = h.Clicks.RecordClick(c.UserContext(), card.ShopID, storage.ProductClick{ConversationID: card.ConversationID, ProductID: card.ProductID})
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Redirect("/products/"+card.Handle, fiber.StatusFound)
}
