package productlink_test

import (
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"hubchat/app/apperr"
	"hubchat/app/productlink"
)

func TestLinksVerifyOnlyAsSigned(t *testing.T) {
	s := productlink.NewSigner("shpss_secret")
	card := productlink.Card{ShopID: 3, ConversationID: 41, ProductID: 9001, Handle: "trailhead-merino-hoodie"}
	link, err := s.Link(card)
	if err != nil || !strings.HasPrefix(link, productlink.ProxyPath+"?l=") {
		t.Fatalf("link %q, %v", link, err)
	}
	token := strings.TrimPrefix(link, productlink.ProxyPath+"?l=")
	if got, err := s.Verify(token); err != nil || got != card {
		t.Fatalf("verify: %+v, %v; want %+v", got, err, card)
	}

	// The same claims signed with the plain secret, or with HS384, or
	// unsigned: none passes. Nor does a token of another app secret.
	claims := jwt.MapClaims{"iss": "hubchat", "aud": "hubchat-product-link", "shp": 3, "cnv": 42, "prd": 9001, "hdl": "x"}
	plain, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("shpss_secret"))
	hs384, _ := jwt.NewWithClaims(jwt.SigningMethodHS384, claims).SignedString([]byte("shpss_secret"))
	none, _ := jwt.NewWithClaims(jwt.SigningMethodNone, claims).SignedString(jwt.UnsafeAllowNoneSignatureType)
	other, _ := productlink.NewSigner("another").Link(card)
	parts := strings.Split(token, ".")
	for name, bad := range map[string]string{
		"signed with the secret itself": plain, "HS384": hs384, "alg none": none, "empty": "",
		"another app's":   strings.TrimPrefix(other, productlink.ProxyPath+"?l="),
		"payload swapped": parts[0] + "." + strings.Split(plain, ".")[1] + "." + parts[2],
	} {
		if _, err := s.Verify(bad); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v, want refused as invalid", name, err)
		}
	}
}

func TestLinkRefusesCardsThatCouldRedirectElsewhere(t *testing.T) {
	s := productlink.NewSigner("shpss_secret")
	for _, handle := range []string{"", "../admin", "//evil.example", "hat?x=1", "Hat", "hat/../../x"} {
		if _, err := s.Link(productlink.Card{ShopID: 1, ConversationID: 1, ProductID: 1, Handle: handle}); err == nil {
			t.Errorf("handle %q made a link", handle)
		}
	}
	if _, err := s.Link(productlink.Card{ShopID: 1, ConversationID: 0, ProductID: 1, Handle: "hat"}); err == nil {
		t.Error("a card of no conversation made a link")
	}
}
