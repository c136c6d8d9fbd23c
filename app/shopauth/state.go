package shopauth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// stateCookie carries the OAuth state nonce between the start of an install
// and Shopify's callback. It is signed with the app secret and bound to the
// shop, so a callback for another shop, or with a state of the attacker's
// choosing, is refused.
const stateCookie = "hubchat_oauth_state"

func newNonce() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

// signState returns the cookie value for nonce and shop.
func signState(secret, nonce, shop string) string {
	return nonce + "." + stateMAC(secret, nonce, shop)
}

// checkState reports whether cookie was issued for shop and carries state.
func checkState(secret, cookie, shop, state string) bool {
	nonce, mac, ok := strings.Cut(cookie, ".")
	if !ok || nonce == "" {
		return false
	}
	validMAC := hmac.Equal([]byte(mac), []byte(stateMAC(secret, nonce, shop)))
	sameNonce := hmac.Equal([]byte(nonce), []byte(state))
	return validMAC && sameNonce
}

func stateMAC(secret, nonce, shop string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("oauth-state\x00" + nonce + "\x00" + shop))
	return hex.EncodeToString(m.Sum(nil))
}
