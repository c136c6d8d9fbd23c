package productlink_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"hubchat/app/apperr"
	"hubchat/app/productlink"
)

// A short link carries its card, is short enough for a text, and verifies
// only as signed: not changed, not under another app secret, not as a JWT
// link's token.
func TestShortLinksVerifyOnlyAsSigned(t *testing.T) {
	s := productlink.NewSigner("shpss_secret")
	card := productlink.Card{ShopID: 12, ConversationID: 123456, ProductID: 8123456789012, Handle: "classic-ceramic-coffee-mug"}
	link, err := s.ShortLink(card)
	if err != nil || !strings.HasPrefix(link, productlink.ProxyPath+"?s=") || len(link) > 110 {
		t.Fatalf("short link %q (%d characters), %v", link, len(link), err)
	}
	token := strings.TrimPrefix(link, productlink.ProxyPath+"?s=")
	if got, err := s.VerifyShort(token); err != nil || got != card {
		t.Fatalf("verify: %+v, %v; want %+v", got, err, card)
	}
	payload, mac, _ := strings.Cut(token, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(payload)
	raw[1] ^= 1 // another conversation
	other, _ := productlink.NewSigner("another").ShortLink(card)
	jwtLink, _ := s.Link(card)
	for name, bad := range map[string]string{
		"another conversation": base64.RawURLEncoding.EncodeToString(raw) + "." + mac,
		"another app's":        strings.TrimPrefix(other, productlink.ProxyPath+"?s="),
		"a JWT link's token":   strings.TrimPrefix(jwtLink, productlink.ProxyPath+"?l="),
		"no signature":         payload, "empty": "", "signature cut": payload + "." + mac[:4],
	} {
		if _, err := s.VerifyShort(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v, want refused as invalid", name, err)
		}
	}
	if _, err := s.Verify(token); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a short token passed as a JWT link: %v", err)
	}
	for _, bad := range []productlink.Card{{ShopID: 1, ConversationID: 1, ProductID: 1, Handle: "../admin"}, {ShopID: 0, ConversationID: 1, ProductID: 1, Handle: "hat"}} {
		if _, err := s.ShortLink(bad); err == nil {
			t.Errorf("%+v made a short link", bad)
		}
	}
}
